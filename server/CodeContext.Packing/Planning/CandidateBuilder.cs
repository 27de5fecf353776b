using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;
using CodeContext.Core;
using CodeContext.Core.Secrets;
using CodeContext.Rendering.Tokenizers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Packing.Planning;

/// <summary>Relevance and reasons of one file from the rank stage.</summary>
/// <param name="DirectUse">The file declares what the active file uses directly (<see cref="DirectUses"/>).</param>
public sealed record FileRelevance(double Relevance, IReadOnlyList<string> Reasons, bool DirectUse = false);

/// <summary>
/// Turns the codebase's files into planner candidates: cuts large files into
/// slices, builds outlines and index lines, and prices each text form exactly.
/// </summary>
public static partial class CandidateBuilder
{
    private static long _nextContentId;

    /// <summary>The candidates of <paramref name="files"/>, priced with the run's tokenizer and settings; files the session priced before at the same text come from its pool.</summary>
    internal static async Task<IReadOnlyList<Candidate>> BuildAsync(
        ComposeRun run,
        IEnumerable<SourceFile> files,
        IReadOnlyDictionary<string, FileRelevance> relevance,
        ISet<string> activeTerms,
        CancellationToken cancellationToken)
    {
        var (workspace, _, cache, session, context) = run;
        var (tokenizer, settings, pool) = (context.Tokenizer, context.Settings, session.Candidates);
        var results = new ConcurrentBag<Candidate>();
        void Add(SourceFile file, IReadOnlyList<Candidate> templates)
        {
            var rel = relevance.GetValueOrDefault(file.RelativePath) ?? new FileRelevance(0, ["no link to the active file found (graph, names or history)"]);
            foreach (var candidate in WithRelevance(templates, rel, activeTerms))
            {
                results.Add(candidate);
            }
        }

        // Files the pool already priced cost a lookup; only the others go to the thread pool.
        var missing = new List<SourceFile>();
        foreach (var file in files)
        {
            if (workspace.GetDocument(file).TryGetText(out var loaded) && pool.TryGet(file.RelativePath, loaded) is { } known)
            {
                Add(file, known);
            }
            else
            {
                missing.Add(file);
            }
        }

        await Parallel.ForEachAsync(missing, new ParallelOptions { CancellationToken = cancellationToken }, async (file, ct) =>
        {
            var document = workspace.GetDocument(file);
            var text = await document.GetTextAsync(ct).ConfigureAwait(false);
            var templates = pool.TryGet(file.RelativePath, text);
            if (templates is null)
            {
                // The analysis usually parsed the file already; pricing may reuse that tree (FileFacts says when).
                var parsed = document.TryGetSyntaxTree(out var tree) ? tree : null;
                templates = [.. Templates(file.RelativePath, text.ToString(), workspace.Sources.FindingsFor(file.FullPath).Secrets, tokenizer, settings, cache, ct, parsed, document.Project.ParseOptions)];
                pool.Put(file.RelativePath, text, templates);
            }

            Add(file, templates);
        }).ConfigureAwait(false);
        return [.. results.OrderBy(c => c.Path, StringComparer.Ordinal).ThenBy(c => c.Slice)];
    }

    /// <param name="source">Text that came through the source gate (masked).</param>
    public static IEnumerable<Candidate> ForFile(string path, string source, FileRelevance relevance, ISet<string> activeTerms, ITextTokenizer tokenizer, PlannerSettings settings, CacheDirectory? cache, CancellationToken ct) =>
        WithRelevance([.. Templates(path, source, [], tokenizer, settings, cache, ct)], relevance, activeTerms);

    /// <summary>A file's candidates with the relevance of this request: slices weighted by how many of the active file's names they mention.</summary>
    private static IEnumerable<Candidate> WithRelevance(IReadOnlyList<Candidate> templates, FileRelevance relevance, ISet<string> activeTerms)
    {
        // A whole file keeps its relevance: counting its mentions (every term of it against the
        // active file's) would be most of re-pricing after an edit that moved the ranking.
        if (templates.Count == 1)
        {
            yield return templates[0] with { Relevance = relevance.Relevance, Reasons = relevance.Reasons, DirectUse = relevance.DirectUse };
            yield break;
        }

        var mentions = templates.Select(t => activeTerms.Count == 0 ? 0 : t.Terms.Count(activeTerms.Contains)).ToList();
        var maxMentions = Math.Max(1, mentions.Max());
        for (var i = 0; i < templates.Count; i++)
        {
            var weight = 0.5 + 0.5 * mentions[i] / maxMentions;
            yield return templates[i] with { Relevance = relevance.Relevance * weight, Reasons = relevance.Reasons, DirectUse = relevance.DirectUse };
        }
    }

    /// <summary>
    /// What a file's candidates are whatever the request: slices, outlines, exact token counts. The
    /// text came through the source gate, already masked; <paramref name="secrets"/> is what the
    /// gate masked in it, for the manifest.
    /// </summary>
    private static IEnumerable<Candidate> Templates(string path, string masked, IReadOnlyList<SecretFinding> secrets, ITextTokenizer tokenizer, PlannerSettings settings, CacheDirectory? cache, CancellationToken ct, SyntaxTree? parsed = null, ParseOptions? project = null)
    {
        var facts = FileFacts.Get(path, masked, tokenizer, settings, cache, ct, parsed, project);
        var text = SourceText.From(masked);
        var whole = facts.Slices.Count == 1;
        var directives = facts.DirectiveLines.ToHashSet();
        for (var i = 0; i < facts.Slices.Count; i++)
        {
            var slice = facts.Slices[i];
            var piece = whole ? masked : SliceOf(masked, text, slice.Start, slice.End);
            var listed = i == 0 ? SegmentText.Listed(path, facts.Description) : null;
            var pageViews = PageViews(piece, slice, i == 0, directives, settings);
            yield return new Candidate
            {
                ContentId = Interlocked.Increment(ref _nextContentId),
                Path = path,
                StartLine = slice.Start,
                EndLine = slice.End,
                Text = piece,
                Slice = i,
                SliceCount = facts.Slices.Count,
                Relevance = 0,
                Reasons = [],
                TextTokens = slice.TextTokens,
                OutlineSegment = slice.Outline,
                OutlineTokens = slice.OutlineTokens,
                OutlineShare = slice.OutlineShare,
                ListedLine = listed,
                ListedTokens = listed is null ? 0 : facts.ListedTokens,
                SourceTokens = slice.SourceTokens,
                PageViews = pageViews,
                Secrets = [.. secrets.Where(s => s.Line >= slice.Start && s.Line <= slice.End)],
                Terms = slice.Terms,
            };
        }
    }

    /// <summary>A slice's page view per level; levels whose documentation policy is the same share one view.</summary>
    private static PageView[] PageViews(string piece, SliceFacts slice, bool first, IReadOnlySet<int> directives, PlannerSettings settings)
    {
        // Only a file's first slice opens with a licence and usings.
        var (body, skip) = first ? LeadingBoilerplate.Without(piece, slice.End - slice.Start + 1) : (piece, 0);
        var byFold = new Dictionary<DocumentationFold, PageView>();
        return [.. FidelityNames.ImageForms.Select(level =>
        {
            var fold = settings.PageDocumentationAt(level);
            if (!byFold.TryGetValue(fold, out var view))
            {
                var (text, lines) = DocCommentFolding.Fold(body, slice.Start + skip, fold, directives);
                view = new PageView(slice.Start + skip, text, lines, LineCells(text));
                byFold[fold] = view;
            }

            return view;
        })];
    }

    /// <summary>Identifiers of the active file that are worth matching in slices (type-like names of 4+ characters).</summary>
    public static ISet<string> TermsOf(string activeText) =>
        Identifier().Matches(activeText).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Lines as the renderer counts them: a final line break ends the last line.</summary>
    public static int LineCount(SourceText text)
    {
        var count = text.Lines.Count;
        return count > 1 && text.Lines[^1].Span.Length == 0 ? count - 1 : count;
    }

    /// <summary>Lines start..end (1-based, inclusive) without the last line's break.</summary>
    public static string SliceOf(string source, SourceText text, int start, int end) =>
        source[text.Lines[start - 1].Start..text.Lines[end - 1].End];

    /// <summary>Cells of each line as the renderer counts them (tabs to stops of four).</summary>
    private static int[] LineCells(string text)
    {
        var cells = new List<int>();
        var count = 0;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                cells.Add(count);
                count = 0;
            }
            else if (c == '\t')
            {
                count += 4 - (count % 4);
            }
            else if (c != '\r')
            {
                count++;
            }
        }

        cells.Add(count);
        return [.. cells];
    }

    /// <summary>One line saying what a file declares, e.g. "class OrderService : IOrderService; record OrderReceipt".</summary>
    internal static string Describe(SyntaxTree tree, CancellationToken ct)
    {
        var types = tree.GetRoot(ct).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<BaseTypeDeclarationSyntax>()
            .Select(t =>
            {
                var keyword = t switch
                {
                    RecordDeclarationSyntax r => r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
                    TypeDeclarationSyntax d => d.Keyword.Text,
                    EnumDeclarationSyntax => "enum",
                    _ => "type",
                };
                var generic = t is TypeDeclarationSyntax { TypeParameterList: { } tp } ? tp.ToString() : "";
                var bases = t.BaseList is { } list ? " : " + string.Join(", ", list.Types.Select(b => b.Type.ToString())) : "";
                return $"{keyword} {t.Identifier.Text}{generic}{bases}";
            })
            .ToList();
        var delegates = tree.GetRoot(ct).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<DelegateDeclarationSyntax>().Select(d => $"delegate {d.Identifier.Text}");
        var all = types.Concat(delegates).ToList();
        if (all.Count == 0)
        {
            return tree.GetRoot(ct).DescendantNodes().OfType<GlobalStatementSyntax>().Any() ? "top-level statements" : "no type declarations";
        }

        var line = string.Join("; ", all.Take(4));
        return all.Count > 4 ? $"{line}; +{all.Count - 4} more" : line;
    }

    [GeneratedRegex("\\b[A-Z][A-Za-z0-9_]{3,}\\b")]
    private static partial Regex Identifier();
}
