using System.CommandLine;
using System.Text.Json;
using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;
using CodeContext.Analyzers.Ranking;
using CodeContext.Core;

namespace CodeContext.Server.Commands;

/// <summary>`codecontext rank`: which files matter for an active file, and why.</summary>
internal static class RankCommand
{
    public static Command Create()
    {
        var shared = new SharedOptions();
        var active = new Option<string[]>("--active") { Description = "The file being worked on; repeat to rank several (the tree is loaded once).", Required = true, AllowMultipleArgumentsPerToken = false };
        var cursor = new Option<string?>("--cursor") { Description = "LINE:COLUMN (1-based) of the cursor in the (first) active file." };
        var recent = new Option<string[]>("--recent") { Description = "Recently edited files (comma-separated or repeated)." };
        var query = new Option<string?>("--query") { Description = "The developer's question; identifiers in it seed the ranking." };
        var top = new Option<int?>("--top") { Description = "How many files to list per active file (default: all)." };
        var format = new Option<string>("--format") { Description = "json or table.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("json", "table");

        var command = new Command("rank", "Rank the codebase's files by relevance to an active file.");
        shared.AddTo(command);
        foreach (var option in new Option[] { shared.Analysis, active, cursor, recent, query, top, format }) command.Options.Add(option);

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var cursorAt = SharedOptions.ParseCursor(result.GetValue(cursor));
            var question = SharedOptions.ReadQuery(result, query);
            var actives = result.GetValue(active) ?? [];
            var focus = shared.Focus(result, new AnalysisFocus(actives) { Cursor = cursorAt, Recent = SharedOptions.SplitList(result.GetValue(recent)), Query = question });
            var progress = shared.Progress(result);
            CodebaseAnalysis analysis;
            await using (progress)
            {
                analysis = await CodebaseAnalysis.OpenAsync(result.GetValue(shared.Path)!, shared.LoadOptions(result, progress) with { Focus = focus }, shared.Cache(result), ct).ConfigureAwait(false);
            }

            var results = new List<RankOutput>();
            var first = true;
            foreach (var activeArgument in actives)
            {
                try
                {
                    var (file, ranked) = await analysis.RankAsync(
                        activeArgument, first ? cursorAt : null, SharedOptions.SplitList(result.GetValue(recent)), question, result.GetValue(top), ct).ConfigureAwait(false);
                    results.Add(new RankOutput(file.RelativePath, ranked) { Limitation = file.Limitation });
                }
                catch (UserError e) when (actives.Length > 1)
                {
                    // One file that cannot be ranked for is that file's answer, not the whole call's.
                    results.Add(new RankOutput(activeArgument, []) { Error = e.Message });
                }

                first = false;
            }

            if (results.All(r => r.Error is not null)) throw new UserError(string.Join("; ", results.Select(r => r.Error)));

            if (result.GetValue(format) == "json") Console.Out.WriteLine(JsonSerializer.Serialize(results, CliJson.Options));
            else WriteTable(results);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static void WriteTable(IReadOnlyList<RankOutput> results)
    {
        foreach (var result in results)
        {
            Console.Out.WriteLine($"active: {result.Active}");
            if (result.Error is not null) Console.Out.WriteLine($"  error: {result.Error}");
            if (result.Limitation is not null) Console.Out.WriteLine($"  note: {result.Limitation}");
            if (result.Ranked.Count == 0)
            {
                Console.Out.WriteLine();
                continue;
            }

            // Relevance on pack's scale: the most relevant file is 1 (pack's manifest says the same numbers).
            var top = Math.Max(1e-12, result.Ranked.Max(r => r.Score));
            var width = Math.Max("file".Length, result.Ranked.Max(r => r.Path.Length));
            Console.Out.WriteLine($"{"rank",4}  {"relevance",9}  {"file".PadRight(width)}  why");
            var rank = 1;
            foreach (var file in result.Ranked)
            {
                Console.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rank,4}  {file.Score / top,9:0.000}  {file.Path.PadRight(width)}  {string.Join("; ", file.Reasons)}"));
                rank++;
            }
            Console.Out.WriteLine();
        }
    }

    private sealed record RankOutput(string Active, IReadOnlyList<RankedFile> Ranked)
    {
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public string? Error { get; init; }

        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public string? Limitation { get; init; }
    }
}
