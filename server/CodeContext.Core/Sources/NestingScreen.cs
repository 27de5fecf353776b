namespace CodeContext.Core.Sources;

/// <summary>
/// How deeply a C# text nests, measured lexically before any parser sees it. Roslyn's parser and
/// binder recurse once per nesting level: 20,000 nested parentheses or 5,000 nested generic
/// arguments overflow the stack, which no catch can stop (the process dies), and a 50,000-term
/// <c>1 + 1 + ...</c> makes every tree walk throw. Real code nests a few dozen levels; a file past
/// the limit is left out with its reason instead.
/// </summary>
/// <remarks>
/// The measure approximates the syntax tree's depth: open brackets, plus, within each open bracket,
/// the operators chained at that level (a binary chain is a left-deep tree), plus open generic
/// angles. A comma starts a new list element (a sibling, not a deeper node); a statement end or a
/// brace starts afresh. Comments, strings and character literals are skipped; the holes of
/// interpolated strings are code.
/// </remarks>
public static class NestingScreen
{
    /// <summary>Deepest measure allowed. Roslyn walks thousands of levels on a 1.5 MB thread stack; real code stays under 100.</summary>
    public const int MaxDepth = 400;

    /// <summary>Null when the text nests within <see cref="MaxDepth"/>; otherwise why it is left out.</summary>
    public static string? ReasonToSkip(string text)
    {
        var scanner = new Scanner(text);
        var depth = scanner.Run();
        return depth > MaxDepth
            ? $"nested too deeply to analyse safely (nesting measure over {MaxDepth} near line {scanner.LineAt(scanner.StoppedAt)})"
            : null;
    }

    private enum Mode { Code, Interpolated, InterpolatedVerbatim }

    private sealed class Scanner(string text)
    {
        // Per open level: operators and angles chained so far. Bounded: the scan stops past MaxDepth.
        private readonly Stack<(int Ops, int Angles)> _levels = new();
        private readonly Stack<(Mode Mode, int Braces)> _modes = new();
        private int _ops;
        private int _angles;
        private int _outer;

        public int StoppedAt { get; private set; }

        public int LineAt(int offset) => 1 + text.AsSpan(0, Math.Min(offset, text.Length)).Count('\n');

        public int Run()
        {
            _modes.Push((Mode.Code, 0));
            var max = 0;
            for (var i = 0; i < text.Length;)
            {
                i = _modes.Peek().Mode == Mode.Code ? Code(i) : InsideString(i);
                var measure = _levels.Count + _outer + _ops + _angles;
                if (measure > max) max = measure;
                if (max > MaxDepth)
                {
                    StoppedAt = i;
                    return max;
                }
            }

            return max;
        }

        private int Code(int i)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (c)
            {
                case '/' when next == '/':
                    return SkipPast(i, "\n");
                case '/' when next == '*':
                    return SkipPast(i + 2, "*/");
                case '\'':
                    return SkipQuoted(i + 1, '\'');
                case '"' when next == '"' && i + 2 < text.Length && text[i + 2] == '"':
                    return SkipRaw(i);
                case '"':
                    return SkipQuoted(i + 1, '"');
                case '@' when next == '"':
                    return SkipVerbatim(i + 2);
                case '$' or '@' when IsInterpolationStart(i, out var contentStart, out var verbatim, out var raw):
                    if (raw) return SkipRaw(contentStart);
                    _modes.Push((verbatim ? Mode.InterpolatedVerbatim : Mode.Interpolated, 0));
                    return contentStart;
                case '(' or '[' or '{':
                    if (c == '{' && _modes.Peek().Mode == Mode.Code && _modes.Count > 1)
                    {
                        var hole = _modes.Pop();
                        _modes.Push((hole.Mode, hole.Braces + 1));
                    }

                    Open();
                    return i + 1;
                case '}' when _modes.Count > 1 && _modes.Peek().Braces == 0:
                    // The end of an interpolation hole: back into the string.
                    _modes.Pop();
                    Close();
                    return i + 1;
                case ')' or ']' or '}':
                    if (c == '}' && _modes.Count > 1)
                    {
                        var hole = _modes.Pop();
                        _modes.Push((hole.Mode, hole.Braces - 1));
                    }

                    Close();
                    if (c == '}') (_ops, _angles) = (0, 0);
                    return i + 1;
                case ';':
                    (_ops, _angles) = (0, 0);
                    return i + 1;
                case ',':
                    _ops = 0;
                    return i + 1;
                case '<':
                    _angles++;
                    return i + 1;
                case '>':
                    if (_angles > 0) _angles--;
                    return i + 1;
                case '+' or '-' or '*' or '/' or '%' or '&' or '|' or '^' or '?' or '=' or '.' or '!':
                    _ops++;
                    return i + 1;
                default:
                    return i + 1;
            }
        }

        private void Open()
        {
            _levels.Push((_ops, _angles));
            _outer += _ops + _angles;
            (_ops, _angles) = (0, 0);
        }

        private void Close()
        {
            if (_levels.Count == 0) return;
            var (ops, angles) = _levels.Pop();
            _outer -= ops + angles;
            (_ops, _angles) = (ops, angles);
        }

        /// <summary>$"...", $@"...", @$"..." (holes are code) or $"""...""" (skipped whole, like any raw string).</summary>
        private bool IsInterpolationStart(int i, out int contentStart, out bool verbatim, out bool raw)
        {
            var j = i;
            var dollars = 0;
            verbatim = false;
            while (j < text.Length && (text[j] == '$' || text[j] == '@'))
            {
                if (text[j] == '$') dollars++;
                else verbatim = true;
                j++;
            }

            raw = j + 2 < text.Length && text[j] == '"' && text[j + 1] == '"' && text[j + 2] == '"';
            contentStart = raw ? j : j + 1;
            return dollars > 0 && j < text.Length && text[j] == '"';
        }

        private int InsideString(int i)
        {
            var (mode, _) = _modes.Peek();
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (mode == Mode.Interpolated && c == '\\') return i + 2;
            if (mode == Mode.Interpolated && c == '\n') { _modes.Pop(); return i + 1; }
            if (c == '"' && mode == Mode.InterpolatedVerbatim && next == '"') return i + 2;
            if (c == '"') { _modes.Pop(); return i + 1; }
            if (c == '{' && next == '{') return i + 2;
            if (c == '{')
            {
                _modes.Push((Mode.Code, 0));
                Open();
                return i + 1;
            }

            return i + 1;
        }

        private int SkipPast(int i, string end)
        {
            var at = text.IndexOf(end, i, StringComparison.Ordinal);
            return at < 0 ? text.Length : at + end.Length;
        }

        private int SkipQuoted(int i, char quote)
        {
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\\') { i++; continue; }
                if (c == quote) return i + 1;
                if (c == '\n') return i + 1;
            }

            return text.Length;
        }

        private int SkipVerbatim(int i)
        {
            for (; i < text.Length; i++)
            {
                if (text[i] != '"') continue;
                if (i + 1 < text.Length && text[i + 1] == '"') { i++; continue; }
                return i + 1;
            }

            return text.Length;
        }

        /// <summary>A raw string: N quotes open it, the next run of N quotes closes it.</summary>
        private int SkipRaw(int i)
        {
            var quotes = 0;
            while (i + quotes < text.Length && text[i + quotes] == '"') quotes++;
            var closing = new string('"', quotes);
            var at = text.IndexOf(closing, i + quotes, StringComparison.Ordinal);
            return at < 0 ? text.Length : at + quotes;
        }
    }
}
