using CodeContext.Packing.Folding;
using CodeContext.Rendering.Profiles;
using CodeContext.Rendering.Tokenizers;
using CodeContext.Server.Ask;
using CodeContext.Server.Rpc.Compose;
using CodeContext.Server.Rpc.Protocol;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>
/// codeContext/ask: composes as codeContext/compose does, sends the context and the question to the
/// model endpoint and answers with the model's text; pieces of the answer stream as $/progress
/// partial results when the request carries a partialResultToken. $/cancelRequest cancels the
/// model's HTTP call too. The session file changes only when the answer came back whole.
/// </summary>
internal sealed class AskHandler(ServerServices services) : ReadHandler<AskParams, AskResult>(services)
{
    public override string Method => LspMethods.Ask;

    /// <summary>Bad params are refused before the snapshot is waited for (and before initialize's check), as they always were.</summary>
    protected override void Validate(AskParams? request)
    {
        if (request is null) throw RequestErrors.InvalidParams("params are required");
        if (string.IsNullOrWhiteSpace(request.Question)) throw RequestErrors.InvalidParams("question is required");
        if (request.Budget is not { } requested || requested <= 0) throw RequestErrors.InvalidParams("budget is required: a positive number of tokens");
        var profileId = request.Profile ?? Services.Profile;
        if (!ProfileCatalog.Ids.Contains(profileId)) throw RequestErrors.InvalidParams($"profile '{profileId}' is unknown; one of: {string.Join(", ", ProfileCatalog.Ids)}");
        if (request.Session is { } name) _ = AskSessionStore.Open(Services.Workspace.Cache, name); // the name and --no-cache checks
    }

    protected override async Task<AskResult> ReadAsync(ReadScope scope, AskParams? request, CancellationToken cancellationToken)
    {
        var profileId = request!.Profile ?? Services.Profile;
        var profile = ProfileCatalog.Get(profileId);
        var budget = AskBudget.For(profile, request.Budget!.Value, request.MaxOutputTokens);
        var store = request.Session is { } name ? AskSessionStore.Open(Services.Workspace.Cache, name) : null;
        var history = store?.Load() ?? [];
        var folded = budget.FoldHistory(history, profile);

        Packing.ContextPackage package;
        Analyzers.Loading.LoadedWorkspace workspace;
        // The snapshot is held for the compose only: the model may take minutes, and edits must not wait for it.
        using (scope)
        {
            package = await ProtocolCompose.ComposeAsync(scope, request.ToCompose(budget.Prompt - (folded?.Tokens ?? 0)) with { Profile = profileId }, Services.Workspace.Cache, Services.Workspace.ComposeSession, cancellationToken).ConfigureAwait(false);
            workspace = scope.Snapshot.Analysis.Workspace;
        }

        var e = request.Endpoint;
        var endpoint = EndpointResolver.Resolve(new EndpointFlags(e?.Url, e?.Provider, e?.Model, e?.ApiKeyEnv, e?.TimeoutSeconds), profile, workspace.RootDirectory, Environment.GetEnvironmentVariable);
        var promptTokens = package.Manifest.Totals.Total + (folded?.Tokens ?? 0);
        var tool = profile.Request.Tools ? new ReadRegionTool(workspace, TokenizerCatalog.Get(profile.Tokenizer), Math.Max(0, budget.Prompt - promptTokens)) : null;
        var token = request.PartialResultToken;
        var answer = await AskExchange.SendAsync(endpoint, package, AskExchange.Messages(history, folded, package), promptTokens, budget.MaxOutputTokens, tool, async delta =>
        {
            if (token is { } t && Services.Connection?.Rpc is { } rpc)
                await rpc.NotifyWithParameterObjectAsync(LspMethods.Progress, new ProgressParams(t, new AskDelta(delta))).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        store?.Save([.. history, ConversationTurn.Admit("user", request.Question!), ConversationTurn.Admit("assistant", answer.Text)]);
        return new AskResult(answer.Text, answer.ServerPromptTokens, answer.ServerCompletionTokens, promptTokens, budget.Prompt, budget.MaxOutputTokens, answer.ToolCalls, budget.Replanned);
    }
}
