using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CodeContext.Core;
using CodeContext.Core.Output;
using CodeContext.Packing;
using CodeContext.Packing.Folding;
using CodeContext.Rendering.Profiles;
using CodeContext.Rendering.Tokenizers;
using CodeContext.Server.Ask;

namespace CodeContext.Server.Commands;

/// <summary>
/// `codecontext ask`: composes exactly as pack does, sends the context and the question to a model
/// endpoint and streams the answer to stdout; with --session, the conversation goes on, its older
/// turns folded into pages. A failure leaves the bundle written (with --out) and the session as it was.
/// </summary>
internal static class AskCommand
{
    public static Command Create()
    {
        var compose = new ComposeOptions();
        var question = new Argument<string>("question") { Description = "What to ask; it goes last in the prompt." };
        var session = new Option<string?>("--session") { Description = "Keep the conversation under this name (in the cache directory); older turns are folded into pages." };
        var endpoint = new Option<string?>("--endpoint") { Description = "Base URL: http://HOST:8000/v1 (vLLM, SGLang, OpenAI-compatible), http://HOST:11434 (Ollama), https://api.anthropic.com (Anthropic). Default: $CODECONTEXT_ENDPOINT, then codecontext.ask.json, then the user's ask.json." };
        var provider = new Option<string?>("--provider") { Description = "openai (chat completions), ollama or anthropic. Default: the profile's API." };
        provider.AcceptOnlyFromAmong(EndpointResolver.Providers);
        var model = new Option<string?>("--model") { Description = "Model id as the endpoint serves it (default: $CODECONTEXT_MODEL, else the profile's)." };
        var apiKeyEnv = new Option<string?>("--api-key-env") { Description = "Environment variable holding the API key (default CODECONTEXT_API_KEY)." };
        var maxOutput = TokenCountOption.Create("--max-output-tokens", "Room kept for the answer inside the profile's context window (default: the profile's).", 0);
        var timeout = new Option<double?>("--timeout") { Description = "Seconds to wait for the whole answer (default 300)." };
        var outOption = new Option<string?>("--out") { Description = "Also write the composed bundle here (as pack does), whatever becomes of the request." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be sent (images elided) and its token count; send nothing." };
        var json = new Option<bool>("--json") { Description = "Print the answer as JSON with the usage figures (the server's and ours) instead of streaming it." };
        var noTools = new Option<bool>("--no-tools") { Description = "Do not offer read_region even when the model takes tools." };

        var command = new Command("ask", "Compose the context as pack does, send it with a question to a model endpoint and stream the answer.");
        compose.AddTo(command);
        command.Arguments.Add(question);
        foreach (var option in new Option[] { session, endpoint, provider, model, apiKeyEnv, maxOutput, timeout, outOption, dryRun, json, noTools }) command.Options.Add(option);

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var path = result.GetValue(compose.Shared.Path)!;
            var asked = result.GetValue(question)!;
            if (Rpc.Framing.QueryLimit.Refusal(asked, "question") is { } refusal) throw new UserError(refusal);
            var profile = ProfileCatalog.Get(result.GetValue(compose.Profile)!);
            var budget = AskBudget.For(profile, result.GetValue(compose.Budget), result.GetValue(maxOutput) is > 0 and var m ? m : null);
            var cache = compose.Shared.Cache(result);
            var store = result.GetValue(session) is { } name ? AskSessionStore.Open(cache, name) : null;
            var history = store?.Load() ?? [];
            var folded = budget.FoldHistory(history, profile);
            var request = compose.Request(result, asked) with { Budget = budget.Prompt - (folded?.Tokens ?? 0) };
            var output = result.GetValue(outOption) is { } outDir ? OutputFolder.Claim(outDir, "--out", path) : null;
            // Resolved before the analysis so a bad flag fails fast, thrown after the bundle is written.
            UserError? endpointProblem = null;
            EndpointSettings? target = null;
            try
            {
                target = EndpointResolver.Resolve(new EndpointFlags(result.GetValue(endpoint), result.GetValue(provider), result.GetValue(model), result.GetValue(apiKeyEnv), result.GetValue(timeout)), profile, path, Environment.GetEnvironmentVariable);
            }
            catch (UserError problem)
            {
                endpointProblem = problem;
            }

            var quiet = result.GetValue(compose.Shared.Quiet);
            if (budget.Replanned is { } note && !quiet) await Console.Error.WriteLineAsync("codecontext: " + note).ConfigureAwait(false);
            // The progress bar is gone before the answer streams to stdout.
            var progress = compose.Shared.Progress(result);
            ComposedRun run;
            await using (progress)
            {
                run = await compose.ComposeAsync(result, request, cache, progress, ct).ConfigureAwait(false);
                if (output is not null) await BundleWriter.WriteAsync(run.Package, output, ct).ConfigureAwait(false);
            }

            await compose.ReportTimesAsync(result, run, null).ConfigureAwait(false);

            var messages = AskExchange.Messages(history, folded, run.Package);
            var promptTokens = run.Package.Manifest.Totals.Total + (folded?.Tokens ?? 0);
            if (result.GetValue(dryRun))
            {
                Console.Out.WriteLine(AskDryRun.Describe(messages, run.Package, folded, target, budget, promptTokens).ToJsonString(CliJson.Options));
                return 0;
            }

            if (endpointProblem is not null) throw endpointProblem;
            var tool = profile.Request.Tools && !result.GetValue(noTools)
                ? new ReadRegionTool(run.Analysis.Workspace, TokenizerCatalog.Get(profile.Tokenizer), Math.Max(0, budget.Prompt - promptTokens))
                : null;
            var streaming = !result.GetValue(json);
            var answer = await AskExchange.SendAsync(target!, run.Package, messages, promptTokens, budget.MaxOutputTokens, tool, async delta =>
            {
                if (streaming) await Console.Out.WriteAsync(delta).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
            if (streaming) await Console.Out.WriteLineAsync().ConfigureAwait(false);
            else Console.Out.WriteLine(JsonSerializer.Serialize(answer, CliJson.Options));
            store?.Save([.. history, ConversationTurn.Admit("user", asked), ConversationTurn.Admit("assistant", answer.Text)]);
            if (!quiet)
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"codecontext: {promptTokens} prompt tokens by our count, {answer.ServerPromptTokens?.ToString(CultureInfo.InvariantCulture) ?? "?"} by the server's; {answer.ServerCompletionTokens?.ToString(CultureInfo.InvariantCulture) ?? "?"} answer tokens; {answer.ToolCalls} read_region calls")).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
