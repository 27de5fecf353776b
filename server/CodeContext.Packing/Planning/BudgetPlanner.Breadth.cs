namespace CodeContext.Packing.Planning;

/// <summary>
/// Breadth after depth. Value per token alone puts nothing on the dense levels, since a name on them
/// is read right too rarely (planner.json <c>identifierCharacters</c>), and sends every token to the
/// top files at legible levels; but the ranking misses, and a file on a dense page is one the model
/// knows is there and can have back exactly (readRegion). A breadth form joins the item's options as
/// a step of its own, so a later fill can still upgrade it and a repair undoes it first.
/// </summary>
public sealed partial class BudgetPlanner
{
    /// <summary>
    /// The share-based breadth (planner.json <c>breadthShare</c>): the candidates the fill left
    /// excluded or listed, most relevant first, each take their cheapest dense form (an image level
    /// or an outline) while the estimated cost stays within <paramref name="budget"/>. Returns how
    /// many were spread.
    /// </summary>
    public int Spread(double budget)
    {
        var spent = EstimatedCost;
        var spread = 0;
        foreach (var item in Tail(newFilesOnly: false))
        {
            var current = OptionOf(item);
            if (CheapestDense(item) is not { } dense || spent + dense.Cost - current.Cost > budget)
            {
                continue;
            }

            spent += dense.Cost - current.Cost;
            TakeForBreadth(item, dense, dense.Value - current.Value);
            spread++;
        }

        return spread;
    }

    /// <summary>
    /// Breadth that only adds files (planner.json <c>breadthFidelity</c>): after the fill, the
    /// candidates it left excluded or listed, most relevant first, take their cheapest dense form,
    /// paid for by tokens left over and by undoing the fill's weakest upgrades between two image
    /// levels where the lower keeps at least <paramref name="keeps"/> of the value (L1 to L2: both
    /// legible). Nothing carried is dropped and nothing leaves a legible level for it. Pages are
    /// paid whole (<paramref name="pageCost"/>): the most relevant left-out file goes with the next
    /// ones of the same level that fill its page, and they go only when what they gain, each valued
    /// at no less than its relevance times <paramref name="fidelity"/> (being on a page at all: the
    /// model knows the file and can read any region of it back), is at least what the undone
    /// upgrades lose. Costs are the estimates times <paramref name="correction"/>, per level: what an
    /// earlier try's exact layout found (a level the depth plan never laid out is priced only by
    /// the estimate). <paramref name="headroom"/> is what the exact plan leaves. Returns how many were added.
    /// </summary>
    public int Broaden(double headroom, double fidelity, double keeps, double pageCost, IReadOnlyDictionary<Fidelity, double> correction)
    {
        double Cost(FidelityOption option) => option.Cost * correction.GetValueOrDefault(option.Form, 1);
        var spent = Enumerable.Range(0, _candidates.Count).Sum(i => Cost(OptionOf(i)));
        var budget = spent + headroom;
        // The fill's upgrades that may be undone for breadth, least value lost per token saved first.
        var yielding = Enumerable.Range(0, _candidates.Count)
            .Select(i => (Item: i, Slope: YieldSlope(i, keeps)))
            .Where(d => d.Slope is not null)
            .OrderBy(d => d.Slope)
            .ThenBy(d => d.Item)
            .Select(d => d.Item)
            .ToList();
        var tail = Tail(newFilesOnly: true).Select(i => (Item: i, Dense: CheapestDense(i))).Where(t => t.Dense is not null).Select(t => (t.Item, Dense: t.Dense!.Value)).ToList();
        var done = new bool[tail.Count];
        var (next, added) = (0, 0);
        for (var first = 0; first < tail.Count; first++)
        {
            if (done[first])
            {
                continue;
            }

            var batch = Batch(tail, done, first, pageCost, Cost);
            var cost = batch.Sum(b => Cost(tail[b].Dense) - Cost(OptionOf(tail[b].Item)));
            var charge = FidelityNames.IsImage(tail[first].Dense.Form) ? WholePages(cost, pageCost) : cost;
            var gains = batch.Select(b => Math.Max(tail[b].Dense.Value, _candidates[tail[b].Item].Relevance * fidelity) - OptionOf(tail[b].Item).Value).ToList();
            var gained = gains.Sum();
            var (saved, lost, end) = (0.0, 0.0, next);
            while (spent - saved + charge > budget && end < yielding.Count)
            {
                var (from, to) = (OptionOf(yielding[end]), _hull[yielding[end]][_step[yielding[end]] - 1]);
                if (lost + from.Value - to.Value > gained)
                {
                    break;
                }

                (saved, lost, end) = (saved + Cost(from) - Cost(to), lost + from.Value - to.Value, end + 1);
            }

            if (spent - saved + charge > budget)
            {
                continue;
            }

            for (; next < end; next++)
            {
                Yield(yielding[next]);
            }

            spent += charge - saved;
            for (var b = 0; b < batch.Count; b++)
            {
                TakeForBreadth(tail[batch[b]].Item, tail[batch[b]].Dense, gains[b]);
                done[batch[b]] = true;
            }

            added += batch.Count;
        }

        return added;
    }

    /// <summary>
    /// The left-out file at <paramref name="first"/> and, when it goes on a page, the next ones on
    /// the same level, most relevant first, that fit in what is left of its last page.
    /// </summary>
    private static List<int> Batch(List<(int Item, FidelityOption Dense)> tail, bool[] done, int first, double pageCost, Func<FidelityOption, double> cost)
    {
        var batch = new List<int> { first };
        var form = tail[first].Dense.Form;
        if (!FidelityNames.IsImage(form))
        {
            return batch;
        }

        var room = WholePages(cost(tail[first].Dense), pageCost) - cost(tail[first].Dense);
        for (var j = first + 1; j < tail.Count && room > 0; j++)
        {
            if (!done[j] && tail[j].Dense.Form == form && cost(tail[j].Dense) <= room)
            {
                batch.Add(j);
                room -= cost(tail[j].Dense);
            }
        }

        return batch;
    }

    /// <summary>What <paramref name="cost"/> of image tokens is charged: its pages, the last one whole.</summary>
    private static double WholePages(double cost, double pageCost) => Math.Ceiling(cost / pageCost) * pageCost;

    /// <summary>Whether the item's current form was given for breadth (<see cref="Spread"/>, <see cref="Broaden"/>), not won on value per token.</summary>
    public bool IsSpread(int item) => _spread.Contains((item, _step[item]));

    /// <summary>
    /// Candidates the fill left excluded or listed, most relevant first; with
    /// <paramref name="newFilesOnly"/>, not the slices of a file it carries already: breadth adds
    /// files, and another slice of a carried file on an outline would also make the file's best
    /// form read as that outline rather than its legible page.
    /// </summary>
    private List<int> Tail(bool newFilesOnly)
    {
        var carried = Enumerable.Range(0, _candidates.Count)
            .Where(i => newFilesOnly && FormOf(i) is not (Fidelity.Excluded or Fidelity.Listed))
            .Select(i => _candidates[i].Path)
            .ToHashSet(StringComparer.Ordinal);
        return [.. Enumerable.Range(0, _candidates.Count)
            .Where(i => FormOf(i) is Fidelity.Excluded or Fidelity.Listed && !carried.Contains(_candidates[i].Path))
            .OrderByDescending(i => _candidates[i].Relevance)
            .ThenBy(i => i)];
    }

    /// <summary>The item's cheapest image level or outline worth more than its current form, if any.</summary>
    private FidelityOption? CheapestDense(int item)
    {
        var current = OptionOf(item);
        var dense = _options[item]
            .Where(o => (FidelityNames.IsImage(o.Form) || o.Form == Fidelity.Outline) && o.Value > current.Value)
            .OrderBy(o => o.Cost)
            .FirstOrDefault();
        return dense.Form == Fidelity.Excluded ? null : dense;
    }

    /// <summary>
    /// Value lost per token saved by undoing the item's last upgrade, when the fill won it, it went
    /// from one image level to another and the lower keeps at least <paramref name="keeps"/> of its value; else null.
    /// </summary>
    private double? YieldSlope(int item, double keeps)
    {
        var step = _step[item];
        if (step < 1 || !_taken.Exists(t => t.Item == item && t.Step == step) || _spread.Contains((item, step)))
        {
            return null;
        }

        var (from, to) = (_hull[item][step], _hull[item][step - 1]);
        return FidelityNames.IsImage(from.Form) && FidelityNames.IsImage(to.Form) && to.Value >= keeps * from.Value
            ? (from.Value - to.Value) / Math.Max(1e-9, from.Cost - to.Cost)
            : null;
    }

    /// <summary>Undoes the item's last upgrade; the form it left is what it was refused.</summary>
    private void Yield(int item)
    {
        _taken.RemoveAt(_taken.FindLastIndex(t => t.Item == item));
        _refused[item] = OptionOf(item);
        _step[item]--;
    }

    /// <summary>
    /// The dense form becomes the step after the current one; hull steps it undercuts or outvalues go.
    /// A repair undoes upgrades by <paramref name="gain"/> per token: what breadth valued the step at.
    /// </summary>
    private void TakeForBreadth(int item, FidelityOption dense, double gain)
    {
        var current = OptionOf(item);
        var hull = _hull[item];
        hull.RemoveAll(o => o.Cost > current.Cost && (o.Cost <= dense.Cost || o.Value <= dense.Value));
        var step = _step[item] + 1;
        hull.Insert(step, dense);
        _step[item] = step;
        _refused[item] = null;
        _taken.Add((item, step, gain / Math.Max(1e-9, dense.Cost - current.Cost)));
        _spread.Add((item, step));
    }
}
