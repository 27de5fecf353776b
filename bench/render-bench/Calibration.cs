using System.Globalization;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;

namespace RenderBench;

/// <summary>
/// For every profile, sweeps glyph sizes over a corpus and prints the compression each gives, then
/// the largest size that reaches each level's target: the numbers profiles.json carries.
/// </summary>
internal static class Calibration
{
    private const float MaxSize = 16f;
    private const float MinSize = 4f;

    public static int Run(string folder, string? only = null)
    {
        var fragments = Corpus.Load(folder);
        Console.WriteLine($"corpus: {fragments.Count} files, {fragments.Sum(f => f.Text.Length)} chars");
        foreach (var profile in ProfileCatalog.All.Where(p => only is null || only.Split(',').Contains(p.Id)))
        {
            foreach (var (name, level) in profile.Levels.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                // Each level keeps its own typography and wrap allowance, so each level sweeps sizes
                // itself, largest first: the first size that reaches the target is the pick.
                if (level.TargetCompression is null)
                {
                    var fixedLayout = PageLayoutEngine.Layout(fragments, new RenderRequest { Profile = profile, Level = name });
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{profile.Id} {name} fixed {level.FontSize}px -> {fixedLayout.TextTokens / (double)fixedLayout.VisionTokens:F2}x, {fixedLayout.ColumnsPerPage} columns"));
                    continue;
                }

                var sizes = new List<(float Size, double Compression, int Columns)>();
                for (var size = MaxSize; size >= MinSize; size -= 0.25f)
                {
                    var layout = PageLayoutEngine.Layout(fragments, new RenderRequest { Profile = profile, Level = name, FontSize = size });
                    sizes.Add((size, layout.TextTokens / (double)layout.VisionTokens, layout.ColumnsPerPage));
                    if (sizes[^1].Compression >= level.TargetCompression)
                    {
                        break;
                    }
                }

                Console.WriteLine($"{profile.Id} {name} (wrap share {level.MaxWrapShare}): " + string.Join(" ", sizes.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Size}px={s.Compression:F1}x/{s.Columns}c"))));
                var pick = sizes[^1];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} target {level.TargetCompression}x -> {(pick.Compression < level.TargetCompression ? "unreachable" : $"{pick.Size}px ({pick.Compression:F2}x)")}"));
            }
        }

        return 0;
    }
}
