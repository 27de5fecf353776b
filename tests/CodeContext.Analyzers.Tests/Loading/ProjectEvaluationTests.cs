using CodeContext.Analyzers.Loading;
using CodeContext.Core;

namespace CodeContext.Analyzers.Tests.Loading;

/// <summary>What MSBuild evaluation gives a project (frameworks, symbols, usings, internals, cached models) and which framework a load pins.</summary>
public sealed class ProjectEvaluationTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private const string Code = "namespace Lib; public sealed class A { }";

    [Fact]
    public async Task Multi_targeted_project_is_loaded_once_with_its_newest_framework()
    {
        _tree.With("Lib/Lib.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFrameworks>net8.0;net10.0</TargetFrameworks></PropertyGroup>
                </Project>
                """)
            .With("Lib/A.cs", Code);
        var workspace = await WorkspaceLoader.LoadAsync(_tree.PathOf("Lib/Lib.csproj"), new LoadOptions());

        var project = Assert.Single(workspace.Solution.Projects);
        Assert.Contains("NET10_0", project.ParseOptions!.PreprocessorSymbolNames);
        Assert.DoesNotContain("NET8_0", project.ParseOptions!.PreprocessorSymbolNames);
        Assert.Single(workspace.Files);
    }

    [Fact]
    public async Task The_cached_project_model_keeps_what_evaluation_said_including_generated_sources()
    {
        _tree.With("Lib/Lib.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <SignAssembly>true</SignAssembly>
                    <AssemblyOriginatorKeyFile>key.snk</AssemblyOriginatorKeyFile>
                  </PropertyGroup>
                </Project>
                """)
            .With("Lib/key.snk", "not a real key: signing is left out of the model")
            .With("Lib/A.cs", Code)
            .With("Tests/Tests.csproj", ProjectReferencing("../Lib/Lib.csproj"))
            .With("Tests/T.cs", "namespace Tests; public class T { }");
        using var cacheRoot = new TempTree();
        var log = new StringWriter();
        var options = new LoadOptions { Cache = new CacheDirectory(cacheRoot.Root), Log = log };

        var evaluated = (await WorkspaceLoader.LoadAsync(_tree.Root, options)).Solution.Projects.Single(p => p.Name == "Lib");
        var cached = (await WorkspaceLoader.LoadAsync(_tree.Root, options)).Solution.Projects.Single(p => p.Name == "Lib");

        Assert.Contains("MSBuild evaluation skipped", log.ToString());
        // Unsigned on purpose, so that the friend grant below holds without keys.
        Assert.Null(evaluated.CompilationOptions!.CryptoKeyFile);
        Assert.Equal(evaluated.AssemblyName, cached.AssemblyName);
        Assert.Equal(evaluated.ParseOptions!.PreprocessorSymbolNames.Order(), cached.ParseOptions!.PreprocessorSymbolNames.Order());
        foreach (var project in new[] { evaluated, cached })
        {
            var generated = project.Documents.Where(d => d.FilePath is null).ToDictionary(d => d.Name, d => d.GetTextAsync().Result.ToString());
            Assert.Contains("global using global::System.Collections.Generic;", generated["Lib.GlobalUsings.g.cs"]);
            Assert.Contains("InternalsVisibleTo(\"Tests\")", generated["Lib.AssemblyInfo.cs"]);
        }
    }

    [Fact]
    public async Task Evaluation_gives_framework_symbols_implicit_usings_and_internals_to_referencing_projects_and_writes_nothing()
    {
        _tree.With("Lib/Lib.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
                </Project>
                """)
            .With("Lib/Store.cs", """
                namespace Lib;
                internal sealed class Store
                {
                #if NET8_0_OR_GREATER
                    internal List<string> Keys { get; } = [];
                #endif
                }
                """)
            .With("Tests/Tests.csproj", ProjectReferencing("../Lib/Lib.csproj"))
            .With("Tests/StoreTests.cs", "namespace Tests; public class StoreTests { public int Count() => new Lib.Store().Keys.Count; }");

        var workspace = await WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions());

        var lib = workspace.Solution.Projects.Single(p => p.Name == "Lib");
        Assert.Contains("NET10_0", lib.ParseOptions!.PreprocessorSymbolNames);
        Assert.Contains("NET8_0_OR_GREATER", lib.ParseOptions!.PreprocessorSymbolNames);
        var tests = workspace.Solution.Projects.Single(p => p.Name == "Tests");
        var compilation = (await tests.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        // Evaluation runs no target: no obj/ (generated sources, caches) appears in the user's tree.
        Assert.False(Directory.Exists(_tree.PathOf("Lib/obj")));
        Assert.False(Directory.Exists(_tree.PathOf("Tests/obj")));
    }

    private static string ProjectReferencing(string reference) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
          <ItemGroup><ProjectReference Include="{reference}" /></ItemGroup>
        </Project>
        """;

    [Fact]
    public void Unrestored_projects_are_all_evaluated_for_the_newest_listed_framework()
    {
        _tree.With("Lib/Lib.csproj", MultiTargeted("net8.0;netstandard2.0"))
            .With("Tests/Tests.csproj", MultiTargeted("net10.0;net9.0"));
        var projects = new[] { _tree.PathOf("Lib/Lib.csproj"), _tree.PathOf("Tests/Tests.csproj") };

        Assert.Equal("net10.0", TargetFrameworkChoice.Pinned(projects, RestoreOutputs.For(projects)));
    }

    [Theory]
    [InlineData("Lib/obj/project.assets.json", null)] // restored without net10.0 assets
    [InlineData("artifacts/obj/Lib/project.assets.json", "<Project><PropertyGroup><UseArtifactsOutput>true</UseArtifactsOutput></PropertyGroup></Project>")]
    [InlineData("Lib/Lib.cs", "<Project><PropertyGroup><BaseIntermediateOutputPath>out/</BaseIntermediateOutputPath></PropertyGroup></Project>")]
    public void No_framework_is_pinned_when_a_restored_project_lacks_it_or_restore_state_is_unknown(string restoreFile, string? buildProps)
    {
        _tree.With("Lib/Lib.csproj", MultiTargeted("net8.0;netstandard2.0"))
            .With("Tests/Tests.csproj", MultiTargeted("net10.0;net9.0"))
            .With(restoreFile, "{}");
        if (buildProps is not null) _tree.With("Directory.Build.props", buildProps);
        var projects = new[] { _tree.PathOf("Lib/Lib.csproj"), _tree.PathOf("Tests/Tests.csproj") };

        Assert.Null(TargetFrameworkChoice.Pinned(projects, RestoreOutputs.For(projects)));
    }

    [Fact]
    public void No_framework_is_pinned_when_one_comes_from_a_property()
    {
        _tree.With("Lib/Lib.csproj", MultiTargeted("$(LibFrameworks)"))
            .With("Tests/Tests.csproj", MultiTargeted("net10.0;net9.0"));
        var projects = new[] { _tree.PathOf("Lib/Lib.csproj"), _tree.PathOf("Tests/Tests.csproj") };

        Assert.Null(TargetFrameworkChoice.Pinned(projects, RestoreOutputs.For(projects)));
    }

    private static string MultiTargeted(string frameworks) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><TargetFrameworks>{frameworks}</TargetFrameworks></PropertyGroup>
        </Project>
        """;
}
