using CodeContext.Rendering.Profiles;

namespace CodeContext.Packing.Planning;

/// <summary>
/// The multiple-choice knapsack: each candidate takes one form; maximise the sum of
/// relevance x fidelity(form) under a token budget. Options are reduced to each candidate's upper
/// convex hull and upgrades are taken greedily by value per token (the classic near-optimal method).
/// The planner keeps its decisions so the composer can demote the weakest upgrades when the exact
/// layout costs more than estimated.
/// </summary>
public sealed class BudgetPlanner
{
    private readonly IReadOnlyList<Candidate> _candidates;
    private readonly List<FidelityOption>[] _hull;
    private readonly IReadOnlyList<FidelityOption>[] _options;
    private readonly int[] _step;
    private readonly FidelityOption?[] _refused;
    private readonly List<(int Item, int Step, double Slope)> _taken = [];
    private readonly HashSet<(int Item, int Step)> _spread = [];

    public BudgetPlanner(IReadOnlyList<Candidate> candidates, ModelProfile profile, ImageCostEstimator images, PlannerSettings settings)
    {
        _candidates = candidates;
        Profile = profile;
        _hull = new List<FidelityOption>[candidates.Count];
        _options = new IReadOnlyList<FidelityOption>[candidates.Count];
        _step = new int[candidates.Count];
        _refused = new FidelityOption?[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            _options[i] = FidelityOptions.Of(candidates[i], profile, images, settings);
            _hull[i] = FidelityOptions.Hull(_options[i]);
        }
    }

    public ModelProfile Profile { get; }

    /// <summary>Value per token of the last upgrade taken: what a better form had to beat.</summary>
    public double CutOff { get; private set; } = double.PositiveInfinity;

    public Fidelity FormOf(int item) => _hull[item][_step[item]].Form;

    public FidelityOption OptionOf(int item) => _hull[item][_step[item]];

    public IReadOnlyList<FidelityOption> HullOf(int item) => _hull[item];

    /// <summary>The upgrade that did not fit, if the greedy stopped this candidate for lack of tokens.</summary>
    public FidelityOption? RefusedOf(int item) => _refused[item];

    /// <summary>Estimated cost of the current forms.</summary>
    public double EstimatedCost => Enumerable.Range(0, _candidates.Count).Sum(i => OptionOf(i).Cost);

    /// <summary>The current decisions, to come back to with <see cref="Restore"/>.</summary>
    public PlannerDecisions Snapshot() => new(_step.ToArray(), _refused.ToArray(), _taken.ToList(), CutOff);

    public void Restore(PlannerDecisions snapshot)
    {
        snapshot.Steps.CopyTo(_step, 0);
        snapshot.Refused.CopyTo(_refused, 0);
        _taken.Clear();
        _taken.AddRange(snapshot.Taken);
        CutOff = snapshot.CutOff;
    }

    /// <summary>Greedy upgrades, best value per token first, while the estimated cost fits; returns how many were taken.</summary>
    public int Fill(double budget)
    {
        var taken = 0;
        var spent = Enumerable.Range(0, _candidates.Count).Sum(i => OptionOf(i).Cost);
        var queue = new PriorityQueue<int, (double, int)>();
        for (var i = 0; i < _candidates.Count; i++)
        {
            Enqueue(queue, i);
        }

        while (queue.TryDequeue(out var item, out _))
        {
            var current = _hull[item][_step[item]];
            var next = _hull[item][_step[item] + 1];
            if (spent + next.Cost - current.Cost > budget)
            {
                _refused[item] = next;
                continue;
            }

            spent += next.Cost - current.Cost;
            _step[item]++;
            _refused[item] = null;
            taken++;
            var slope = (next.Value - current.Value) / Math.Max(1e-9, next.Cost - current.Cost);
            _taken.Add((item, _step[item], slope));
            CutOff = Math.Min(CutOff, slope);
            Enqueue(queue, item);
        }

        return taken;
    }

    /// <summary>
    /// Breadth after depth: the candidates the fill left excluded or listed, most relevant first,
    /// each take their cheapest dense form (an image level or an outline) while the estimated cost
    /// stays within <paramref name="budget"/>. Value per token alone puts nothing on the dense
    /// levels, since a name on them is read right too rarely (planner.json
    /// <c>identifierCharacters</c>), and sends every token to the top files; but the ranking misses,
    /// and a file on a dense page is one the model knows is there and can have back exactly
    /// (readRegion). The form joins the item's options as a step of its own, so a later fill can still
    /// upgrade it and a repair undoes it first. Returns how many were spread.
    /// </summary>
    public int Spread(double budget)
    {
        var spent = EstimatedCost;
        var spread = 0;
        var order = Enumerable.Range(0, _candidates.Count)
            .Where(i => FormOf(i) is Fidelity.Excluded or Fidelity.Listed)
            .OrderByDescending(i => _candidates[i].Relevance)
            .ThenBy(i => i);
        foreach (var item in order)
        {
            var current = OptionOf(item);
            var dense = _options[item]
                .Where(o => (FidelityNames.IsImage(o.Form) || o.Form == Fidelity.Outline) && o.Value > current.Value)
                .OrderBy(o => o.Cost)
                .FirstOrDefault();
            if (dense.Form == Fidelity.Excluded || spent + dense.Cost - current.Cost > budget)
            {
                continue;
            }

            // The dense form becomes the step after the current one; hull steps it undercuts or outvalues go.
            var hull = _hull[item];
            hull.RemoveAll(o => o.Cost > current.Cost && (o.Cost <= dense.Cost || o.Value <= dense.Value));
            var step = _step[item] + 1;
            hull.Insert(step, dense);
            _step[item] = step;
            _refused[item] = null;
            spent += dense.Cost - current.Cost;
            _taken.Add((item, step, (dense.Value - current.Value) / Math.Max(1e-9, dense.Cost - current.Cost)));
            _spread.Add((item, step));
            spread++;
        }

        return spread;
    }

    /// <summary>Whether the item's current form was given for breadth (<see cref="Spread"/>), not won on value per token.</summary>
    public bool IsSpread(int item) => _spread.Contains((item, _step[item]));

    /// <summary>Moves an item up to <paramref name="form"/> when its hull has that form above its current one.</summary>
    public void Promote(int item, Fidelity form)
    {
        var index = _hull[item].FindIndex(o => o.Form == form);
        if (index > _step[item])
        {
            _step[item] = index;
            _refused[item] = null;
        }
    }

    /// <summary>Undoes the weakest upgrades until their estimated cost adds up to <paramref name="tokens"/>.</summary>
    public bool Demote(double tokens)
    {
        var saved = 0.0;
        var any = false;
        while (saved < tokens && _taken.Count > 0)
        {
            var weakest = 0;
            for (var t = 1; t < _taken.Count; t++)
            {
                if (_taken[t].Slope < _taken[weakest].Slope || (_taken[t].Slope == _taken[weakest].Slope && _taken[t].Step > _taken[weakest].Step))
                {
                    weakest = t;
                }
            }

            var (item, _, _) = _taken[weakest];
            // Only an item's latest upgrade can be undone; its slopes fall step by step, so the weakest usually is.
            var latest = _taken.FindLastIndex(t => t.Item == item);
            var undone = _taken[latest];
            _taken.RemoveAt(latest);
            var from = _hull[item][undone.Step];
            var to = _hull[item][undone.Step - 1];
            _step[item] = undone.Step - 1;
            _refused[item] = from;
            saved += from.Cost - to.Cost;
            any = true;
        }

        // The cut-off is what the value-per-token fill asked of an upgrade; breadth steps asked nothing.
        var won = _taken.Where(t => !_spread.Contains((t.Item, t.Step))).ToList();
        CutOff = won.Count == 0 ? double.PositiveInfinity : won.Min(t => t.Slope);
        return any;
    }

    private void Enqueue(PriorityQueue<int, (double, int)> queue, int item)
    {
        if (_step[item] + 1 >= _hull[item].Count)
        {
            return;
        }

        var current = _hull[item][_step[item]];
        var next = _hull[item][_step[item] + 1];
        var slope = (next.Value - current.Value) / Math.Max(1e-9, next.Cost - current.Cost);
        queue.Enqueue(item, (-slope, item));
    }
}

/// <summary>
/// A planner's decisions, to come back to with <see cref="BudgetPlanner.Restore"/>. A class, not a
/// record: a session compares decisions by reference (a reused plan hands back the very same
/// snapshot), never by content.
/// </summary>
public sealed class PlannerDecisions
{
    internal PlannerDecisions(int[] steps, FidelityOption?[] refused, List<(int Item, int Step, double Slope)> taken, double cutOff)
    {
        Steps = steps;
        Refused = refused;
        Taken = taken;
        CutOff = cutOff;
    }

    internal int[] Steps { get; }
    internal FidelityOption?[] Refused { get; }
    internal List<(int Item, int Step, double Slope)> Taken { get; }
    internal double CutOff { get; }
}
