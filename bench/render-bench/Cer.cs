using System.Globalization;
using System.Text;

namespace RenderBench;

/// <summary>
/// Character error rate of an OCR reading: Levenshtein distance / expected length, both sides
/// with whitespace removed (layout, indentation and wrap points are not what is measured).
/// </summary>
internal static class Cer
{
    public static int Run(string expectedFile, string actualFile)
    {
        var expected = Strip(File.ReadAllText(expectedFile));
        var actual = Strip(File.ReadAllText(actualFile));
        var distance = Distance(expected, actual);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{distance} {expected.Length} {(expected.Length == 0 ? 0 : distance / (double)expected.Length):F5}"));
        return 0;
    }

    internal static string Strip(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
