using System.Text.Json.Nodes;
using CodeContext.Packing;
using CodeContext.Packing.Folding;
using Microsoft.Extensions.AI;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace CodeContext.Server.Ask;

/// <summary>--dry-run: the request that would be sent, images elided to their size, with our token count.</summary>
internal static class AskDryRun
{
    public static JsonObject Describe(IReadOnlyList<AiChatMessage> messages, ContextPackage package, FoldedConversation? folded, EndpointSettings? endpoint, AskBudget budget, int promptTokens)
    {
        var list = new JsonArray();
        foreach (var message in messages)
        {
            var content = new JsonArray();
            foreach (var part in message.Contents)
            {
                content.Add(part switch
                {
                    TextContent text => new JsonObject { ["type"] = "text", ["text"] = text.Text },
                    DataContent data => new JsonObject { ["type"] = "image", ["mediaType"] = data.MediaType, ["bytes"] = data.Data.Length, ["elided"] = true },
                    _ => new JsonObject { ["type"] = part.GetType().Name },
                });
            }

            list.Add(new JsonObject { ["role"] = message.Role.Value, ["content"] = content });
        }

        return new JsonObject
        {
            ["endpoint"] = endpoint?.Url.ToString(),
            ["provider"] = endpoint?.Provider,
            ["model"] = endpoint?.Model ?? package.Profile.Request.Model,
            ["profile"] = package.Profile.Id,
            ["body"] = package.Profile.Request.Body?.DeepClone(),
            ["tokens"] = new JsonObject
            {
                ["prompt"] = promptTokens,
                ["context"] = package.Manifest.Totals.Total,
                ["conversation"] = folded?.Tokens ?? 0,
                ["promptBudget"] = budget.Prompt,
                ["maxOutputTokens"] = budget.MaxOutputTokens,
                ["contextWindow"] = package.Profile.ContextWindow,
            },
            ["replanned"] = budget.Replanned,
            ["messages"] = list,
        };
    }
}
