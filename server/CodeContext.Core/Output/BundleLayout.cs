using System.Text.Json;

namespace CodeContext.Core.Output;

/// <summary>
/// The files a bundle folder holds (written by `pack`, or by `render`, which writes a manifest and
/// pages only), and how an earlier bundle is recognised: only such a folder may be replaced by a
/// new one, so nothing a user put in a folder is ever overwritten or deleted.
/// </summary>
public static class BundleLayout
{
    public const string ManifestFile = "manifest.json";
    public const string ContextFile = "context.md";
    public const string OpenAiFile = "request.openai.json";
    public const string DeepSeekFile = "prompt.deepseek-ocr.json";
    public const string AnthropicFile = "request.anthropic.json";
    public const string FoldMessagesFile = "messages.json";
    public const string PagesFolder = "pages";

    /// <summary>summarize's report and short summary, beside the bundle's own files.</summary>
    public const string ReportFile = "report.html";
    public const string SummaryFile = "summary.md";

    private static readonly string[] TopLevelFiles = [ManifestFile, ContextFile, OpenAiFile, DeepSeekFile, ReportFile, SummaryFile, AnthropicFile, FoldMessagesFile];

    /// <summary>Null when <paramref name="folder"/> is a bundle written earlier; otherwise why it is not, naming what is in the way.</summary>
    public static string? WhyNotABundle(string folder)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
        {
            var name = Path.GetFileName(entry);
            if (name == PagesFolder)
            {
                if (PagesProblem(entry) is { } problem) return problem;
                continue;
            }

            if (!TopLevelFiles.Contains(name, StringComparer.Ordinal) || !File.Exists(entry) || new FileInfo(entry).LinkTarget is not null)
                return $"'{name}' is not a file a bundle holds";
        }

        var manifest = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifest)) return $"it has no {ManifestFile}";
        return IsManifest(manifest) ? null : $"its {ManifestFile} is not a codecontext manifest";
    }

    /// <summary>pages/ holds only page-NNN.png files (no folders, no links); otherwise what is in the way.</summary>
    private static string? PagesProblem(string pages)
    {
        if (!Directory.Exists(pages) || new DirectoryInfo(pages).LinkTarget is not null) return $"'{PagesFolder}' is not the pages folder a bundle holds";
        foreach (var entry in Directory.EnumerateFileSystemEntries(pages))
        {
            var name = Path.GetFileName(entry);
            if (!IsPageName(name) || !File.Exists(entry) || new FileInfo(entry).LinkTarget is not null)
                return $"'{PagesFolder}/{name}' is not a page a bundle holds";
        }

        return null;
    }

    private static bool IsPageName(string name) =>
        name.StartsWith("page-", StringComparison.Ordinal) && name.EndsWith(".png", StringComparison.Ordinal)
        && name.Length > "page-.png".Length && name["page-".Length..^".png".Length].All(char.IsAsciiDigit);

    /// <summary>pack's manifest (version, segments) or render's (level, pages), both with a profile.</summary>
    private static bool IsManifest(string path)
    {
        try
        {
            // A manifest is a few MB at most; a huge "manifest.json" is not ours.
            if (new FileInfo(path).Length > 256L * 1024 * 1024) return false;
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !Has(root, "profile", JsonValueKind.String)) return false;
            return (Has(root, "version", JsonValueKind.Number) && Has(root, "segments", JsonValueKind.Array))
                || (Has(root, "level", JsonValueKind.String) && Has(root, "pages", JsonValueKind.Array));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool Has(JsonElement root, string name, JsonValueKind kind) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == kind;
}
