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
    public static int Run(string folder)
    {
        var fragments = Corpus.Load(folder);
        Console.WriteLine($"corpus: {fragments.Count} files, {fragments.Sum(f => f.Text.Length)} chars");
        foreach (var profile in ProfileCatalog.All)
        {
            var sizes = new List<(float Size, double Compression, int Columns)>();
            for (var size = 4f; size <= 16f; size += 0.5f)
            {
                var layout = PageLayoutEngine.Layout(fragments, new RenderRequest { Profile = profile, Level = "L1", FontSize = size });
                sizes.Add((size, layout.TextTokens / (double)layout.VisionTokens, layout.ColumnsPerPage));
            }

            Console.WriteLine($"{profile.Id}: " + string.Join(" ", sizes.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Size}px={s.Compression:F1}x/{s.Columns}c"))));
            foreach (var (name, level) in profile.Levels.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                var pick = sizes.Where(s => s.Compression >= level.TargetCompression).OrderByDescending(s => s.Size).FirstOrDefault();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} target {level.TargetCompression}x -> {(pick.Size == 0 ? "unreachable" : $"{pick.Size}px ({pick.Compression:F2}x)")}"));
            }
        }

        return 0;
    }
}
