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
    public static int Run(string folder, string? only = null)
    {
        var fragments = Corpus.Load(folder);
        Console.WriteLine($"corpus: {fragments.Count} files, {fragments.Sum(f => f.Text.Length)} chars");
        foreach (var profile in ProfileCatalog.All.Where(p => only is null || only.Split(',').Contains(p.Id)))
        {
            foreach (var (name, level) in profile.Levels.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                // Each level keeps its own wrap allowance, so each level sweeps sizes itself.
                var sizes = new List<(float Size, double Compression, int Columns)>();
                for (var size = 4f; size <= 14f; size += 0.25f)
                {
                    var layout = PageLayoutEngine.Layout(fragments, new RenderRequest { Profile = profile, Level = name, FontSize = size });
                    sizes.Add((size, layout.TextTokens / (double)layout.VisionTokens, layout.ColumnsPerPage));
                }

                Console.WriteLine($"{profile.Id} {name} (wrap share {level.MaxWrapShare}): " + string.Join(" ", sizes.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Size}px={s.Compression:F1}x/{s.Columns}c"))));
                if (level.TargetCompression is null)
                {
                    var at = sizes.FirstOrDefault(s => s.Size == level.FontSize);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} fixed {level.FontSize}px -> {at.Compression:F2}x"));
                    continue;
                }

                var pick = sizes.Where(s => s.Compression >= level.TargetCompression).OrderByDescending(s => s.Size).FirstOrDefault();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} target {level.TargetCompression}x -> {(pick.Size == 0 ? "unreachable" : $"{pick.Size}px ({pick.Compression:F2}x)")}"));
            }
        }

        return 0;
    }
}
