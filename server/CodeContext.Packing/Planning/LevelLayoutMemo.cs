using CodeContext.Rendering.Layout;

namespace CodeContext.Packing.Planning;

/// <summary>
/// Layouts of one compose, by level and the exact items on it: the repair loop changes one or two
/// levels per round, so the others are not laid out again.
/// </summary>
internal sealed class LevelLayoutMemo(IReadOnlyList<Candidate> candidates)
{
    private readonly Dictionary<(Form Level, string Items), PageLayout> _layouts = [];
    private readonly SourceFragment?[] _fragments = new SourceFragment?[candidates.Count];

    /// <summary>One fragment object per candidate, so the layout engine's per-fragment work is shared by every layout.</summary>
    public SourceFragment FragmentOf(int item) => _fragments[item] ??= ContextComposer.Fragment(candidates[item], []);

    public PageLayout Get(Form level, IReadOnlyList<int> items, Func<PageLayout> layout)
    {
        var key = (level, string.Join(',', items));
        if (!_layouts.TryGetValue(key, out var result))
        {
            result = layout();
            _layouts[key] = result;
        }

        return result;
    }
}
