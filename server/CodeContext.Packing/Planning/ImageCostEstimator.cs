using CodeContext.Rendering.Costs;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Packing.Planning;

/// <summary>
/// Prices a candidate at each image level before anything is laid out: its share of pages (rows it
/// needs over rows a page holds) times the page's exact vision cost. Pages are shared by all
/// fragments of a level, so a share is the right marginal price; the exact layout later settles it.
/// Columns follow the layout's rule for the level (<c>PageLayoutEngine</c>): more columns while
/// wrapped rows stay within the level's wrap share, and a gutter only where the level draws one.
/// With a fixed 8 % wrap share the estimate priced L2 near L1's cost, so L2 could miss every
/// file's hull, and a level never laid out is never corrected (Polly, 32k, with documentation
/// dropped at L3/L4: 417 files at L1, none at L2). Narrow indentation and lowered empty lines are left to the correction learnt from exact
/// layouts: counted here too, they made dense levels so cheap that claude's plans put directly
/// used files on pages and FluentValidation's answers went from L2 to L3 (docs/benchmarks.md).
/// </summary>
public sealed class ImageCostEstimator
{
    private const int MinCharsPerColumn = 24;
    private const int MaxColumns = 8;

    private readonly Dictionary<Fidelity, Shape> _levels = [];

    /// <summary>How a level lays rows out: cells per row, rows a page holds, what a page costs.</summary>
    private sealed record Shape(int Chars, double RowsPerPage, int PageTokens);

    private ImageCostEstimator(Dictionary<Fidelity, Shape> levels) => _levels = levels;

    /// <summary>An estimator for the same candidates without the corrections learnt by this one.</summary>
    public ImageCostEstimator Fresh() => new(_levels);

    public ImageCostEstimator(ModelProfile profile, IReadOnlyList<Candidate> candidates)
    {
        var maxLine = candidates.Count == 0 ? 1 : candidates.Max(c => c.EndLine);
        var pageTokens = VisionCostCalculator.Compute(profile.Cost, profile.Page.Width, profile.Page.Height).Tokens;
        foreach (var form in FidelityNames.ImageForms)
        {
            if (!profile.Levels.TryGetValue(FidelityNames.Level(form), out var level) || !level.Planned)
            {
                continue;
            }

            var settings = LayoutSettings.Resolve(new RenderRequest { Profile = profile, Level = FidelityNames.Level(form) });
            var gutter = settings.Gutter ? maxLine.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 1 : 1;
            // The column count that needs the fewest pages for everything, as the layout itself would pick.
            Shape? best = null;
            var bestPages = double.MaxValue;
            for (var k = 1; k <= MaxColumns; k++)
            {
                var width = (settings.Width - 2 * settings.Margin - (k - 1) * settings.ColumnGap) / (double)k;
                var chars = (int)Math.Floor(width / settings.CellWidth) - gutter;
                if (chars < MinCharsPerColumn && k > 1)
                {
                    break;
                }

                var shape = new Shape(Math.Max(1, chars), (double)k * settings.RowsPerColumn, pageTokens);
                var (rows, wrapped) = (0, 0);
                foreach (var candidate in candidates)
                {
                    var (r, w) = Rows(candidate.Page(form), shape);
                    rows += r;
                    wrapped += w;
                }

                var pages = rows / shape.RowsPerPage;
                if ((k == 1 || wrapped <= settings.Level.MaxWrapShare * rows) && pages < bestPages)
                {
                    (best, bestPages) = (shape, pages);
                }
            }

            _levels[form] = best!;
        }
    }

    public IEnumerable<Fidelity> Levels => _levels.Keys;

    /// <summary>Per-level correction learnt from exact layouts (actual / estimated cost).</summary>
    public Dictionary<Fidelity, double> Scale { get; } = [];

    /// <summary>Estimated vision tokens (plus the line break after each page) of a candidate at a level.</summary>
    public double Estimate(Candidate candidate, Fidelity level)
    {
        var shape = _levels[level];
        return Rows(candidate.Page(level), shape).Rows / shape.RowsPerPage * (shape.PageTokens + 1) * Scale.GetValueOrDefault(level, 1);
    }

    /// <summary>Rows a page view takes at a level (its header and each line's wrapped pieces) and how many of them are continuations.</summary>
    private static (int Rows, int Wrapped) Rows(PageView page, Shape shape)
    {
        var rows = 1;
        var wrapped = 0;
        foreach (var cells in page.LineCells)
        {
            var pieces = Math.Max(1, (cells + shape.Chars - 1) / shape.Chars);
            rows += pieces;
            wrapped += pieces - 1;
        }

        return (rows, wrapped);
    }
}
