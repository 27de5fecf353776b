using CodeContext.Rendering.Layout;

namespace CodeContext.Packing.Planning;

/// <summary>
/// Layouts by profile, level and the exact candidates on it. Within a compose the repair loop
/// changes one or two levels per round, so the others are not laid out again; a host that keeps
/// the memo between composes (a <see cref="ComposeSession"/>) reuses every unchanged level.
/// </summary>
internal sealed class LevelLayoutMemo
{
    // Enough for several plans of a few profiles; beyond it the memo starts over rather than grow.
    private const int MaxLayouts = 64;
    private const int MaxFragments = 50_000;

    private readonly Dictionary<(string Profile, Fidelity Level, string Items), PageLayout> _layouts = [];
    // By page view (its identity): levels that fold a slice alike share one view, and so one
    // fragment, whose cells the layout engine then builds once for all of them.
    private readonly Dictionary<PageView, SourceFragment> _fragments = new(ReferenceEqualityComparer.Instance);

    /// <summary>One fragment object per page view of a candidate's content, so the layout engine's per-fragment work is shared by every layout that draws it.</summary>
    public SourceFragment FragmentOf(Candidate candidate, Fidelity level)
    {
        var page = candidate.Page(level);
        if (!_fragments.TryGetValue(page, out var fragment))
        {
            if (_fragments.Count >= MaxFragments)
            {
                _fragments.Clear();
            }

            fragment = new SourceFragment(candidate.Path, page.StartLine, candidate.EndLine, page.Text, []) { LineNumbers = page.LineNumbers };
            _fragments[page] = fragment;
        }

        return fragment;
    }

    public PageLayout Get(string profile, Fidelity level, IReadOnlyList<Candidate> items, Func<PageLayout> layout)
    {
        var key = (profile, level, string.Join(',', items.Select(c => c.ContentId)));
        if (!_layouts.TryGetValue(key, out var result))
        {
            if (_layouts.Count >= MaxLayouts)
            {
                _layouts.Clear();
            }

            result = layout();
            _layouts[key] = result;
        }

        return result;
    }
}
