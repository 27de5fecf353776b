using System.Text;

namespace Shop.Services.Reporting;

/// <summary>
/// Writes rows as RFC 4180 CSV. Cells with commas, quotes or line breaks are quoted, and cells that
/// start with a formula character are prefixed with an apostrophe so spreadsheets do not run them.
/// </summary>
public static class CsvTableWriter
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@'];

    /// <summary>Writes a header line and one line per row.</summary>
    public static async Task WriteAsync<TRow>(
        TextWriter writer,
        IReadOnlyList<ReportColumn<TRow>> columns,
        IEnumerable<TRow> rows,
        CancellationToken cancellationToken = default)
    {
        await writer.WriteLineAsync(JoinLine(columns.Select(c => c.Header)));
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(JoinLine(columns.Select(c => c.CellFor(row))));
        }
    }

    /// <summary>Writes the table to a string; convenient for small reports and tests.</summary>
    public static string ToCsv<TRow>(IReadOnlyList<ReportColumn<TRow>> columns, IEnumerable<TRow> rows)
    {
        var builder = new StringBuilder();
        builder.AppendLine(JoinLine(columns.Select(c => c.Header)));
        foreach (var row in rows)
        {
            builder.AppendLine(JoinLine(columns.Select(c => c.CellFor(row))));
        }

        return builder.ToString();
    }

    private static string JoinLine(IEnumerable<string> cells) => string.Join(',', cells.Select(Escape));

    private static string Escape(string cell)
    {
        if (cell.Length > 0 && Array.IndexOf(FormulaStarts, cell[0]) >= 0 && !decimal.TryParse(cell, out _))
        {
            cell = "'" + cell;
        }

        return cell.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : cell;
    }
}
