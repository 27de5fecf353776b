using System.Text.Json;
using System.Text.Json.Serialization;
using CodeContext.Core;
using CodeContext.Core.Output;

namespace CodeContext.Packing;

/// <summary>
/// Writes a package as a bundle folder: manifest.json, pages/*.png, context.md (for people),
/// the request in the profile's API (request.openai.json, chat completions; request.anthropic.json,
/// Messages) and, for DeepSeek-OCR models, prompt.deepseek-ocr.json (native prompt with
/// &lt;image&gt; placeholders and the image list). The bundle is written whole beside the folder and
/// swapped in (<see cref="OutputFolder"/>): a reader never sees half of one or a mix of two.
/// </summary>
public static class BundleWriter
{
    public const string ManifestFile = BundleLayout.ManifestFile;
    public const string ContextFile = BundleLayout.ContextFile;
    public const string OpenAiFile = BundleLayout.OpenAiFile;
    public const string DeepSeekFile = BundleLayout.DeepSeekFile;
    public const string AnthropicFile = BundleLayout.AnthropicFile;

    /// <summary>
    /// The request files a bundle of this profile carries: the body in the profile's own API
    /// (chat completions or Anthropic Messages), plus DeepSeek-OCR's native prompt for its models.
    /// </summary>
    public static IReadOnlyList<string> RequestFiles(CodeContext.Rendering.Profiles.ModelProfile profile) =>
        [profile.Request.Api == "anthropic-messages" ? AnthropicFile : OpenAiFile, .. DeliveryForms.TakesDeepSeekPrompt(profile) ? new[] { DeepSeekFile } : []];

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes to a folder checked by <see cref="OutputFolder.Claim"/> without a codebase (library callers).</summary>
    public static Task WriteAsync(ContextPackage package, string outDirectory, CancellationToken ct) =>
        WriteAsync(package, OutputFolder.Claim(outDirectory, "bundle folder", codebasePath: null), ct);

    /// <summary>Writes the whole bundle beside <paramref name="output"/> and swaps it in (see <see cref="OutputFolder"/>).</summary>
    public static Task WriteAsync(ContextPackage package, OutputFolder output, CancellationToken ct) =>
        output.WriteAsync(root => WriteFilesAsync(package, root, ct));

    /// <summary>The bundle plus files of the caller's (summarize's report), swapped in together.</summary>
    /// <param name="alsoWrite">Writes more files into the new bundle's folder (given) before the swap.</param>
    public static Task WriteAsync(ContextPackage package, OutputFolder output, Func<string, Task> alsoWrite, CancellationToken ct) =>
        output.WriteAsync(async root =>
        {
            await WriteFilesAsync(package, root, ct).ConfigureAwait(false);
            await alsoWrite(root).ConfigureAwait(false);
        });

    private static async Task WriteFilesAsync(ContextPackage package, string root, CancellationToken ct)
    {
        // The folder is new and empty: no page of an earlier bundle can be mistaken for this one's.
        Directory.CreateDirectory(Path.Combine(root, BundleLayout.PagesFolder));
        // The files are independent: the large request body is written while the pages and the
        // small files are.
        var anthropic = package.Profile.Request.Api == "anthropic-messages";
        var request = Task.Run(() => AtomicFile.WriteAsync(Path.Combine(root, anthropic ? AnthropicFile : OpenAiFile), stream =>
        {
            if (anthropic) AnthropicRequest.Write(package, stream);
            else DeliveryForms.WriteOpenAiRequest(package, stream);
            return Task.CompletedTask;
        }), ct);
        await Parallel.ForEachAsync(package.PageList, ct, (page, _) =>
        {
            AtomicFile.WriteAllBytes(Path.Combine(root, page.Key), page.Value);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        AtomicFile.WriteAllText(Path.Combine(root, ManifestFile), JsonSerializer.Serialize(package.Manifest, Json));
        AtomicFile.WriteAllText(Path.Combine(root, ContextFile), ContextMarkdown.Write(package));
        if (DeliveryForms.TakesDeepSeekPrompt(package.Profile))
        {
            AtomicFile.WriteAllText(Path.Combine(root, DeepSeekFile), DeliveryForms.DeepSeekPrompt(package));
        }

        await request.ConfigureAwait(false);
    }
}
