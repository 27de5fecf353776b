using CodeContext.Rendering.Profiles;

namespace CodeContext.Packing.Planning;

/// <summary>
/// The multiple-choice knapsack: each candidate takes one form; maximise the sum of
/// relevance x fidelity(form) under a token budget. Options are reduced to each candidate's upper
/// convex hull and upgrades are taken greedily by value per token (the classic near-optimal method).
/// The planner keeps its decisions so the composer can demote the weakest upgrades when the exact
/// layout costs more than estimated.
/// </summary>
public sealed partial class BudgetPlanner
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
    public PlannerDecisions Snapshot() => new(_step.ToArray(), _refused.ToArray(), _taken.ToList(), CutOff, [.. _hull.Select(h => h.ToArray())], [.. _spread]);

    public void Restore(PlannerDecisions snapshot)
    {
        snapshot.Steps.CopyTo(_step, 0);
        snapshot.Refused.CopyTo(_refused, 0);
        _taken.Clear();
        _taken.AddRange(snapshot.Taken);
        CutOff = snapshot.CutOff;
        // Breadth inserts its forms into hulls (a step of their own): going back takes them out again.
        for (var i = 0; i < _hull.Length; i++)
        {
            if (_hull[i].Count != snapshot.Hulls[i].Length || !_hull[i].SequenceEqual(snapshot.Hulls[i]))
            {
                _hull[i].Clear();
                _hull[i].AddRange(snapshot.Hulls[i]);
            }
        }

        _spread.Clear();
        _spread.UnionWith(snapshot.Spread);
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
    internal PlannerDecisions(int[] steps, FidelityOption?[] refused, List<(int Item, int Step, double Slope)> taken, double cutOff, FidelityOption[][] hulls, HashSet<(int Item, int Step)> spread)
    {
        Steps = steps;
        Refused = refused;
        Taken = taken;
        CutOff = cutOff;
        Hulls = hulls;
        Spread = spread;
    }

    internal int[] Steps { get; }
    internal FidelityOption?[] Refused { get; }
    internal List<(int Item, int Step, double Slope)> Taken { get; }
    internal double CutOff { get; }
    internal FidelityOption[][] Hulls { get; }
    internal HashSet<(int Item, int Step)> Spread { get; }
}
