using System.Globalization;

namespace CodeContext.Server.Rpc.Framing;

/// <summary>
/// The longest question (`query` of codeContext/rank, compose and explain; `--query` of the CLI)
/// the server and the CLI accept. A question is a sentence or a paragraph; the ranking tokenises
/// and matches every word of it, so a document-sized one costs gigabytes (a 30 MB query took the
/// server from 227 MB to 2.7 GB) while no longer answering any question.
/// </summary>
internal static class QueryLimit
{
    /// <summary>Characters (UTF-16 code units, as a string's length counts them).</summary>
    public const int MaxChars = 16 * 1024;

    /// <summary>The most bytes one character takes in a JSON string (an escape, \uXXXX).</summary>
    public const int MaxJsonBytesPerChar = 6;

    /// <summary>Why the query is refused, naming <paramref name="where"/>; null when it is accepted.</summary>
    public static string? Refusal(string? query, string where) =>
        query is { Length: > MaxChars }
            ? string.Create(CultureInfo.InvariantCulture, $"{where} is {query.Length} characters long; the limit is {MaxChars} (a question, not a document: put code in the active file or the context)")
            : null;

    /// <summary>The refusal of a query known to be over the limit from its size in JSON alone.</summary>
    public static string RefusalBySize(long jsonBytes, string where) =>
        string.Create(CultureInfo.InvariantCulture, $"{where} is {jsonBytes} bytes of JSON text, far over the limit of {MaxChars} characters (a question, not a document: put code in the active file or the context)");
}
