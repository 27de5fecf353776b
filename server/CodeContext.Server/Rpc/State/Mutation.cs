namespace CodeContext.Server.Rpc.State;

/// <summary>A change the analysis must take in, in arrival order.</summary>
internal abstract record Mutation(long Sequence);

/// <summary>An open document's text changed (didOpen, didChange): its current unsaved text is analysed.</summary>
/// <param name="Opened">didOpen: the developer is about to type here, so its project's compilation is warmed.</param>
internal sealed record EditorTextChanged(long Sequence, string FullPath, bool Opened = false) : Mutation(Sequence);

/// <summary>Files changed on disk (didChangeWatchedFiles), or a document was closed and reverts to its disk text.</summary>
internal sealed record DiskChanged(long Sequence, IReadOnlyList<string> FullPaths) : Mutation(Sequence);
