using CodeContext.Rendering.Layout;

namespace RenderBench;

/// <summary>Every .cs file under a folder as whole-file fragments (plain, unclassified: colour does not change the geometry).</summary>
internal static class Corpus
{
    public static List<SourceFragment> Load(string folder, int maxFiles = int.MaxValue) =>
        [.. Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Take(maxFiles)
            .Select(path => SourceFragment.FromFile(Path.GetRelativePath(folder, path).Replace('\\', '/'), File.ReadAllText(path).Replace("\r\n", "\n"), []))];
}
