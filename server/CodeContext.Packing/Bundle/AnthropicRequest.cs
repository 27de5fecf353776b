using System.Text.Json;

namespace CodeContext.Packing;

/// <summary>
/// The prompt as an Anthropic Messages body: one user message whose content blocks are the
/// prompt's text runs and base64 PNG image blocks in order, with the max_tokens the API requires.
/// </summary>
public static class AnthropicRequest
{
    /// <remarks>Written straight to the stream, as the chat-completions body is.</remarks>
    public static void Write(ContextPackage package, Stream output)
    {
        using var json = DeliveryForms.BodyWriter(output);
        json.WriteStartObject();
        json.WriteString("model", package.Profile.Request.Model);
        json.WriteNumber("max_tokens", package.Profile.MaxOutputTokens);
        DeliveryForms.WriteUserMessage(package, json, (writer, png) =>
        {
            writer.WriteString("type", "image");
            writer.WriteStartObject("source");
            writer.WriteString("type", "base64");
            writer.WriteString("media_type", "image/png");
            writer.WriteBase64String("data", png);
            writer.WriteEndObject();
            writer.Flush();
        });
        json.WriteNumber("temperature", 0);
        DeliveryForms.WriteBodyExtras(package.Profile, json);
        json.WriteEndObject();
    }
}
