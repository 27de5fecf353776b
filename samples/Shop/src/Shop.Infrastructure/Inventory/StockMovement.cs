namespace Shop.Infrastructure.Inventory;

/// <summary>Why stock moved.</summary>
public enum MovementKind
{
    /// <summary>Goods arrived from a supplier and were put away.</summary>
    Receipt,

    /// <summary>Goods were moved from one bin to another.</summary>
    Transfer,

    /// <summary>A stock count found a difference.</summary>
    Adjustment,

    /// <summary>Goods were picked for dispatch.</summary>
    Pick,
}

/// <summary>A change to the stock in a bin, as recorded by the warehouse scanners.</summary>
/// <param name="ItemCode">The supplier's item code (the warehouse does not know shop SKUs).</param>
/// <param name="BinCode">The bin affected.</param>
/// <param name="Units">Positive when stock was added, negative when removed.</param>
/// <param name="Kind">Why it moved.</param>
/// <param name="At">When the scanner recorded it.</param>
public sealed record StockMovement(string ItemCode, string BinCode, int Units, MovementKind Kind, DateTime At);

/// <summary>Folds movements into the current units per item and bin.</summary>
public static class StockLedger
{
    /// <summary>Units on hand per (item, bin), leaving out empty positions.</summary>
    public static IReadOnlyDictionary<(string Item, string Bin), int> OnHand(IEnumerable<StockMovement> movements)
    {
        var totals = new Dictionary<(string Item, string Bin), int>();
        foreach (var movement in movements.OrderBy(m => m.At))
        {
            var key = (movement.ItemCode, movement.BinCode);
            var units = totals.GetValueOrDefault(key) + movement.Units;
            if (units < 0)
            {
                throw new InvalidOperationException(
                    $"Bin {movement.BinCode} would hold {units} units of {movement.ItemCode} after the {movement.Kind} at {movement.At:O}.");
            }

            totals[key] = units;
        }

        return totals.Where(pair => pair.Value > 0).ToDictionary(pair => pair.Key, pair => pair.Value);
    }
}
