using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeContext.Rendering.Profiles;

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
        using var json = BodyWriter(output);
        json.WriteStartObject();
        json.WriteString("model", package.Profile.Request.Model);
        WriteUserMessage(package, json, (writer, png) =>
        {
            writer.WriteString("type", "image_url");
            writer.WriteStartObject("image_url");
            writer.WriteString("url", DataUrl(png));
            // Hand each page to the stream as it is written: the writer would otherwise grow
            // one buffer to the whole body, copying it at every doubling.
            writer.Flush();
            if (package.Profile.Image.Detail is { } detail)
            {
                writer.WriteString("detail", detail);
            }

            writer.WriteEndObject();
        });
        json.WriteNumber("temperature", 0);
        WriteBodyExtras(package.Profile, json);
        json.WriteEndObject();
    }

    /// <summary>
    /// A JSON writer for a request body. Relaxed escaping: the body is POSTed, never embedded in
    /// HTML, and the default encoder would escape every '+' of the pages' base64 (tens of MB on a
    /// large bundle).
    /// </summary>
    internal static Utf8JsonWriter BodyWriter(Stream output) =>
        new(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>"messages": one user message whose content parts are the prompt's text runs and images in order; each API draws its image part.</summary>
    internal static void WriteUserMessage(ContextPackage package, Utf8JsonWriter json, Action<Utf8JsonWriter, byte[]> writeImage)
    {
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
                    writeImage(json, package.PageList[image.Page].Value);
                    break;
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <summary>The profile's own body fields (vLLM's DeepSeek-OCR recipe), as the profile table gives them.</summary>
    internal static void WriteBodyExtras(ModelProfile profile, Utf8JsonWriter json)
    {
        foreach (var (name, value) in profile.Request.Body ?? [])
        {
            json.WritePropertyName(name);
            if (value is null) json.WriteNullValue();
            else value.WriteTo(json);
        }
    }

    /// <summary>Whether the profile's model reads DeepSeek-OCR's native prompt (its tokenizer and &lt;image&gt; placeholder).</summary>
    public static bool TakesDeepSeekPrompt(ModelProfile profile) => profile.Tokenizer == "deepseek-v3";

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
