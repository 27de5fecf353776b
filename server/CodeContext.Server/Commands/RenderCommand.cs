using System.CommandLine;
using System.Text.Json;
using CodeContext.Analyzers.Classification;
using CodeContext.Analyzers.Loading;
using CodeContext.Core;
using CodeContext.Core.Output;
using CodeContext.Rendering;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Server.Commands;

/// <summary>
/// `codecontext render PATH --profile P --level L --out DIR [--files a.cs,b.cs]`: whole files as
/// syntax-coloured pages plus DIR/manifest.json (sizes, costs, region maps).
/// </summary>
internal static class RenderCommand
{
    private static readonly JsonSerializerOptions ManifestJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Solution, project, folder or .cs file to load" };
        var profile = new Option<string>("--profile") { Description = "Model profile id", DefaultValueFactory = _ => "deepseek-ocr-base" };
        var level = new Option<string>("--level") { Description = "Density level L1..L4", DefaultValueFactory = _ => "L2" };
        var files = new Option<string?>("--files") { Description = "Comma-separated files to render (default: every context file)" };
        var outOption = new Option<string>("--out") { Description = "Output folder for pages and manifest.json: new, empty or an earlier render or bundle (replaced whole); never inside the codebase", Required = true };
        var theme = new Option<string?>("--theme") { Description = "Theme id (default: light for colour profiles, gray otherwise)" };
        var font = new Option<string?>("--font") { Description = "Font id overriding the level's" };
        var noGutter = new Option<bool>("--no-gutter") { Description = "Leave out line numbers" };
        var noMsBuild = new Option<bool>("--no-msbuild") { Description = "Load syntax-only, without MSBuild" };
        var command = new Command("render", "Render source files into page images for a model profile and density level.")
        {
            path, profile, level, files, outOption, theme, font, noGutter, noMsBuild,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var request = new RenderRequest
            {
                Profile = ProfileCatalog.Get(result.GetValue(profile)!),
                Level = result.GetValue(level)!,
                Theme = result.GetValue(theme),
                Font = result.GetValue(font),
                Gutter = !result.GetValue(noGutter),
            };
            if (!request.Profile.Levels.ContainsKey(request.Level.ToUpperInvariant()))
                throw new UserError($"--level '{request.Level}' is not a level of profile '{request.Profile.Id}' (known: {string.Join(", ", request.Profile.Levels.Keys)})");
            // Checked before loading: a refused folder should not cost the user the rendering first.
            var output = OutputFolder.Claim(result.GetValue(outOption)!, "--out", result.GetValue(path)!);
            var workspace = await WorkspaceLoader.LoadAsync(result.GetValue(path)!, new LoadOptions { NoMsBuild = result.GetValue(noMsBuild), Log = Console.Error }, ct).ConfigureAwait(false);
            var selected = SelectFiles(workspace, result.GetValue(files));
            var fragments = new List<SourceFragment>(selected.Count);
            foreach (var file in selected)
            {
                var document = workspace.GetDocument(file);
                var text = (await document.GetTextAsync(ct).ConfigureAwait(false)).ToString();
                var spans = await CodeClassifier.ClassifyAsync(document, ct).ConfigureAwait(false);
                fragments.Add(SourceFragment.FromFile(file.RelativePath, text, spans));
            }

            var pages = PageRenderer.Render(fragments, request);
            var layoutLevel = request.Profile.Levels[request.Level.ToUpperInvariant()];
            var manifest = new
            {
                profile = request.Profile.Id,
                level = request.Level.ToUpperInvariant(),
                font = request.Font ?? layoutLevel.Font,
                fontSize = layoutLevel.FontSize,
                tokenizer = request.Profile.Tokenizer,
                visionTokens = pages.Sum(p => p.VisionTokens),
                textTokens = pages.Sum(p => p.TextTokens),
                pages = pages.Select(page => new
                {
                    file = PageFile(page),
                    width = page.Width,
                    height = page.Height,
                    visionTokens = page.VisionTokens,
                    textTokens = page.TextTokens,
                    compression = Math.Round(page.Compression, 2),
                    regions = page.Regions,
                }).ToList(),
            };
            await output.WriteAsync(folder =>
            {
                Directory.CreateDirectory(Path.Combine(folder, BundleLayout.PagesFolder));
                foreach (var page in pages) AtomicFile.WriteAllBytes(Path.Combine(folder, PageFile(page)), page.Png);
                AtomicFile.WriteAllText(Path.Combine(folder, BundleLayout.ManifestFile), JsonSerializer.Serialize(manifest, ManifestJson));
                return Task.CompletedTask;
            }).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"codecontext: {pages.Count} pages, {manifest.visionTokens} vision tokens for {manifest.textTokens} text tokens -> {output.FullPath}").ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static string PageFile(RenderedPage page) => $"{BundleLayout.PagesFolder}/page-{page.Number:D3}.png";

    private static IReadOnlyList<SourceFile> SelectFiles(LoadedWorkspace workspace, string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return workspace.Files;
        }

        return [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(workspace.ResolveFile)];
    }
}
