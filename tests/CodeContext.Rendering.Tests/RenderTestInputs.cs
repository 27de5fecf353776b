using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Rendering.Tests;

/// <summary>Realistic C# inputs for renderer tests.</summary>
internal static class RenderTestInputs
{
    public const string OrderService = """
        using System;
        using System.Collections.Generic;

        namespace Shop.Orders;

        /// <summary>Prices and places orders.</summary>
        public sealed class OrderService : IOrderService
        {
            private readonly IRepository<Order> _orders;

            public OrderService(IRepository<Order> orders) => _orders = orders;

            public decimal Total(IReadOnlyList<OrderLine> lines, decimal rate)
            {
                var total = 0m;
                foreach (var line in lines)
                {
                    total += line.Quantity * line.UnitPrice; // before tax
                }

                return total * (1m + rate);
            }
        }
        """;

    public static RenderRequest Request(string profile = "deepseek-ocr-base", string level = "L2", bool gutter = true) =>
        new() { Profile = ProfileCatalog.Get(profile), Level = level, Gutter = gutter };

    /// <summary>A file of <paramref name="lines"/> numbered statement lines of varying length.</summary>
    public static string NumberedFile(int lines)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 1; i <= lines; i++)
        {
            text.Append(new string(' ', 4 * (i % 4))).Append("var value").Append(i).Append(" = Compute(").Append(i).Append(", \"").Append(new string('x', i % 37)).Append("\");");
            if (i < lines)
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }

    public static SourceFragment Whole(string path, string text) => SourceFragment.FromFile(path, text, []);
}
