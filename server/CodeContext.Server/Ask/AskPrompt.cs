using CodeContext.Packing;
using CodeContext.Rendering.Profiles;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace CodeContext.Server.Ask;

/// <summary>
/// The composed package (and the conversation before it) as Microsoft.Extensions.AI messages,
/// plus the request options the profile asks for: its model's body extras reach the wire through
/// the OpenAI library's JSON patch (vLLM's n-gram logits processor arguments,
/// skip_special_tokens), since chat-completions adapters send no unknown option by themselves.
/// </summary>
internal static class AskPrompt
{
    /// <summary>
    /// The prompt's parts in order as one user message. DeepSeek-OCR reads its images first and
    /// then the plain prompt (vLLM's recipe), so for its profiles the images lead and the text
    /// runs follow, joined, in their order.
    /// </summary>
    public static AiChatMessage UserMessage(ContextPackage package)
    {
        var contents = new List<AIContent>();
        foreach (var part in package.Parts)
        {
            switch (part)
            {
                case TextPart text:
                    contents.Add(new TextContent(text.Text));
                    break;
                case ImagePart image:
                    contents.Add(new DataContent(package.PageList[image.Page].Value, "image/png"));
                    break;
            }
        }

        if (DeliveryForms.TakesDeepSeekPrompt(package.Profile))
        {
            var text = string.Concat(contents.OfType<TextContent>().Select(t => t.Text));
            contents = [.. contents.OfType<DataContent>(), new TextContent(text)];
        }

        return new AiChatMessage(AiChatRole.User, contents);
    }

    public static ChatOptions Options(ModelProfile profile, EndpointSettings endpoint, int maxOutputTokens, IList<AITool>? tools)
    {
        var options = new ChatOptions
        {
            ModelId = endpoint.Model,
            MaxOutputTokens = maxOutputTokens,
            Temperature = 0,
            Tools = tools,
        };
        if (endpoint.Provider == "openai" && profile.Request.Body is { Count: > 0 } body)
        {
            options.RawRepresentationFactory = _ => WithBody(body);
        }

        return options;
    }

#pragma warning disable SCME0001 // JsonPatch is the library's documented way to add fields it has no property for.
    private static ChatCompletionOptions WithBody(System.Text.Json.Nodes.JsonObject body)
    {
        var options = new ChatCompletionOptions();
        foreach (var (name, value) in body)
        {
            options.Patch.Set(System.Text.Encoding.UTF8.GetBytes("$." + name), BinaryData.FromString(value?.ToJsonString() ?? "null"));
        }

        return options;
    }
#pragma warning restore SCME0001
}
