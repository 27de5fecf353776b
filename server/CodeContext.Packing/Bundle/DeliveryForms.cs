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
    public static string OpenAiRequest(ContextPackage package)
    {
        var content = new JsonArray();
        foreach (var part in package.Parts)
        {
            switch (part)
            {
                case TextPart text:
                    content.Add(new JsonObject { ["type"] = "text", ["text"] = text.Text });
                    break;
                case ImagePart image:
                    var url = new JsonObject { ["url"] = "data:image/png;base64," + Convert.ToBase64String(package.PageList[image.Page].Value) };
                    if (package.Profile.Image.Detail is { } detail)
                    {
                        url["detail"] = detail;
                    }

                    content.Add(new JsonObject { ["type"] = "image_url", ["image_url"] = url });
                    break;
            }
        }

        var deepSeek = package.Profile.Tokenizer == "deepseek-v3";
        var body = new JsonObject
        {
            ["model"] = deepSeek ? "deepseek-ai/DeepSeek-OCR" : package.Profile.Id,
            ["messages"] = new JsonArray { new JsonObject { ["role"] = "user", ["content"] = content } },
            ["temperature"] = 0,
        };
        if (deepSeek)
        {
            body["skip_special_tokens"] = false;
        }

        return body.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
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
