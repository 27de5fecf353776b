using System.CommandLine;
using System.Globalization;

namespace CodeContext.Server.Commands;

/// <summary>
/// A token count as people write it: 32000, 32k, 1.5M (k = 1,000, M = 1,000,000, any case). Anything
/// else is a one-line error naming the option and the value, not the parser's message and the help.
/// </summary>
internal static class TokenCountOption
{
    public static Option<int> Create(string name, string description, int defaultValue) => new(name)
    {
        Description = description + " Accepts 32000, 32k or 1.5M.",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (TryParse(text, out var count)) return count;
            result.AddError($"{name} '{text}' is not a positive token count (e.g. 32000, 32k, 1.5M)");
            return 0;
        },
    };

    public static bool TryParse(string text, out int count)
    {
        count = 0;
        var trimmed = text.Trim().Replace("_", "", StringComparison.Ordinal);
        if (trimmed.Length == 0) return false;
        var scale = char.ToLowerInvariant(trimmed[^1]) switch { 'k' => 1_000d, 'm' => 1_000_000d, _ => 1d };
        var number = scale == 1 ? trimmed : trimmed[..^1];
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return false;
        var total = Math.Round(value * scale);
        if (total is < 1 or > int.MaxValue) return false;
        count = (int)total;
        return true;
    }
}
