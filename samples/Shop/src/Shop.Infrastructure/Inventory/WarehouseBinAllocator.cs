namespace Shop.Infrastructure.Inventory;

/// <summary>How often an item is picked; decides how close to the dock it is stored.</summary>
public enum Velocity
{
    /// <summary>Picked many times a day.</summary>
    Fast,

    /// <summary>Picked a few times a week.</summary>
    Medium,

    /// <summary>Picked rarely.</summary>
    Slow,
}

/// <summary>Goods that arrived and need a place.</summary>
/// <param name="ItemCode">The supplier's item code.</param>
/// <param name="Units">How many units arrived.</param>
/// <param name="UnitVolumeLitres">Volume of one unit including packaging.</param>
/// <param name="UnitWeightKg">Weight of one unit including packaging.</param>
/// <param name="Velocity">How often the item is picked.</param>
public sealed record InboundItem(string ItemCode, int Units, decimal UnitVolumeLitres, decimal UnitWeightKg, Velocity Velocity)
{
    /// <summary>Total volume of the delivery.</summary>
    public decimal TotalVolume => Units * UnitVolumeLitres;

    /// <summary>Total weight of the delivery.</summary>
    public decimal TotalWeight => Units * UnitWeightKg;
}

/// <summary>Units of one item placed into one bin.</summary>
public sealed record PutawayAssignment(string ItemCode, string BinCode, int Units);

/// <summary>The result of planning a putaway.</summary>
/// <param name="Assignments">Where each part of each delivery goes, in walking order.</param>
/// <param name="Unplaced">Units that did not fit anywhere, per item; these go to the overflow area.</param>
public sealed record PutawayPlan(IReadOnlyList<PutawayAssignment> Assignments, IReadOnlyDictionary<string, int> Unplaced)
{
    /// <summary>True when everything found a bin.</summary>
    public bool IsComplete => Unplaced.Count == 0;
}

/// <summary>What is already in a bin.</summary>
public sealed record BinContent(string ItemCode, int Units, decimal UnitVolumeLitres, decimal UnitWeightKg);

/// <summary>
/// Plans where inbound goods are stored. The rules, in priority order:
/// <list type="number">
/// <item>top up bins that already hold the same item, so each item is picked from as few bins as possible;</item>
/// <item>fast movers go to the bins nearest the dock (low aisle numbers) at levels 1 to 3;</item>
/// <item>heavy units (over <see cref="HeavyUnitKg"/>) never go to ladder levels;</item>
/// <item>a bin holds at most <see cref="MaxItemsPerBin"/> different items, so pickers can find things;</item>
/// <item>large deliveries are placed first (first-fit decreasing), which leaves fewer half-empty bins.</item>
/// </list>
/// </summary>
public sealed class WarehouseBinAllocator
{
    /// <summary>Units heavier than this stay off ladder levels.</summary>
    public const decimal HeavyUnitKg = 8m;

    /// <summary>The most different items one bin may hold.</summary>
    public const int MaxItemsPerBin = 3;

    private readonly WarehouseLayout _layout;
    private readonly Dictionary<string, BinState> _state;

    /// <summary>Creates an allocator over the layout and the bins' current contents.</summary>
    public WarehouseBinAllocator(WarehouseLayout layout, IReadOnlyDictionary<string, IReadOnlyList<BinContent>> currentContents)
    {
        _layout = layout;
        _state = new Dictionary<string, BinState>(StringComparer.OrdinalIgnoreCase);
        foreach (var bin in layout.Bins)
        {
            var state = new BinState(bin);
            if (currentContents.TryGetValue(bin.Code, out var contents))
            {
                foreach (var content in contents)
                {
                    state.Add(content.ItemCode, content.Units, content.UnitVolumeLitres, content.UnitWeightKg);
                }
            }

            _state[bin.Code] = state;
        }
    }

    /// <summary>Free volume per bin, after any plans made so far.</summary>
    public IReadOnlyDictionary<string, decimal> FreeVolume =>
        _state.ToDictionary(pair => pair.Key, pair => pair.Value.FreeVolume, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Plans the putaway of a delivery and reserves the space, so a second call plans around the first.
    /// </summary>
    public PutawayPlan Plan(IEnumerable<InboundItem> delivery)
    {
        var assignments = new List<PutawayAssignment>();
        var unplaced = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        foreach (var item in delivery.OrderByDescending(i => i.TotalVolume).ThenBy(i => i.ItemCode, StringComparer.Ordinal))
        {
            Validate(item);
            var remaining = item.Units;

            foreach (var bin in CandidateBins(item))
            {
                if (remaining == 0)
                {
                    break;
                }

                var fits = bin.UnitsThatFit(item.ItemCode, item.UnitVolumeLitres, item.UnitWeightKg);
                if (fits <= 0)
                {
                    continue;
                }

                var units = Math.Min(fits, remaining);
                bin.Add(item.ItemCode, units, item.UnitVolumeLitres, item.UnitWeightKg);
                assignments.Add(new PutawayAssignment(item.ItemCode, bin.Bin.Code, units));
                remaining -= units;
            }

            if (remaining > 0)
            {
                unplaced[item.ItemCode] = unplaced.GetValueOrDefault(item.ItemCode) + remaining;
            }
        }

        var ordered = assignments
            .OrderBy(a => _layout[a.BinCode], WarehouseLayout.WalkingOrder.Instance)
            .ThenBy(a => a.ItemCode, StringComparer.Ordinal)
            .ToList();
        return new PutawayPlan(ordered, unplaced);
    }

    /// <summary>
    /// Suggests moves that free bins: items spread over several partly filled bins are gathered
    /// into the fullest of them when they fit. Returns the moves; applies nothing.
    /// </summary>
    public IReadOnlyList<StockMove> SuggestConsolidation()
    {
        var moves = new List<StockMove>();
        var byItem = _state.Values
            .SelectMany(bin => bin.Items.Select(item => (Bin: bin, Item: item)))
            .GroupBy(pair => pair.Item.ItemCode, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1);

        foreach (var group in byItem)
        {
            var holdings = group.OrderByDescending(pair => pair.Bin.FillRatio).ToList();
            var target = holdings[0].Bin;
            foreach (var (source, item) in holdings.Skip(1))
            {
                var fits = target.UnitsThatFit(item.ItemCode, item.UnitVolumeLitres, item.UnitWeightKg);
                if (fits >= item.Units)
                {
                    moves.Add(new StockMove(item.ItemCode, source.Bin.Code, target.Bin.Code, item.Units));
                }
            }
        }

        return moves;
    }

    /// <summary>
    /// The bins to pick a list of items from, visited in walking order. Each item is taken from the
    /// bins holding it, fullest first, until the wanted units are covered.
    /// </summary>
    public IReadOnlyList<PickStop> PlanPickRoute(IReadOnlyDictionary<string, int> wanted)
    {
        var stops = new List<PickStop>();
        foreach (var (itemCode, units) in wanted)
        {
            var remaining = units;
            var holders = _state.Values
                .Select(bin => (Bin: bin, Held: bin.UnitsOf(itemCode)))
                .Where(pair => pair.Held > 0)
                .OrderByDescending(pair => pair.Held);
            foreach (var (bin, held) in holders)
            {
                if (remaining == 0)
                {
                    break;
                }

                var take = Math.Min(held, remaining);
                stops.Add(new PickStop(bin.Bin, itemCode, take));
                remaining -= take;
            }

            if (remaining > 0)
            {
                throw new InvalidOperationException($"Only {units - remaining} of {units} units of {itemCode} are in stock.");
            }
        }

        return stops
            .OrderBy(stop => stop.Bin, WarehouseLayout.WalkingOrder.Instance)
            .ThenBy(stop => stop.ItemCode, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Chooses the bins to count today. Every bin is counted at least once per
    /// <paramref name="cycleDays"/>; bins holding fast movers are counted more often because
    /// picking errors show up there first. Bins are returned in walking order so one person can
    /// count them in a single round.
    /// </summary>
    /// <param name="lastCounted">When each bin was last counted; bins never counted come first.</param>
    /// <param name="velocities">The velocity class per item; unknown items count as slow.</param>
    /// <param name="today">The counting day.</param>
    /// <param name="cycleDays">The longest a bin may go uncounted.</param>
    /// <param name="capacity">How many bins can be counted in one day.</param>
    public IReadOnlyList<StorageBin> PlanCycleCount(
        IReadOnlyDictionary<string, DateOnly> lastCounted,
        IReadOnlyDictionary<string, Velocity> velocities,
        DateOnly today,
        int cycleDays,
        int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cycleDays, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);

        var scored = new List<(BinState Bin, double Urgency)>();
        foreach (var bin in _state.Values)
        {
            var interval = CountInterval(bin, velocities, cycleDays);
            if (!lastCounted.TryGetValue(bin.Bin.Code, out var last))
            {
                scored.Add((bin, double.MaxValue));
                continue;
            }

            var daysSince = today.DayNumber - last.DayNumber;
            var urgency = (double)daysSince / interval;
            if (urgency >= 1.0)
            {
                scored.Add((bin, urgency));
            }
        }

        return scored
            .OrderByDescending(pair => pair.Urgency)
            .ThenBy(pair => pair.Bin.Bin, WarehouseLayout.WalkingOrder.Instance)
            .Take(capacity)
            .Select(pair => pair.Bin.Bin)
            .OrderBy(bin => bin, WarehouseLayout.WalkingOrder.Instance)
            .ToList();
    }

    /// <summary>
    /// Compares a count with the expected contents and returns the adjustments to book, one per
    /// item whose count differs. Items found but not expected are booked as additions.
    /// </summary>
    public IReadOnlyList<StockMovement> ReconcileCount(string binCode, IReadOnlyDictionary<string, int> counted, DateTime countedAt)
    {
        if (!_state.TryGetValue(binCode, out var bin))
        {
            throw new KeyNotFoundException($"No bin {binCode}.");
        }

        var itemCodes = bin.Items.Select(item => item.ItemCode)
            .Concat(counted.Keys)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(code => code, StringComparer.Ordinal);

        var adjustments = new List<StockMovement>();
        foreach (var itemCode in itemCodes)
        {
            var difference = counted.GetValueOrDefault(itemCode) - bin.UnitsOf(itemCode);
            if (difference != 0)
            {
                adjustments.Add(new StockMovement(itemCode, bin.Bin.Code, difference, MovementKind.Adjustment, countedAt));
            }
        }

        return adjustments;
    }

    private static int CountInterval(BinState bin, IReadOnlyDictionary<string, Velocity> velocities, int cycleDays)
    {
        var fastest = bin.Items
            .Select(item => velocities.TryGetValue(item.ItemCode, out var velocity) ? velocity : Velocity.Slow)
            .DefaultIfEmpty(Velocity.Slow)
            .Min();
        return fastest switch
        {
            Velocity.Fast => Math.Max(1, cycleDays / 4),
            Velocity.Medium => Math.Max(1, cycleDays / 2),
            _ => cycleDays,
        };
    }

    private IEnumerable<BinState> CandidateBins(InboundItem item)
    {
        var heavy = item.UnitWeightKg > HeavyUnitKg;
        var eligible = _state.Values.Where(bin => !(heavy && bin.Bin.NeedsLadder));

        // Bins already holding the item come first, whatever their position.
        var holding = eligible.Where(bin => bin.UnitsOf(item.ItemCode) > 0).OrderByDescending(bin => bin.FillRatio);
        var others = eligible.Where(bin => bin.UnitsOf(item.ItemCode) == 0);

        var byPosition = item.Velocity switch
        {
            Velocity.Fast => others
                .OrderBy(bin => bin.Bin.NeedsLadder)
                .ThenBy(bin => bin.Bin.Aisle)
                .ThenBy(bin => bin.Bin.Level)
                .ThenBy(bin => bin.Bin.Rack),
            Velocity.Medium => others
                .OrderBy(bin => Math.Abs(bin.Bin.Aisle - MiddleAisle))
                .ThenBy(bin => bin.Bin.Level)
                .ThenBy(bin => bin.Bin.Rack),
            _ => others
                .OrderByDescending(bin => bin.Bin.Aisle)
                .ThenByDescending(bin => bin.Bin.Level)
                .ThenBy(bin => bin.Bin.Rack),
        };

        return holding.Concat(byPosition);
    }

    private int MiddleAisle => (_layout.Bins.Max(b => b.Aisle) + 1) / 2;

    private static void Validate(InboundItem item)
    {
        if (item.Units <= 0)
        {
            throw new ArgumentException($"Delivery of {item.ItemCode} has {item.Units} units.", nameof(item));
        }

        if (item.UnitVolumeLitres <= 0 || item.UnitWeightKg < 0)
        {
            throw new ArgumentException($"Delivery of {item.ItemCode} has no usable dimensions.", nameof(item));
        }
    }

    private sealed class BinState(StorageBin bin)
    {
        private readonly Dictionary<string, HeldItem> _items = new(StringComparer.OrdinalIgnoreCase);

        public StorageBin Bin { get; } = bin;

        public IEnumerable<HeldItem> Items => _items.Values;

        public decimal UsedVolume => _items.Values.Sum(i => i.Units * i.UnitVolumeLitres);

        public decimal UsedWeight => _items.Values.Sum(i => i.Units * i.UnitWeightKg);

        public decimal FreeVolume => Bin.VolumeLitres - UsedVolume;

        public decimal FillRatio => Bin.VolumeLitres == 0 ? 1m : UsedVolume / Bin.VolumeLitres;

        public int UnitsOf(string itemCode) => _items.TryGetValue(itemCode, out var held) ? held.Units : 0;

        public int UnitsThatFit(string itemCode, decimal unitVolume, decimal unitWeight)
        {
            // A bin already holding the item may be topped up even when it is at the item limit.
            if (!_items.ContainsKey(itemCode) && _items.Count >= MaxItemsPerBin)
            {
                return 0;
            }

            var byVolume = (int)decimal.Floor(FreeVolume / unitVolume);
            var byWeight = unitWeight == 0 ? int.MaxValue : (int)decimal.Floor((Bin.MaxKg - UsedWeight) / unitWeight);
            return Math.Max(0, Math.Min(byVolume, byWeight));
        }

        public void Add(string itemCode, int units, decimal unitVolume, decimal unitWeight)
        {
            _items[itemCode] = _items.TryGetValue(itemCode, out var held)
                ? held with { Units = held.Units + units }
                : new HeldItem(itemCode, units, unitVolume, unitWeight);
        }
    }

    private sealed record HeldItem(string ItemCode, int Units, decimal UnitVolumeLitres, decimal UnitWeightKg);
}

/// <summary>A suggested transfer between bins.</summary>
public sealed record StockMove(string ItemCode, string FromBin, string ToBin, int Units);

/// <summary>One stop on a pick route.</summary>
public sealed record PickStop(StorageBin Bin, string ItemCode, int Units);
