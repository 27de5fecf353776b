using System.Globalization;

namespace Shop.Services.Reporting;

/// <summary>One column of a tabular report: a header and how to turn a row into a cell.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class ReportColumn<TRow>
{
    private readonly Func<TRow, object?> _select;

    /// <summary>Creates a column.</summary>
    public ReportColumn(string header, Func<TRow, object?> select, string? format = null)
    {
        Header = header;
        _select = select;
        Format = format;
    }

    /// <summary>The header text.</summary>
    public string Header { get; }

    /// <summary>A .NET format string for numbers and dates, e.g. "F2" or "yyyy-MM-dd".</summary>
    public string? Format { get; }

    /// <summary>The cell text for a row, formatted with the invariant culture so files diff cleanly.</summary>
    public string CellFor(TRow row) => _select(row) switch
    {
        null => string.Empty,
        IFormattable formattable => formattable.ToString(Format, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? string.Empty,
    };
}
