using System.Text.Json;
using System.Text.Json.Serialization;
using CodeContext.Core;

namespace CodeContext.Packing;

/// <summary>
/// Writes a package as a bundle folder: manifest.json, pages/*.png, context.md (for people),
/// request.openai.json (chat-completions body) and prompt.deepseek-ocr.json (native prompt with
/// &lt;image&gt; placeholders and the image list). Every file is written atomically.
/// </summary>
public static class BundleWriter
{
    public const string ManifestFile = "manifest.json";
    public const string ContextFile = "context.md";
    public const string OpenAiFile = "request.openai.json";
    public const string DeepSeekFile = "prompt.deepseek-ocr.json";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(ContextPackage package, string outDirectory, CancellationToken ct)
    {
        var root = Path.GetFullPath(outDirectory);
        if (File.Exists(root))
        {
            throw new UserError($"--out '{outDirectory}' is a file; give a folder");
        }

        Directory.CreateDirectory(Path.Combine(root, "pages"));
        // Pages of an earlier bundle in the same folder would be mistaken for this one's.
        foreach (var stale in Directory.EnumerateFiles(Path.Combine(root, "pages"), "page-*.png"))
        {
            if (!package.Pages.ContainsKey("pages/" + Path.GetFileName(stale)))
            {
                File.Delete(stale);
            }
        }

        // The files are independent: the large request body is written while the pages and the
        // small files are.
        var request = Task.Run(() => AtomicFile.WriteAsync(Path.Combine(root, OpenAiFile), stream =>
        {
            DeliveryForms.WriteOpenAiRequest(package, stream);
            return Task.CompletedTask;
        }), ct);
        await Parallel.ForEachAsync(package.PageList, ct, (page, _) =>
        {
            AtomicFile.WriteAllBytes(Path.Combine(root, page.Key), page.Value);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        AtomicFile.WriteAllText(Path.Combine(root, ManifestFile), JsonSerializer.Serialize(package.Manifest, Json));
        AtomicFile.WriteAllText(Path.Combine(root, ContextFile), ContextMarkdown.Write(package));
        AtomicFile.WriteAllText(Path.Combine(root, DeepSeekFile), DeliveryForms.DeepSeekPrompt(package));
        await request.ConfigureAwait(false);
    }
}
