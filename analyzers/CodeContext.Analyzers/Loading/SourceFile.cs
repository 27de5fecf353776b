using Microsoft.CodeAnalysis;

namespace CodeContext.Analyzers.Loading;

/// <summary>One C# file that may become context.</summary>
/// <param name="RelativePath">Relative to the loaded root, forward slashes.</param>
public sealed record SourceFile(string RelativePath, string FullPath, DocumentId DocumentId, ProjectId ProjectId);

/// <summary>A file that was seen and deliberately left out, with the reason in plain words.</summary>
public sealed record SkippedFile(string RelativePath, string Reason);

/// <summary>A project that could not be loaded fully by MSBuild, and what was done instead.</summary>
public sealed record DegradedProject(string RelativePath, string Reason, string Fallback);

/// <summary>
/// The file a context is composed for. <paramref name="DocumentId"/> is null for a file in no
/// project; <paramref name="Limitation"/> says, when it is not a context file, what that costs.
/// </summary>
public sealed record ActiveSource(string RelativePath, string FullPath, DocumentId? DocumentId, string? Limitation)
{
    public static ActiveSource Of(SourceFile file) => new(file.RelativePath, file.FullPath, file.DocumentId, null);
}
