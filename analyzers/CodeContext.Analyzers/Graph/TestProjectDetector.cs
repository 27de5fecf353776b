using Microsoft.CodeAnalysis;

namespace CodeContext.Analyzers.Graph;

/// <summary>Test projects: they reference a test framework, or (when loaded without packages) are named like one.</summary>
internal static class TestProjectDetector
{
    private static readonly string[] FrameworkAssemblies = ["xunit.core", "xunit.v3.core", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest.TestFramework"];
    private static readonly string[] NameSuffixes = [".Tests", ".Test", ".UnitTests", ".IntegrationTests", ".Specs"];

    public static IReadOnlySet<ProjectId> Find(Solution solution) => solution.Projects
        .Where(IsTestProject)
        .Select(p => p.Id)
        .ToHashSet();

    private static bool IsTestProject(Project project)
    {
        var name = project.AssemblyName ?? project.Name;
        if (NameSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase))) return true;
        return project.MetadataReferences
            .OfType<PortableExecutableReference>()
            .Select(r => Path.GetFileNameWithoutExtension(r.FilePath ?? r.Display ?? ""))
            .Any(n => FrameworkAssemblies.Contains(n, StringComparer.OrdinalIgnoreCase));
    }
}
