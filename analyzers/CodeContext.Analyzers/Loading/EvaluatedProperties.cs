using Microsoft.Build.Evaluation;

namespace CodeContext.Analyzers.Loading;

/// <summary>An evaluated project's properties as the derivations read them: empty is absent.</summary>
internal static class EvaluatedProperties
{
    public static string? Property(this Project project, string name) => project.GetPropertyValue(name) is { Length: > 0 } value ? value : null;

    public static bool IsTrue(this Project project, string name) => string.Equals(project.GetPropertyValue(name), "true", StringComparison.OrdinalIgnoreCase);
}
