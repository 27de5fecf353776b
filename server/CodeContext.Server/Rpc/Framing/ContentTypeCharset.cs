namespace CodeContext.Server.Rpc.Framing;

/// <summary>
/// The charset parameter of an LSP Content-Type header. The base protocol allows only UTF-8;
/// 'utf8' is accepted too because early clients sent it (the specification says so).
/// </summary>
internal static class ContentTypeCharset
{
    private static readonly string[] Accepted = ["utf-8", "utf8"];

    /// <summary>The charset a header value names when it is not UTF-8; null when it is, or names none.</summary>
    public static string? Refused(string headerValue)
    {
        // "type/subtype; name=value; ...": parameters after the first ';', names case-insensitive,
        // values possibly quoted. Every charset parameter must be UTF-8, not just one of them.
        foreach (var parameter in headerValue.Split(';').Skip(1))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0) continue;
            if (!parameter[..equals].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase)) continue;
            var charset = parameter[(equals + 1)..].Trim().Trim('"');
            if (!Accepted.Contains(charset, StringComparer.OrdinalIgnoreCase)) return charset.Length == 0 ? "(empty)" : charset;
        }

        return null;
    }
}
