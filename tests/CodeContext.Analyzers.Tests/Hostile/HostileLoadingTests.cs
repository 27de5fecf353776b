using System.Diagnostics;
using System.Text;
using CodeContext.Analyzers.Loading;
using CodeContext.Core;

namespace CodeContext.Analyzers.Tests.Hostile;

/// <summary>
/// The hostile-input corpus for loading: what a repository can contain to leak files from outside
/// it, hang the loader or kill the process. Each case ends in a skip with its reason or a clear
/// error, and nothing from outside the root in the snapshot's context files.
/// </summary>
public sealed class HostileLoadingTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly string _outside = Path.Combine(Path.GetTempPath(), "cc-outside-" + Guid.NewGuid().ToString("N")[..8]);

    public HostileLoadingTests() => Directory.CreateDirectory(_outside);

    public void Dispose()
    {
        _tree.Dispose();
        try { Directory.Delete(_outside, recursive: true); } catch (IOException) { }
    }

    private const string Code = "namespace Lib; public sealed class A { public int Answer() => 42; }";
    private const string OutsideMarker = "OUTSIDE_THE_ROOT_MARKER";

    private static Task<LoadedWorkspace> LoadAsync(string path, bool noMsBuild = false)
    {
        var load = WorkspaceLoader.LoadAsync(path, new LoadOptions { NoMsBuild = noMsBuild });
        // A hang is a failure, not a stuck test run.
        return load.WaitAsync(TimeSpan.FromMinutes(2));
    }

    private static async Task<string> AllContextTextAsync(LoadedWorkspace workspace)
    {
        var text = new StringBuilder();
        foreach (var file in workspace.Files) text.Append((await workspace.GetDocument(file).GetTextAsync()).ToString());
        foreach (var document in workspace.Solution.Projects.SelectMany(p => p.Documents))
            text.Append((await document.GetTextAsync()).ToString());
        return text.ToString();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_file_link_out_of_the_root_is_skipped_with_its_reason_and_never_read(bool noMsBuild)
    {
        File.WriteAllText(Path.Combine(_outside, "secret.cs"), $"// {OutsideMarker}\nnamespace Outside; class S {{ }}");
        _tree.With("Lib/Lib.csproj", TempTree.LibraryProject).With("Lib/A.cs", Code);
        File.CreateSymbolicLink(_tree.PathOf("Lib/passwd.cs"), Path.Combine(_outside, "secret.cs"));

        var workspace = await LoadAsync(_tree.Root, noMsBuild);

        Assert.Equal(["Lib/A.cs"], workspace.Files.Select(f => f.RelativePath));
        Assert.Contains(workspace.Skipped, s => s.RelativePath == "Lib/passwd.cs" && s.Reason.Contains("symbolic link leads outside"));
        Assert.DoesNotContain(OutsideMarker, await AllContextTextAsync(workspace));
    }

    [Fact]
    public async Task A_folder_link_out_of_the_root_is_never_read()
    {
        File.WriteAllText(Path.Combine(_outside, "Leak.cs"), $"// {OutsideMarker}\nnamespace Outside; class Leak {{ }}");
        _tree.With("Lib/Lib.csproj", TempTree.LibraryProject).With("Lib/A.cs", Code);
        Directory.CreateSymbolicLink(_tree.PathOf("Lib/linked"), _outside);

        var workspace = await LoadAsync(_tree.Root);

        Assert.Equal(["Lib/A.cs"], workspace.Files.Select(f => f.RelativePath));
        Assert.DoesNotContain(OutsideMarker, await AllContextTextAsync(workspace));
    }

    [Fact]
    public async Task A_compile_item_outside_the_root_is_dropped()
    {
        File.WriteAllText(Path.Combine(_outside, "Shared.cs"), $"// {OutsideMarker}\nnamespace Outside; class Shared {{ }}");
        _tree.With("Lib/Lib.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                  <ItemGroup><Compile Include="{Path.Combine(_outside, "Shared.cs")}" /></ItemGroup>
                </Project>
                """)
            .With("Lib/A.cs", Code);

        var workspace = await LoadAsync(_tree.Root);

        Assert.Equal(["Lib/A.cs"], workspace.Files.Select(f => f.RelativePath));
        Assert.DoesNotContain(OutsideMarker, await AllContextTextAsync(workspace));
    }

    [Theory]
    [InlineData(".env.cs")]
    [InlineData("id_rsa.cs")]
    public async Task A_secret_named_source_file_is_excluded_once_and_never_read(string name)
    {
        _tree.With("Lib/Lib.csproj", TempTree.LibraryProject).With("Lib/A.cs", Code)
            .With("Lib/" + name, "namespace Lib; class Keys { string s = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"; }");

        var workspace = await LoadAsync(_tree.Root);

        Assert.Equal(["Lib/A.cs"], workspace.Files.Select(f => f.RelativePath));
        var skipped = Assert.Single(workspace.Skipped, s => s.RelativePath == "Lib/" + name);
        Assert.Contains("secrets", skipped.Reason);
        Assert.DoesNotContain("wJalrXUtnFEMI", await AllContextTextAsync(workspace));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_fifo_named_like_source_does_not_hang_the_load(bool noMsBuild)
    {
        if (!OperatingSystem.IsLinux()) return;
        _tree.With("Lib/Lib.csproj", TempTree.LibraryProject).With("Lib/A.cs", Code);
        using (var mkfifo = Process.Start("mkfifo", [_tree.PathOf("Lib/pipe.cs")])) await mkfifo.WaitForExitAsync();

        var workspace = await LoadAsync(_tree.Root, noMsBuild);

        Assert.Equal(["Lib/A.cs"], workspace.Files.Select(f => f.RelativePath));
        Assert.Contains(workspace.Skipped, s => s.RelativePath == "Lib/pipe.cs" && s.Reason.Contains("not a regular file"));
    }

    public static TheoryData<string, string> DeepFiles() => new()
    {
        { "Parens.cs", "namespace Lib; class Parens { int x = " + new string('(', 20_000) + "1" + new string(')', 20_000) + "; }" },
        { "Generics.cs", "namespace Lib; class G<T> { } class Generics { " + string.Concat(Enumerable.Repeat("G<", 5_000)) + "int" + new string('>', 5_000) + " field; }" },
        { "Terms.cs", "namespace Lib; class Terms { int x = 1" + string.Concat(Enumerable.Repeat(" + 1", 50_000)) + "; }" },
        { "Interpolation.cs", "namespace Lib; class I { string s = " + string.Concat(Enumerable.Repeat("$\"{", 3_000)) + "1" + string.Concat(Enumerable.Repeat("}\"", 3_000)) + "; }" },
    };

    [Theory]
    [MemberData(nameof(DeepFiles))]
    public async Task A_file_no_parser_survives_is_skipped_and_the_rest_is_analysed(string name, string content)
    {
        _tree.With("Lib/Lib.csproj", TempTree.LibraryProject).With("Lib/A.cs", Code).With("Lib/" + name, content);

        // Binding every remaining file is what overflowed the stack before (the whole process died).
        var analysis = await CodebaseAnalysis.OpenAsync(_tree.Root, new LoadOptions(), cache: null).WaitAsync(TimeSpan.FromMinutes(2));
        var workspace = analysis.Workspace;

        Assert.Equal(["Lib/A.cs"], workspace.Files.Select(f => f.RelativePath));
        Assert.Contains(workspace.Skipped, s => s.RelativePath == "Lib/" + name && s.Reason.Contains("nested too deeply"));
        Assert.Equal(1, analysis.Graph.Count);
    }

    [Fact]
    public async Task Real_code_with_ordinary_nesting_is_not_screened_out()
    {
        // The sample solution (real code) loses nothing to the screen.
        var workspace = await LoadAsync(RepositoryPaths.Shop, noMsBuild: true);
        Assert.DoesNotContain(workspace.Skipped, s => s.Reason.Contains("nested too deeply"));
        Assert.True(workspace.Files.Count > 50);
    }

    [Theory]
    [InlineData("A", "B")]
    [InlineData("A", "A")]
    public async Task Circular_project_references_load_and_bind(string fromB, string fromA)
    {
        _tree.With("A/A.csproj", TempTree.ProjectReferencing($"../{fromA}/{fromA}.csproj", "../B/B.csproj"))
            .With("B/B.csproj", TempTree.ProjectReferencing($"../{fromB}/{fromB}.csproj"))
            .With("A/Alpha.cs", "namespace A; public class Alpha { public B.Beta Make() => new(); }")
            .With("B/Beta.cs", "namespace B; public class Beta { }");

        var workspace = await LoadAsync(_tree.Root);
        var compilations = await Task.WhenAll(workspace.Solution.Projects.Select(p => p.GetCompilationAsync())).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(["A/Alpha.cs", "B/Beta.cs"], workspace.Files.Select(f => f.RelativePath));
        Assert.All(compilations, Assert.NotNull);
    }

    [Theory]
    [InlineData("broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup><ItemGroup><Broken")]
    [InlineData("missing-import.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><Import Project=\"does-not-exist.props\" /><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>")]
    [InlineData("unknown-sdk.csproj", "<Project Sdk=\"No.Such.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>")]
    public async Task A_cached_syntax_only_fallback_loads_again_from_the_cache(string projectName, string project)
    {
        _tree.With("Lib/" + projectName, project).With("Lib/A.cs", Code);
        var cacheRoot = Path.Combine(_tree.Root, "..", Path.GetFileName(_tree.Root) + "-cache");
        try
        {
            var options = new LoadOptions { Cache = CacheDirectory.Resolve(cacheRoot) };
            var first = await WorkspaceLoader.LoadAsync(_tree.Root, options);
            var second = await WorkspaceLoader.LoadAsync(_tree.Root, options);

            Assert.Equal(first.Files.Select(f => f.RelativePath), second.Files.Select(f => f.RelativePath));
            Assert.NotEmpty(second.Degraded);
            Assert.NotNull(await second.Solution.Projects.Single().GetCompilationAsync());
        }
        finally
        {
            try { Directory.Delete(cacheRoot, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task A_corrupt_cache_entry_is_discarded_and_rebuilt()
    {
        _tree.With("Lib/Lib.csproj", TempTree.LibraryProject).With("Lib/A.cs", Code);
        var cacheRoot = Path.Combine(_tree.Root, "..", Path.GetFileName(_tree.Root) + "-cache");
        try
        {
            var options = new LoadOptions { Cache = CacheDirectory.Resolve(cacheRoot) };
            await WorkspaceLoader.LoadAsync(_tree.Root, options);
            foreach (var entry in Directory.EnumerateFiles(Path.Combine(cacheRoot, "projects"), "*.json", SearchOption.AllDirectories))
            {
                // Valid JSON of the right shape, inconsistent content: the same reference twice.
                var json = File.ReadAllText(entry);
                var reference = System.Text.RegularExpressions.Regex.Match(json, "\"MetadataReferences\":\\[(\"[^\"]+\")").Groups[1].Value;
                File.WriteAllText(entry, json.Replace("\"MetadataReferences\":[" + reference, "\"MetadataReferences\":[" + reference + "," + reference, StringComparison.Ordinal));
            }

            var reloaded = await WorkspaceLoader.LoadAsync(_tree.Root, options);
            Assert.Equal(["Lib/A.cs"], reloaded.Files.Select(f => f.RelativePath));
        }
        finally
        {
            try { Directory.Delete(cacheRoot, recursive: true); } catch (IOException) { }
        }
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32LE")]
    [InlineData("utf-32BE")]
    public async Task Utf16_and_utf32_files_with_a_byte_order_mark_are_decoded(string encodingName)
    {
        var encoding = encodingName switch
        {
            "utf-16LE" => (Encoding)new UnicodeEncoding(false, true),
            "utf-16BE" => new UnicodeEncoding(true, true),
            "utf-32LE" => new UTF32Encoding(false, true),
            _ => new UTF32Encoding(true, true),
        };
        _tree.With("Lib/Lib.csproj", TempTree.LibraryProject).With("Lib/A.cs", Code)
            .WithBytes("Lib/Wide.cs", [.. encoding.GetPreamble(), .. encoding.GetBytes("namespace Lib; public sealed class Wide { public string Name => \"wide ü\"; }")]);

        var workspace = await LoadAsync(_tree.Root);

        var wide = Assert.Single(workspace.Files, f => f.RelativePath == "Lib/Wide.cs");
        var text = (await workspace.GetDocument(wide).GetTextAsync()).ToString();
        Assert.StartsWith("namespace Lib; public sealed class Wide", text);
        Assert.Contains("wide ü", text);
    }

    [Fact]
    public async Task A_malformed_slnx_is_reported_with_its_parse_error()
    {
        _tree.With("Lib/Lib.csproj", TempTree.LibraryProject).With("Lib/A.cs", Code)
            .With("App.slnx", "<Solution><Project Path=\"Lib/Lib.csproj\"></Solution");

        var error = await Assert.ThrowsAsync<UserError>(() => LoadAsync(_tree.Root));

        Assert.Contains("App.slnx", error.Message);
        Assert.Contains("not a valid solution file", error.Message);
    }
}
