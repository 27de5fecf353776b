namespace CodeContext.TestUtilities;

/// <summary>A throw-away folder of files for one test, deleted afterwards.</summary>
public sealed class TempTree : IDisposable
{
    private static readonly HashSet<string> BuildFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git" };

    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "cc-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    /// <summary>A private copy of a folder (without bin, obj and .git), so disk changes never touch the original.</summary>
    public static TempTree CopyOf(string folder)
    {
        var tree = new TempTree();
        Copy(folder, tree.Root);
        return tree;
    }

    public string Root { get; }

    public TempTree With(string relativePath, string content)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public TempTree WithBytes(string relativePath, byte[] content)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return this;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            if (!BuildFolders.Contains(Path.GetFileName(dir))) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    public const string LibraryProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
          </PropertyGroup>
        </Project>
        """;

    public static string ProjectReferencing(params string[] references) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
          <ItemGroup>
        {string.Join("\n", references.Select(r => $"    <ProjectReference Include=\"{r}\" />"))}
          </ItemGroup>
        </Project>
        """;
}
