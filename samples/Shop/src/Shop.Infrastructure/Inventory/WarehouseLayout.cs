namespace Shop.Infrastructure.Inventory;

/// <summary>
/// The physical layout of the warehouse: aisles of racks, each rack a column of bins. Bin codes look
/// like <c>A03-R12-L2</c> (aisle 3, rack 12, level 2).
/// </summary>
public sealed class WarehouseLayout
{
    private readonly Dictionary<string, StorageBin> _bins;

    /// <summary>Creates a layout from its bins.</summary>
    public WarehouseLayout(IEnumerable<StorageBin> bins)
    {
        _bins = new Dictionary<string, StorageBin>(StringComparer.OrdinalIgnoreCase);
        foreach (var bin in bins)
        {
            if (!_bins.TryAdd(bin.Code, bin))
            {
                throw new ArgumentException($"Bin {bin.Code} appears twice in the layout.", nameof(bins));
            }
        }
    }

    /// <summary>All bins, in walking order.</summary>
    public IReadOnlyList<StorageBin> Bins => [.. _bins.Values.OrderBy(b => b, WalkingOrder.Instance)];

    /// <summary>Finds a bin by code.</summary>
    public StorageBin this[string code] =>
        _bins.TryGetValue(code, out var bin) ? bin : throw new KeyNotFoundException($"No bin {code}.");

    /// <summary>Builds a regular layout: every aisle has the same racks and levels.</summary>
    public static WarehouseLayout Regular(int aisles, int racksPerAisle, int levels, decimal binVolumeLitres, decimal binMaxKg)
    {
        var bins = new List<StorageBin>();
        for (var aisle = 1; aisle <= aisles; aisle++)
        {
            for (var rack = 1; rack <= racksPerAisle; rack++)
            {
                for (var level = 1; level <= levels; level++)
                {
                    bins.Add(new StorageBin(aisle, rack, level, binVolumeLitres, binMaxKg));
                }
            }
        }

        return new WarehouseLayout(bins);
    }

    /// <summary>
    /// Orders bins the way a picker walks: up odd aisles and down even ones (a serpentine route),
    /// lower levels first because they need no ladder.
    /// </summary>
    public sealed class WalkingOrder : IComparer<StorageBin>
    {
        /// <summary>The shared instance.</summary>
        public static readonly WalkingOrder Instance = new();

        /// <inheritdoc />
        public int Compare(StorageBin? x, StorageBin? y)
        {
            if (x is null || y is null)
            {
                return Comparer<object>.Default.Compare(x, y);
            }

            var byAisle = x.Aisle.CompareTo(y.Aisle);
            if (byAisle != 0)
            {
                return byAisle;
            }

            var byRack = x.Rack.CompareTo(y.Rack);
            if (byRack != 0)
            {
                return x.Aisle % 2 == 1 ? byRack : -byRack;
            }

            return x.Level.CompareTo(y.Level);
        }
    }
}

/// <summary>One storage bin.</summary>
/// <param name="Aisle">Aisle number, from 1.</param>
/// <param name="Rack">Rack number within the aisle, from 1.</param>
/// <param name="Level">Shelf level, 1 at the floor.</param>
/// <param name="VolumeLitres">Usable volume.</param>
/// <param name="MaxKg">Load limit of the shelf.</param>
public sealed record StorageBin(int Aisle, int Rack, int Level, decimal VolumeLitres, decimal MaxKg)
{
    /// <summary>The code printed on the bin label.</summary>
    public string Code => $"A{Aisle:D2}-R{Rack:D2}-L{Level}";

    /// <summary>Bins above level 3 need a ladder, so heavy goods should not go there.</summary>
    public bool NeedsLadder => Level > 3;
}
