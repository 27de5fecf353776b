using CodeContext.Packing.Planning;
using CodeContext.Rendering;

namespace CodeContext.Packing;

/// <summary>
/// The steps every compose ends with, whatever its active part: plan the candidates around it,
/// produce the pages, write the manifest, and package prompt, pages and manifest.
/// </summary>
internal static class ContextPackager
{
    public static async Task<ContextPackage> PackAsync(ComposeRun run, IReadOnlyList<Candidate> candidates, ActivePart active, DescribeActive describeActive, CancellationToken ct)
    {
        var context = run.Plan;
        var plan = SessionPlan.Make(context, candidates, active, run.Session, ct);
        var pages = await ComposedPages.RenderAsync(run.Workspace, plan.Assembly.Layouts, context.Profile, run.Cache, run.Session, ct).ConfigureAwait(false);
        context.Trace.Stage($"rendered {pages.Count} pages");
        var secretFiles = run.Session.SecretFiles(run.Workspace.RootDirectory, ct);
        var manifest = ManifestBuilder.Build(run, candidates, plan, pages, secretFiles, describeActive);
        context.Trace.Stage("manifest");
        // The prompt's text runs were counted too: the same request next time loads no tokenizer at all.
        context.Tokenizer.Save();
        var pageList = pages.Select((p, i) => new KeyValuePair<string, byte[]>(PageFile(i), p.Png)).ToList();
        return new ContextPackage(manifest, pageList, plan.Assembly.Parts, context.Profile, active.Instruction, [.. plan.Assembly.Layouts.SelectMany(l => l.Layout.Fragments)]);
    }

    /// <summary>Where page <paramref name="index"/> (0-based) lies in the bundle.</summary>
    public static string PageFile(int index) => $"pages/page-{index + 1:D3}.png";
}
