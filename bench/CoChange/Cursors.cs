using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CodeContext.Analyzers.Graph;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeContext.Bench.CoChange;

/// <summary>
/// A cursor for each query, where the developer most likely stood: the first line the commit
/// changed in the active file, read at the parent commit, and the member declared around it
/// there. The member is then looked up by name among the active file's declarations in the
/// current tree (lines have moved since); a file the commit added, or a change outside every
/// member, has no cursor.
/// </summary>
internal static partial class Cursors
{
    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? ", RegexOptions.Multiline)]
    private static partial Regex HunkHeader();

    public static IReadOnlyList<Query> WithCursors(IReadOnlyList<Query> queries, FileGraph graph, string root)
    {
        var found = 0;
        var result = queries.Select(query =>
        {
            var id = CursorOf(query, graph, root);
            if (id is not null) found++;
            return query with { CursorId = id };
        }).ToList();
        Console.Error.WriteLine($"cursor derived for {found} of {queries.Count} queries");
        return result;
    }

    private static string? CursorOf(Query query, FileGraph graph, string root)
    {
        var diff = Git(root, "diff", "--relative", "-U0", query.Sha + "^", query.Sha, "--", query.Active);
        if (diff is null || HunkHeader().Match(diff) is not { Success: true } hunk) return null;
        var line = Math.Max(1, int.Parse(hunk.Groups[1].Value, CultureInfo.InvariantCulture));
        var parentText = Git(root, "show", $"{query.Sha}^:./{query.Active}");
        if (parentText is null) return null;
        var (type, member) = MemberAt(parentText, line);
        if (type is null || graph.IndexOf(query.Active) is not { } active) return null;
        var declarations = graph.Facts[active].Declarations;
        var match = member is null
            ? declarations.FirstOrDefault(d => d.IsType && d.Name == type)
            : declarations.FirstOrDefault(d => !d.IsType && d.Display == (member == ".ctor" ? type : $"{type}.{member}") && (member != ".ctor" || d.Id.Contains("#ctor", StringComparison.Ordinal)))
              ?? declarations.FirstOrDefault(d => d.IsType && d.Name == type);
        return match?.Id;
    }

    /// <summary>The innermost type and member (null between members) around a 1-based line.</summary>
    private static (string? Type, string? Member) MemberAt(string text, int line)
    {
        var tree = CSharpSyntaxTree.ParseText(text);
        var lines = tree.GetText().Lines;
        if (line > lines.Count) return (null, null);
        var span = lines[line - 1].Span;
        var node = tree.GetRoot().FindToken(span.Start + Math.Max(0, lines[line - 1].ToString().Length - lines[line - 1].ToString().TrimStart().Length)).Parent;
        string? member = null;
        for (; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case MethodDeclarationSyntax m: member ??= m.Identifier.ValueText; break;
                case ConstructorDeclarationSyntax: member ??= ".ctor"; break;
                case PropertyDeclarationSyntax p: member ??= p.Identifier.ValueText; break;
                case IndexerDeclarationSyntax: member ??= "this[]"; break;
                case EventDeclarationSyntax e: member ??= e.Identifier.ValueText; break;
                case BaseFieldDeclarationSyntax f: member ??= f.Declaration.Variables.FirstOrDefault()?.Identifier.ValueText; break;
                case BaseTypeDeclarationSyntax t: return (t.Identifier.ValueText, member);
            }
        }
        return (null, null);
    }

    private static string? Git(string root, params string[] arguments)
    {
        var psi = new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : null;
    }
}
