using CodeContext.Rendering.Costs;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Packing.Planning;

/// <summary>
/// Prices a candidate at each image level before anything is laid out: its share of pages (rows it
/// needs over rows a page holds) times the page's exact vision cost. Pages are shared by all
/// fragments of a level, so a share is the right marginal price; the exact layout later settles it.
/// </summary>
public sealed class ImageCostEstimator
{
    private const int MinCharsPerColumn = 24;
    private const int MaxColumns = 8;

    // The layout takes more columns only while few rows wrap; the estimate follows the same rule.
    private const double MaxContinuationShare = 0.08;
    private readonly Dictionary<Fidelity, (int Chars, double RowsPerPage, int PageTokens)> _levels = [];

    private ImageCostEstimator(Dictionary<Fidelity, (int Chars, double RowsPerPage, int PageTokens)> levels) => _levels = levels;

    /// <summary>An estimator for the same candidates without the corrections learnt by this one.</summary>
    public ImageCostEstimator Fresh() => new(_levels);

    public ImageCostEstimator(ModelProfile profile, IReadOnlyList<Candidate> candidates)
    {
        var maxLine = candidates.Count == 0 ? 1 : candidates.Max(c => c.EndLine);
        var gutter = maxLine.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 1;
        var pageTokens = VisionCostCalculator.Compute(profile.Cost, profile.Page.Width, profile.Page.Height).Tokens;
        foreach (var form in FidelityNames.ImageForms)
        {
            if (!profile.Levels.ContainsKey(FidelityNames.Level(form)))
            {
                continue;
            }

            var settings = LayoutSettings.Resolve(new RenderRequest { Profile = profile, Level = FidelityNames.Level(form) });
            // The column count that needs the fewest pages for everything, as the layout itself would pick.
            var best = (Chars: 0, RowsPerPage: 0.0, Pages: double.MaxValue);
            for (var k = 1; k <= MaxColumns; k++)
            {
                var width = (settings.Width - 2 * settings.Margin - (k - 1) * settings.ColumnGap) / (double)k;
                var chars = (int)Math.Floor(width / settings.CellWidth) - gutter;
                if (chars < MinCharsPerColumn && k > 1)
                {
                    break;
                }

                var rowsPerPage = (double)k * settings.RowsPerColumn;
                var rows = candidates.Sum(c => Rows(c.Page(form), Math.Max(1, chars)));
                var wrapped = rows - candidates.Sum(c => c.Page(form).LineCells.Length + 1);
                var pages = rows / rowsPerPage;
                if ((k == 1 || wrapped <= MaxContinuationShare * rows) && pages < best.Pages)
                {
                    best = (Math.Max(1, chars), rowsPerPage, pages);
                }
            }

            _levels[form] = (best.Chars, best.RowsPerPage, pageTokens);
        }
    }

    public IEnumerable<Fidelity> Levels => _levels.Keys;

    /// <summary>Per-level correction learnt from exact layouts (actual / estimated cost).</summary>
    public Dictionary<Fidelity, double> Scale { get; } = [];

    /// <summary>Estimated vision tokens (plus the line break after each page) of a candidate at a level.</summary>
    public double Estimate(Candidate candidate, Fidelity level)
    {
        var (chars, rowsPerPage, pageTokens) = _levels[level];
        return Rows(candidate.Page(level), chars) / rowsPerPage * (pageTokens + 1) * Scale.GetValueOrDefault(level, 1);
    }

    private static int Rows(PageView page, int chars)
    {
        var rows = 1;
        foreach (var cells in page.LineCells)
        {
            rows += Math.Max(1, (cells + chars - 1) / chars);
        }

        return rows;
    }
}
