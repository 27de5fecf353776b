using Shop.Infrastructure.Inventory;

namespace Shop.Tests;

public sealed class WarehouseBinAllocatorTests
{
    // 2 aisles x 2 racks x 4 levels; each bin holds 100 litres and 50 kg.
    private static readonly WarehouseLayout Layout = WarehouseLayout.Regular(aisles: 2, racksPerAisle: 2, levels: 4, binVolumeLitres: 100m, binMaxKg: 50m);

    private static WarehouseBinAllocator Empty() => new(Layout, new Dictionary<string, IReadOnlyList<BinContent>>());

    [Fact]
    public void Fast_movers_go_near_the_dock_on_low_levels()
    {
        var plan = Empty().Plan([new InboundItem("ITEM-A", 10, 5m, 1m, Velocity.Fast)]);

        var assignment = Assert.Single(plan.Assignments);
        Assert.Equal("A01-R01-L1", assignment.BinCode);
        Assert.True(plan.IsComplete);
    }

    [Fact]
    public void Heavy_units_stay_off_ladder_levels_and_overflow_is_reported()
    {
        // 10 kg units: 5 per bin by weight; the 12 bins on levels 1-3 hold 60.
        var plan = Empty().Plan([new InboundItem("HEAVY", 65, 1m, 10m, Velocity.Slow)]);

        Assert.All(plan.Assignments, a => Assert.False(Layout[a.BinCode].NeedsLadder));
        Assert.Equal(60, plan.Assignments.Sum(a => a.Units));
        Assert.Equal(5, plan.Unplaced["HEAVY"]);
    }

    [Fact]
    public void Existing_stock_is_topped_up_first()
    {
        var contents = new Dictionary<string, IReadOnlyList<BinContent>>
        {
            ["A02-R02-L4"] = [new BinContent("ITEM-B", 5, 10m, 1m)],
        };

        var plan = new WarehouseBinAllocator(Layout, contents).Plan([new InboundItem("ITEM-B", 3, 10m, 1m, Velocity.Fast)]);

        Assert.Equal("A02-R02-L4", Assert.Single(plan.Assignments).BinCode);
    }

    [Fact]
    public void Pick_route_follows_the_serpentine_walk()
    {
        var layout = WarehouseLayout.Regular(aisles: 2, racksPerAisle: 3, levels: 1, binVolumeLitres: 100m, binMaxKg: 50m);
        var contents = new Dictionary<string, IReadOnlyList<BinContent>>
        {
            ["A02-R03-L1"] = [new BinContent("X", 1, 1m, 1m)],
            ["A02-R01-L1"] = [new BinContent("Y", 1, 1m, 1m)],
            ["A01-R02-L1"] = [new BinContent("Z", 1, 1m, 1m)],
        };

        var route = new WarehouseBinAllocator(layout, contents).PlanPickRoute(new Dictionary<string, int> { ["X"] = 1, ["Y"] = 1, ["Z"] = 1 });

        Assert.Equal(["A01-R02-L1", "A02-R03-L1", "A02-R01-L1"], route.Select(stop => stop.Bin.Code));
    }

    [Fact]
    public void Cycle_count_picks_overdue_bins_and_fast_movers_first()
    {
        var layout = WarehouseLayout.Regular(aisles: 1, racksPerAisle: 3, levels: 1, binVolumeLitres: 100m, binMaxKg: 50m);
        var contents = new Dictionary<string, IReadOnlyList<BinContent>>
        {
            ["A01-R01-L1"] = [new BinContent("SLOW", 1, 1m, 1m)],
            ["A01-R02-L1"] = [new BinContent("FAST", 1, 1m, 1m)],
            ["A01-R03-L1"] = [new BinContent("SLOW", 1, 1m, 1m)],
        };
        var today = new DateOnly(2026, 4, 15);
        var lastCounted = new Dictionary<string, DateOnly>
        {
            ["A01-R01-L1"] = today.AddDays(-10),
            ["A01-R02-L1"] = today.AddDays(-10),
            ["A01-R03-L1"] = today.AddDays(-40),
        };

        var bins = new WarehouseBinAllocator(layout, contents)
            .PlanCycleCount(lastCounted, new Dictionary<string, Velocity> { ["FAST"] = Velocity.Fast }, today, cycleDays: 28, capacity: 5);

        // FAST is due every 7 days, SLOW every 28: R01 (10 days, slow) is not due yet.
        Assert.Equal(["A01-R02-L1", "A01-R03-L1"], bins.Select(b => b.Code));
    }

    [Fact]
    public void Reconciling_a_count_books_only_the_differences()
    {
        var contents = new Dictionary<string, IReadOnlyList<BinContent>>
        {
            ["A01-R01-L1"] = [new BinContent("A", 10, 1m, 1m), new BinContent("B", 4, 1m, 1m)],
        };
        var at = new DateTime(2026, 4, 15, 8, 0, 0, DateTimeKind.Utc);

        var adjustments = new WarehouseBinAllocator(Layout, contents)
            .ReconcileCount("A01-R01-L1", new Dictionary<string, int> { ["A"] = 9, ["B"] = 4, ["C"] = 2 }, at);

        Assert.Equal(
            [new StockMovement("A", "A01-R01-L1", -1, MovementKind.Adjustment, at), new StockMovement("C", "A01-R01-L1", 2, MovementKind.Adjustment, at)],
            adjustments);
    }
}
