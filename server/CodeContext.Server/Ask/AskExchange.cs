using System.Diagnostics;
using CodeContext.Packing;
using CodeContext.Packing.Folding;
using Microsoft.Extensions.AI;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace CodeContext.Server.Ask;

/// <summary>The model's answer with the usage the server reported and ours.</summary>
public sealed record AskAnswer(string Text, long? ServerPromptTokens, long? ServerCompletionTokens, int OurPromptTokens, int ToolCalls, int ToolTokens);

/// <summary>
/// One round trip: the folded history and the composed package as messages, sent through the
/// endpoint's IChatClient with the answer streamed to a callback; failures become one-line
/// <see cref="CodeContext.Core.UserError"/>s (<see cref="AskFailure"/>).
/// </summary>
internal static class AskExchange
{
    public static List<AiChatMessage> Messages(IReadOnlyList<ConversationTurn> history, FoldedConversation? folded, ContextPackage package)
    {
        var messages = new List<AiChatMessage>();
        if (folded is not null)
        {
            foreach (var (role, parts) in FoldedMessages.Build(history, folded))
            {
                var contents = parts.Select(p => p switch
                {
                    FoldedPage page => (AIContent)new DataContent(page.Png, "image/png"),
                    _ => new TextContent((string)p),
                }).ToList();
                messages.Add(new AiChatMessage(new AiChatRole(role == "tool" ? "user" : role), contents));
            }
        }

        messages.Add(AskPrompt.UserMessage(package));
        return messages;
    }

    public static async Task<AskAnswer> SendAsync(EndpointSettings endpoint, ContextPackage package, IList<AiChatMessage> messages, int promptTokens, int maxOutputTokens, ReadRegionTool? tool, Func<string, ValueTask> onText, CancellationToken ct)
    {
        using var client = ChatClientFactory.Create(endpoint, maxOutputTokens, tool is not null);
        var options = AskPrompt.Options(package.Profile, endpoint, maxOutputTokens, tool is null ? null : [tool.AsFunction()]);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(endpoint.Timeout);
        var text = new System.Text.StringBuilder();
        UsageDetails? usage = null;
        var clock = Stopwatch.StartNew();
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(messages, options, timeout.Token).ConfigureAwait(false))
            {
                foreach (var content in update.Contents)
                {
                    if (content is UsageContent u) usage = u.Details;
                }

                if (update.Text is { Length: > 0 } delta)
                {
                    text.Append(delta);
                    await onText(delta).ConfigureAwait(false);
                }
            }
        }
        catch (Exception error) when (error is not CodeContext.Core.UserError && !ct.IsCancellationRequested)
        {
            var timedOut = timeout.IsCancellationRequested || error is TimeoutException || error.InnerException is TimeoutException;
            throw AskFailure.Describe(error, endpoint, timedOut);
        }

        return new AskAnswer(text.ToString(), usage?.InputTokenCount, usage?.OutputTokenCount, promptTokens, tool?.Calls ?? 0, tool is null ? 0 : tool.Budget - tool.TokensLeft);
    }
}
