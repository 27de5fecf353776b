using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeContext.Packing;

/// <summary>The prompt in the shapes models take it: an OpenAI-compatible chat request and DeepSeek-OCR's native prompt.</summary>
public static class DeliveryForms
{
    /// <summary>
    /// A chat-completions body: one user message whose content parts are the prompt's text runs and
    /// images (data URLs) in order. DeepSeek-OCR profiles name the model as vLLM serves it and carry
    /// the sampling settings its recipe asks for.
    /// </summary>
    /// <remarks>Written straight to the stream: the pages' base64 is never held as one large string.</remarks>
    public static void WriteOpenAiRequest(ContextPackage package, Stream output)
    {
        // Relaxed escaping: the body is POSTed, never embedded in HTML, and the default encoder
        // would escape every '+' of the pages' base64 (tens of MB on a large bundle).
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var deepSeek = package.Profile.Tokenizer == "deepseek-v3";
        json.WriteStartObject();
        json.WriteString("model", deepSeek ? "deepseek-ai/DeepSeek-OCR" : package.Profile.Id);
        json.WriteStartArray("messages");
        json.WriteStartObject();
        json.WriteString("role", "user");
        json.WriteStartArray("content");
        foreach (var part in package.Parts)
        {
            json.WriteStartObject();
            switch (part)
            {
                case TextPart text:
                    json.WriteString("type", "text");
                    json.WriteString("text", text.Text);
                    break;
                case ImagePart image:
                    json.WriteString("type", "image_url");
                    json.WriteStartObject("image_url");
                    json.WriteString("url", DataUrl(package.PageList[image.Page].Value));
                    // Hand each page to the stream as it is written: the writer would otherwise grow
                    // one buffer to the whole body, copying it at every doubling.
                    json.Flush();
                    if (package.Profile.Image.Detail is { } detail)
                    {
                        json.WriteString("detail", detail);
                    }

                    json.WriteEndObject();
                    break;
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteNumber("temperature", 0);
        if (deepSeek)
        {
            json.WriteBoolean("skip_special_tokens", false);
        }

        json.WriteEndObject();
    }

    private static byte[] DataUrl(byte[] png)
    {
        var prefix = "data:image/png;base64,"u8;
        var url = new byte[prefix.Length + System.Buffers.Text.Base64.GetMaxEncodedToUtf8Length(png.Length)];
        prefix.CopyTo(url);
        System.Buffers.Text.Base64.EncodeToUtf8(png, url.AsSpan(prefix.Length), out _, out _);
        return url;
    }

    /// <summary>
    /// DeepSeek-OCR's native form for transformers inference: the prompt string with one image
    /// placeholder per page, in order, and the page files in the same order.
    /// </summary>
    public static string DeepSeekPrompt(ContextPackage package)
    {
        var placeholder = package.Profile.Image.Placeholder ?? "<image>";
        var prompt = new StringBuilder();
        var images = new JsonArray();
        foreach (var part in package.Parts)
        {
            switch (part)
            {
                case TextPart text:
                    prompt.Append(text.Text);
                    break;
                case ImagePart image:
                    prompt.Append(placeholder);
                    images.Add(package.PageList[image.Page].Key);
                    break;
            }
        }

        var body = new JsonObject
        {
            ["profile"] = package.Profile.Id,
            ["placeholder"] = placeholder,
            ["prompt"] = prompt.ToString(),
            ["images"] = images,
        };
        return body.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
