using CodeContext.Analyzers.Loading;
using CodeContext.Core;

namespace CodeContext.Analyzers.Tests.Loading;

/// <summary>Every way into the loader, and every fallback path.</summary>
public sealed class LoadingTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private const string Code = "namespace Lib; public sealed class A { }";

    [Fact]
    public async Task Loads_a_solution_with_msbuild()
    {
        _tree.With("Lib/Lib.csproj", TempTree.LibraryProject).With("Lib/A.cs", Code)
            .With("App.sln", SolutionFile(("Lib", "Lib/Lib.csproj")));
        var workspace = await WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions());

        Assert.Equal(["Lib/A.cs"], workspace.Files.Select(f => f.RelativePath));
        Assert.Equal("msbuild", workspace.LoadMode);
        Assert.DoesNotContain(workspace.Degraded, d => d.Reason.Contains("MSBuild could not"));
    }

    [Fact]
    public async Task Broken_project_falls_back_to_syntax_only_and_says_why()
    {
        _tree.With("Good/Good.csproj", TempTree.LibraryProject).With("Good/G.cs", "namespace Good; public class G { }")
            .With("Bad/Bad.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup><ItemGroup><Broken")
            .With("Bad/B.cs", "namespace Bad; public class B { }")
            .With("All.sln", SolutionFile(("Good", "Good/Good.csproj"), ("Bad", "Bad/Bad.csproj")));
        var workspace = await WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions());

        Assert.Equal(["Bad/B.cs", "Good/G.cs"], workspace.Files.Select(f => f.RelativePath));
        var degraded = Assert.Single(workspace.Degraded, d => d.RelativePath == "Bad/Bad.csproj");
        Assert.StartsWith("syntax-only", degraded.Fallback);
        Assert.False(string.IsNullOrWhiteSpace(degraded.Reason));
        Assert.Equal("msbuild+syntax-only", workspace.LoadMode);
    }

    [Fact]
    public async Task Unrestored_project_is_reported_as_degraded()
    {
        _tree.With("Lib/Lib.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                  <ItemGroup><PackageReference Include="Some.Package.That.Does.Not.Exist" Version="1.0.0" /></ItemGroup>
                </Project>
                """)
            .With("Lib/A.cs", Code);
        var workspace = await WorkspaceLoader.LoadAsync(_tree.PathOf("Lib/Lib.csproj"), new LoadOptions());

        Assert.Equal(["A.cs"], workspace.Files.Select(f => f.RelativePath));
        var degraded = Assert.Single(workspace.Degraded);
        Assert.Contains("not restored", degraded.Reason);
    }

    [Fact]
    public async Task Folder_without_solution_loads_every_project()
    {
        _tree.With("a/A.csproj", TempTree.LibraryProject).With("a/A.cs", Code)
            .With("b/B.csproj", TempTree.LibraryProject).With("b/B.cs", "namespace Lib2; public class B { }");
        var workspace = await WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions { NoMsBuild = true });

        Assert.Equal(["a/A.cs", "b/B.cs"], workspace.Files.Select(f => f.RelativePath));
        Assert.Equal(2, workspace.Solution.ProjectIds.Count);
    }

    [Fact]
    public async Task Folder_of_loose_files_loads_syntax_only()
    {
        _tree.With("x/One.cs", "class One { Two t = new(); }").With("Two.cs", "class Two { }");
        var workspace = await WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions());

        Assert.Equal(["Two.cs", "x/One.cs"], workspace.Files.Select(f => f.RelativePath));
        Assert.Equal("syntax-only", workspace.LoadMode);
    }

    [Fact]
    public async Task No_msbuild_switch_forces_syntax_only_for_every_project()
    {
        _tree.With("Lib/Lib.csproj", TempTree.LibraryProject).With("Lib/A.cs", Code)
            .With("App.sln", SolutionFile(("Lib", "Lib/Lib.csproj")));
        var workspace = await WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions { NoMsBuild = true });

        Assert.Equal("syntax-only", workspace.LoadMode);
        var degraded = Assert.Single(workspace.Degraded);
        Assert.Contains("--no-msbuild", degraded.Reason);
        Assert.Equal(["Lib/A.cs"], workspace.Files.Select(f => f.RelativePath));
    }

    [Fact]
    public async Task Several_top_level_solutions_fail_listing_them()
    {
        _tree.With("One.sln", SolutionFile()).With("Two.slnx", "<Solution />").With("A.cs", Code);
        var error = await Assert.ThrowsAsync<UserError>(() => WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions()));
        Assert.Contains("One.sln", error.Message);
        Assert.Contains("Two.slnx", error.Message);
    }

    [Fact]
    public async Task Missing_path_and_empty_tree_are_clear_errors()
    {
        var missing = await Assert.ThrowsAsync<UserError>(() => WorkspaceLoader.LoadAsync(_tree.PathOf("nope"), new LoadOptions()));
        Assert.Contains("does not exist", missing.Message);
        var empty = await Assert.ThrowsAsync<UserError>(() => WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions()));
        Assert.Contains("no solution, project or C# file", empty.Message);
    }

    [Fact]
    public async Task Skips_what_must_never_be_context_with_reasons()
    {
        _tree.With("A.cs", Code)
            .With("bin/Debug/Old.cs", "class Old { }")
            .With("obj/Gen.cs", "class Gen { }")
            .With(".gitignore", "*.local.cs\nscratch/\n")
            .With("Me.local.cs", "class Me { }")
            .With("scratch/Try.cs", "class Try { }")
            .With(".codecontextignore", "legacy/\n")
            .With("legacy/Old.cs", "class Legacy { }")
            .With("Map.g.cs", "class Map { }")
            .With("Form.Designer.cs", "class Form { }")
            .With("Auto.cs", "// <auto-generated>\n// by a tool\n// </auto-generated>\nclass Auto { }")
            .With("Huge.cs", "class Huge { }\n" + new string('/', 600 * 1024))
            .WithBytes("Blob.cs", [0x63, 0x6c, 0x00, 0x01, 0x02]);
        var workspace = await WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions());

        Assert.Equal(["A.cs"], workspace.Files.Select(f => f.RelativePath));
        var reasons = workspace.Skipped.ToDictionary(s => s.RelativePath, s => s.Reason);
        Assert.Equal("ignored by .gitignore", reasons["Me.local.cs"]);
        Assert.Equal("ignored by .gitignore", reasons["scratch/Try.cs"]);
        Assert.Equal("ignored by .codecontextignore", reasons["legacy/Old.cs"]);
        Assert.Equal("generated code (file name)", reasons["Map.g.cs"]);
        Assert.Equal("generated code (file name)", reasons["Form.Designer.cs"]);
        Assert.Equal("generated code (<auto-generated> header)", reasons["Auto.cs"]);
        Assert.StartsWith("larger than", reasons["Huge.cs"]);
        Assert.Equal("binary content", reasons["Blob.cs"]);
        Assert.DoesNotContain(workspace.Files, f => f.RelativePath.StartsWith("bin/") || f.RelativePath.StartsWith("obj/"));
    }

    [Fact]
    public async Task Resolves_active_paths_absolute_root_relative_and_reports_skipped_ones()
    {
        _tree.With("src/A.cs", Code).With("src/B.g.cs", "class B { }");
        var workspace = await WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions());

        Assert.Equal("src/A.cs", workspace.ResolveFile(_tree.PathOf("src/A.cs")).RelativePath);
        Assert.Equal("src/A.cs", workspace.ResolveFile("src/A.cs").RelativePath);
        var generated = Assert.Throws<UserError>(() => workspace.ResolveFile("src/B.g.cs"));
        Assert.Contains("generated code", generated.Message);
        var unknown = Assert.Throws<UserError>(() => workspace.ResolveFile("src/Nope.cs"));
        Assert.Contains("src/Nope.cs", unknown.Message);
    }

    private static string SolutionFile(params (string Name, string Path)[] projects)
    {
        var lines = new List<string> { "Microsoft Visual Studio Solution File, Format Version 12.00" };
        foreach (var (name, path) in projects)
        {
            lines.Add($"Project(\"{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}\") = \"{name}\", \"{path.Replace('/', '\\')}\", \"{{{Guid.NewGuid().ToString().ToUpperInvariant()}}}\"");
            lines.Add("EndProject");
        }
        return string.Join("\n", lines) + "\n";
    }
}
