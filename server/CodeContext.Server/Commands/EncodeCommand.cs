using System.CommandLine;
using System.Globalization;
using CodeContext.Core;
using CodeContext.VisionEncoder;

namespace CodeContext.Server.Commands;

/// <summary>
/// `codecontext encode`: turns page images into DeepSeek-OCR vision-token embeddings with an
/// exported DeepEncoder, filling the embedding cache, and reports the provider and pages/s.
/// </summary>
internal static class EncodeCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("pages") { Description = "Page images (PNG/JPEG) or folders of them (a rendered bundle).", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string[]>("--model") { Description = "DeepEncoder ONNX file(s) or folders (tools/export-encoder); one per view size the mode needs.", Required = true, AllowMultipleArgumentsPerToken = true };
        var mode = new Option<string>("--mode") { Description = "DeepSeek-OCR mode (Tiny, Small, Base, Large, Gundam) or a DeepSeek-OCR profile id (e.g. deepseek-ocr-vllm).", DefaultValueFactory = _ => "Base" };
        var provider = new Option<string>("--provider") { Description = "auto (CUDA when it loads, else CPU), cuda or cpu.", DefaultValueFactory = _ => "auto" };
        var batch = new Option<int>("--batch") { Description = "Views per ONNX Runtime call.", DefaultValueFactory = _ => 8 };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Cache directory (default: $CODECONTEXT_CACHE_DIR, $XDG_CACHE_HOME/codecontext, ~/.cache/codecontext)." };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the embedding cache." };

        var command = new Command("encode", "Encode page images into vision-token embeddings (DeepEncoder on ONNX Runtime) and cache them.");
        command.Arguments.Add(inputs);
        foreach (var option in new Option[] { model, mode, provider, batch, cacheDir, noCache }) command.Options.Add(option);

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(ct =>
        {
            var batchSize = result.GetValue(batch);
            if (batchSize < 1) throw new UserError($"--batch must be at least 1 (got {batchSize})");
            var deepSeekMode = DeepSeekOcrModes.Resolve(result.GetValue(mode)!);
            var cacheDirectory = SharedOptions.OpenCache(result.GetValue(noCache), result.GetValue(cacheDir));
            var pages = ExpandPages(result.GetValue(inputs) ?? []);
            using var models = EncoderModels.Load(result.GetValue(model) ?? [], ExecutionProviders.Parse(result.GetValue(provider)));
            foreach (var reason in models.Models.Select(m => m.FallbackReason).OfType<string>().Distinct())
                Console.Error.WriteLine($"codecontext: CUDA unavailable, running on CPU: {reason}");
            var cache = cacheDirectory is null ? null : new EmbeddingCache(cacheDirectory);
            var report = new PageEncoder(models, cache).Encode(pages, deepSeekMode, batchSize, ct);
            if (cacheDirectory is not null) SharedOptions.TrimCache(cacheDirectory, quiet: false);
            var tokens = report.Pages.Sum(p => p.Tokens);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"encoded {report.Pages.Count} page(s) in {deepSeekMode.Name} mode on {report.Provider}: {report.Encoded} encoded, {report.CacheHits} from cache, {tokens} vision tokens, {report.Elapsed.TotalSeconds:F2} s, {report.PagesPerSecond:F1} pages/s"));
            return Task.FromResult(0);
        }, cancellationToken));
        return command;
    }

    private static List<PageImage> ExpandPages(IEnumerable<string> inputs)
    {
        var pages = new List<PageImage>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                // pack and render both write their pages into the bundle's pages/ folder.
                var bundlePages = Path.Combine(input, "pages");
                var files = ImagesIn(input).Concat(Directory.Exists(bundlePages) ? ImagesIn(bundlePages) : []).ToList();
                if (files.Count == 0) throw new UserError($"{input}: no .png or .jpg pages in this folder or in its pages/ folder");
                pages.AddRange(files.Select(PageImage.Load));
            }
            else
            {
                pages.Add(PageImage.Load(input));
            }
        }
        return pages;
    }

    private static IEnumerable<string> ImagesIn(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
}
