using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeContext.Core;
using CodeContext.Core.Output;
using CodeContext.Packing.Folding;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Server.Commands;

/// <summary>
/// `codecontext fold`: optical folding of any OpenAI-style message list (an agent's transcript)
/// under a budget: writes messages.json (the folded list, pages as data URLs), pages/*.png and
/// fold.json (each turn's form and cost).
/// </summary>
internal static class FoldCommand
{
    public static Command Create()
    {
        var messages = new Argument<string>("messages") { Description = "A JSON file: an array of {role, content} messages (or an object with a messages array)." };
        var budget = TokenCountOption.Create("--budget", "Hard limit on the folded conversation's tokens.", 8000);
        var profile = new Option<string>("--profile") { Description = "Model profile: " + string.Join(", ", ProfileCatalog.Ids) + ".", DefaultValueFactory = _ => "deepseek-ocr-base" };
        var outOption = new Option<string>("--out") { Description = "Folder for messages.json, fold.json and pages/ (new, empty or an earlier fold).", Required = true };
        var command = new Command("fold", "Fold an OpenAI-style message list into text and page images whose density rises with age, under a token budget.");
        command.Arguments.Add(messages);
        foreach (var option in new Option[] { budget, profile, outOption }) command.Options.Add(option);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var file = result.GetValue(messages)!;
            var turns = TranscriptReader.Read(file);
            var model = ProfileCatalog.Get(result.GetValue(profile)!);
            var output = OutputFolder.Claim(result.GetValue(outOption)!, "--out", codebasePath: null);
            var folded = ConversationFolder.Fold(turns, model, result.GetValue(budget));
            await output.WriteAsync(root =>
            {
                Directory.CreateDirectory(Path.Combine(root, BundleLayout.PagesFolder));
                foreach (var page in folded.Pages) AtomicFile.WriteAllBytes(Path.Combine(root, page.File), page.Png);
                AtomicFile.WriteAllText(Path.Combine(root, BundleLayout.FoldMessagesFile), FoldedMessages.ToOpenAi(FoldedMessages.Build(turns, folded)).ToJsonString(CliJson.Options));
                AtomicFile.WriteAllText(Path.Combine(root, BundleLayout.ManifestFile), JsonSerializer.Serialize(Manifest(folded, turns), CliJson.Options));
                return Task.CompletedTask;
            }).ConfigureAwait(false);
            foreach (var form in FoldThresholds.Forms)
            {
                var of = folded.Turns.Where(t => t.Form == form).ToList();
                if (of.Count > 0) Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{form,-8} {of.Count} turns, {of.Sum(t => t.SourceTokens)} tokens as text -> {of.Sum(t => t.Tokens)}"));
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tokens   {folded.Tokens} / {folded.Budget} ({folded.Turns.Sum(t => t.SourceTokens)} as text), {folded.Pages.Count} pages, profile {model.Id}"));
            Console.Out.WriteLine($"out      {output.Shown} (messages.json, manifest.json, pages/)");
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>fold's manifest: each turn's form, cost and (masked) text as drawn, each page's level, cost and regions.</summary>
    private static object Manifest(FoldedConversation folded, IReadOnlyList<ConversationTurn> turns) => new
    {
        folded.Profile,
        folded.Budget,
        folded.Tokens,
        TextTokens = folded.Turns.Sum(t => t.SourceTokens),
        Turns = folded.Turns.Select(t => new { Turn = t.Index + 1, t.Role, t.Form, t.Tokens, t.SourceTokens, Pages = t.Pages.Select(p => folded.Pages[p].File), turns[t.Index].Text }),
        Pages = folded.Pages.Select(p => new { p.File, p.Level, p.Width, p.Height, p.Tokens, Turns = p.Turns.Select(t => t + 1), p.Regions }),
    };
}
