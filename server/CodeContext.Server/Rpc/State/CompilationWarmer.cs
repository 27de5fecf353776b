namespace CodeContext.Server.Rpc.State;

/// <summary>didOpen's warm-up: the opened document's compilation, built off the protocol path.</summary>
internal static class CompilationWarmer
{
    /// <summary>
    /// Builds the compilation of an opened document's project in the background, unless it exists.
    /// The first code edit of a document needs its semantic model, and building the compilation
    /// first costs seconds on a large project (Polly.Core: about 5 s on a loaded 2-core machine);
    /// later snapshots fork the compilation built here, so the developer's first keystrokes do not
    /// wait for it. Nothing is published: the snapshot's solution keeps what was built.
    /// </summary>
    public static void Start(AnalysisSnapshot snapshot, string fullPath, TextWriter log, CancellationToken stopping)
    {
        var workspace = snapshot.Analysis.Workspace;
        if (snapshot.RelativePath(fullPath) is not { } relative || workspace.FindByRelativePath(relative) is not { } file) return;
        if (workspace.Solution.GetProject(file.ProjectId) is not { } project || project.TryGetCompilation(out _)) return;
        _ = Task.Run(async () =>
        {
            var clock = Core.Diagnostics.TraceSpans.Start();
            try
            {
                // The compilation alone is lazy: declaring the document's symbols also loads the
                // referenced assemblies and the project's declarations, which forks keep.
                if (project.GetDocument(file.DocumentId) is { } document && await document.GetSemanticModelAsync(stopping).ConfigureAwait(false) is { } model)
                    _ = model.GetDeclarationDiagnostics(cancellationToken: stopping);
                Core.Diagnostics.TraceSpans.Lap(clock, $"warmed the compilation of {project.Name} for {relative}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await log.WriteLineAsync($"codecontext serve: warming the compilation for '{relative}' failed: {e.Message}").ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
    }
}
