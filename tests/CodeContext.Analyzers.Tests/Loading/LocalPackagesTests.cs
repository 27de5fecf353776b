using CodeContext.Analyzers.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeContext.Analyzers.Tests.Loading;

/// <summary>Unrestored projects take their packages from the machine's NuGet folder when an earlier restore left them there.</summary>
public sealed class LocalPackagesTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private string Package(string id, string version, params string[] files)
    {
        foreach (var file in files) _tree.With($"packages/{id.ToLowerInvariant()}/{version}/{file}", "");
        return _tree.PathOf($"packages/{id.ToLowerInvariant()}/{version}");
    }

    [Fact]
    public void Picks_the_requested_version_the_nearest_compatible_framework_ref_before_lib_and_follows_the_nearest_dependency_group()
    {
        Package("Acme", "1.0.0", "lib/net8.0/Acme.dll");
        Package("Acme", "2.0.0", "lib/net462/Acme.dll", "lib/netstandard2.0/Acme.dll", "lib/net8.0/Acme.dll", "lib/net11.0/Acme.dll", "ref/net9.0/Acme.dll");
        _tree.With("packages/acme/2.0.0/acme.nuspec", """
            <package><metadata><dependencies>
              <group targetFramework=".NETStandard2.0"><dependency id="Old.Dep" version="1.0.0" /></group>
              <group targetFramework="net8.0"><dependency id="New.Dep" version="[3.0.0, )" /></group>
            </dependencies></metadata></package>
            """);
        Package("New.Dep", "3.0.0", "lib/netstandard2.1/New.Dep.dll");
        Package("New.Dep", "3.5.0", "lib/netstandard2.1/New.Dep.dll");
        Package("Old.Dep", "1.0.0", "lib/netstandard2.0/Old.Dep.dll");
        var packages = LocalPackages.Find(_tree.PathOf("packages"))!;

        var assemblies = packages.CompileAssemblies([("Acme", "2.0.0"), ("Missing", "1.0.0")], "net10.0")
            .Select(p => Path.GetRelativePath(_tree.PathOf("packages"), p).Replace('\\', '/'));

        Assert.Equal(["acme/2.0.0/ref/net9.0/Acme.dll", "new.dep/3.0.0/lib/netstandard2.1/New.Dep.dll"], assemblies);
        // A version that is not there: the highest present stands in.
        Assert.Equal(["acme/2.0.0/ref/net9.0/Acme.dll"], packages.CompileAssemblies([("Acme", "9.9.9")], "net10.0").Select(p => Path.GetRelativePath(_tree.PathOf("packages"), p).Replace('\\', '/')).Take(1));
        // A .NET Standard 2.0 project takes only .NET Standard assets up to 2.0.
        Assert.Equal(["acme/1.0.0/lib/net8.0/Acme.dll"], packages.CompileAssemblies([("Acme", "1.0.0")], "net8.0").Select(p => Path.GetRelativePath(_tree.PathOf("packages"), p).Replace('\\', '/')));
        Assert.Empty(packages.CompileAssemblies([("Acme", "1.0.0")], "netstandard2.0"));
    }

    [Fact]
    public async Task An_unrestored_project_binds_a_package_type_found_in_the_local_cache_and_says_so()
    {
        var dll = Path.Combine(Package("Acme.Clock", "1.0.0"), "lib", "netstandard2.0", "Acme.Clock.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(dll)!);
        var library = CSharpCompilation.Create("Acme.Clock", [CSharpSyntaxTree.ParseText("namespace Acme; public static class Clock { public static int Now() => 1; }")],
            [MetadataReference.CreateFromFile(ReferenceAssembly("System.Runtime.dll"))], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.True(library.Emit(dll).Success);
        _tree.With("App/App.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <RestorePackagesPath>$(MSBuildThisFileDirectory)../packages</RestorePackagesPath>
                  </PropertyGroup>
                  <ItemGroup><PackageReference Include="Acme.Clock" Version="1.0.0" /></ItemGroup>
                </Project>
                """)
            .With("App/Use.cs", "namespace App; public class Use { public int At() => Acme.Clock.Now(); }");
        var log = new StringWriter();

        var workspace = await WorkspaceLoader.LoadAsync(_tree.PathOf("App/App.csproj"), new LoadOptions { Log = log });

        var compilation = (await workspace.Solution.Projects.Single().GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains("1 package assemblies from the local NuGet cache", log.ToString());
        Assert.False(Directory.Exists(_tree.PathOf("App/obj")));
    }

    /// <summary>A reference assembly of the installed targeting pack, as a real package would be built against.</summary>
    private static string ReferenceAssembly(string name)
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        return Directory.EnumerateFiles(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"), name, SearchOption.AllDirectories)
            .First(f => f.Contains($"{Path.DirectorySeparatorChar}ref{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }
}
