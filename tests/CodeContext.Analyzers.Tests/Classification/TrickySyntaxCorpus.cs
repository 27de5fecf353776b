namespace CodeContext.Analyzers.Tests.Classification;

/// <summary>
/// C# files built from fragments that are hard to classify from syntax alone: every fragment in a
/// file of its own, and all of them together under a doc comment, inside a #region and behind an
/// #if, so comments, directives and strings also meet each other.
/// </summary>
internal static class TrickySyntaxCorpus
{
    private const string Members = """"
        /// <summary>Uses <see cref="List{T}.Add(T)"/>, <see cref="int.Parse(string)"/> and <paramref name="count"/>.</summary>
        /// <param name="count">How many; see <c>Count</c> and <see langword="null"/>.</param>
        /// <typeparam name="T">The item.</typeparam>
        /// <returns>A <see href="https://example.org/a?b=c&amp;d">link</see> &lt;raw&gt;.</returns>
        /// <exception cref="System.ArgumentException">When <paramref name="missing"/> is bad.</exception>
        /// <remarks><code>var x = "quoted"; // not a comment</code><![CDATA[ <xml> ]]><!-- xml comment --></remarks>
        public static string Describe<T>(int count, T item)
        {
            /* a block
               comment over lines */
            var verbatim = @"C:\path\""quoted""
        second line";
            var interpolated = $"{count,5:N2} and {item} and {{braces}} and {(count > 1 ? "many" : "one")}";
            var nested = $"outer {$"inner {count:X4} {"lit"}"} end";
            var verbatimInterpolated = $@"dir\{count}\file ""x""";
            var raw = """
                raw "quotes" and \n no escape
                """;
            var rawInterpolated = $$"""
                {"json": {{count}}, "fmt": "{{count:D3}}"}
                """;
            var utf8 = "bytes\t"u8;
            var rawUtf8 = """raw utf8"""u8;
            char c = '\'', d = '\u0041', e = '"';
            var escapes = "tab\t quote\" backslash\\ unicode\u00e9 hex\x41";
            var pattern = count switch { > 0 and < 10 => "small", _ => "other" };
            string? maybe = null; // trailing comment "with a string"
            return verbatim + interpolated + nested + verbatimInterpolated + raw + rawInterpolated + utf8.Length + rawUtf8.Length + c + d + e + escapes + pattern + maybe;
        }

        /**
         * <summary>A multi-line doc comment with <see cref="Describe{T}(int, T)"/>.</summary>
         */
        [System.Obsolete("attribute \"string\"", error: false)]
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Category", "Id:Rule", Justification = $"const {nameof(Describe)}")]
        public static int Numbers() => 0x1F + 1_000 + (int)1.5e3 + (int)2.0f + 'a' /* inline */ + 3;
        """";

    private const string Directives = """
        #nullable enable // turn it on
        #pragma warning disable CS0168, CS0219 // unused
        #region Members of "the" region // not a comment?
        #if DEBUG && !RELEASE // a comment after #if
        internal static class Debugging { public const string Name = "debug"; }
        #elif false
        internal static class Disabled { const string Text = "disabled text // not a comment"; /* nor this */ }
        #else
        internal static class Released { }
        #endif // trailing
        #endregion // after endregion
        #pragma warning restore CS0168, CS0219
        #define LOCAL
        #error custom error text with "quotes"
        #warning custom warning // comment?
        #line 42 "generated.cs"
        #line default
        """;

    /// <summary>Named sources: each fragment alone, then everything together; each also with CRLF line ends.</summary>
    public static IEnumerable<(string Name, string Source)> Files() =>
        LfFiles().SelectMany(f => new[] { f, ("crlf-" + f.Name, f.Source.Replace("\n", "\r\n", StringComparison.Ordinal)) });

    private static IEnumerable<(string Name, string Source)> LfFiles()
    {
        yield return ("members.cs", Wrap(Members));
        yield return ("directives.cs", "using System.Collections.Generic;\n" + Directives.Replace("#define LOCAL\n", "", StringComparison.Ordinal));
        yield return ("together.cs", "#define LOCAL\nusing System.Collections.Generic;\n/// <summary>File doc.</summary>\n" + Directives.Replace("#define LOCAL\n", "", StringComparison.Ordinal) + "\n" + Wrap("#region inner\n" + Members + "\n#endregion"));
    }

    private static string Wrap(string members) => "using System.Collections.Generic;\nnamespace Corpus;\n\npublic static class Samples\n{\n" + members + "\n}\n";
}
