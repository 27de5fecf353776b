using CodeContext.Analyzers.Loading;
using CodeContext.Core.Progress;

namespace CodeContext.Analyzers.Tests.Loading;

/// <summary>What a load says while it runs: progress by phase, and unrestored projects as one line that says what to run.</summary>
public sealed class LoadReportingTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private sealed class Recorder : IProgress<WorkProgress>
    {
        public List<WorkProgress> Reports { get; } = [];

        public void Report(WorkProgress value)
        {
            lock (Reports) Reports.Add(value);
        }
    }

    private static string UnrestoredProject => """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
          <ItemGroup><PackageReference Include="Some.Package.That.Does.Not.Exist" Version="1.0.0" /></ItemGroup>
        </Project>
        """;

    [Fact]
    public async Task Unrestored_projects_are_one_line_naming_them_and_the_restore_to_run()
    {
        for (var i = 1; i <= 6; i++) _tree.With($"P{i}/P{i}.csproj", UnrestoredProject).With($"P{i}/C{i}.cs", $"namespace P{i}; public sealed class C{i} {{ }}");
        var log = new StringWriter();
        var progress = new Recorder();

        var workspace = await WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions { Log = log, Progress = progress });

        Assert.Equal(6, workspace.Degraded.Count(d => d.Reason.Contains("not restored", StringComparison.Ordinal)));
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var restore = Assert.Single(lines, l => l.Contains("not restored", StringComparison.Ordinal));
        Assert.StartsWith("codecontext: 6 projects not restored (P1, P2, P3, P4 and 2 more): run 'dotnet restore' in each project's folder", restore, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("codecontext: degraded project ", StringComparison.Ordinal));

        var evaluating = progress.Reports.Where(r => r.Phase == "evaluating projects").ToList();
        Assert.Equal(6, evaluating.Count);
        Assert.All(evaluating, r => Assert.Equal(6, r.Total));
        Assert.Equal(Enumerable.Range(1, 6), evaluating.Select(r => r.Done).Order());
    }

    [Fact]
    public void A_solution_or_single_project_is_restored_by_name_relative_to_the_working_directory()
    {
        _tree.With("My App/App.csproj", UnrestoredProject).With("My App/A.cs", "class A { }");
        var target = LoadTarget.Resolve(_tree.PathOf("My App/App.csproj"));

        var command = DegradedReport.RestoreCommand(target);

        Assert.Equal($"'dotnet restore \"{Path.GetRelativePath(Environment.CurrentDirectory, _tree.PathOf("My App/App.csproj"))}\"'", command);
        var line = Assert.Single(DegradedReport.Lines([new DegradedProject("My App/App.csproj", DegradedReport.NotRestored, DegradedReport.UnrestoredFallback(0))], command));
        Assert.Equal($"codecontext: 1 project not restored (App): run {command} for the full semantic model; meanwhile loaded without their packages", line);
    }

    [Fact]
    public void Other_reasons_still_group_by_cause()
    {
        var degraded = new[]
        {
            new DegradedProject("a/A.csproj", "evaluation did not finish within 30 s", "syntax-only (source files + framework references)"),
            new DegradedProject("b/B.csproj", "evaluation did not finish within 30 s", "syntax-only (source files + framework references)"),
            new DegradedProject("c/C.csproj", DegradedReport.NotRestored, DegradedReport.UnrestoredFallback(0)),
            new DegradedProject("d/D.csproj", DegradedReport.NotRestored, DegradedReport.UnrestoredFallback(2)),
            new DegradedProject("e/E.csproj", DegradedReport.NotRestored, DegradedReport.UnrestoredFallback(19)),
        };

        var lines = DegradedReport.Lines(degraded, "'dotnet restore x.sln'").ToList();

        Assert.Equal(2, lines.Count);
        Assert.Equal("codecontext: 3 projects not restored (C, D, E): run 'dotnet restore x.sln' for the full semantic model; meanwhile loaded with 21 package assemblies from the local NuGet cache", lines[0]);
        Assert.Equal("codecontext: 2 projects degraded (evaluation did not finish within 30 s) -> syntax-only (source files + framework references): a/A.csproj, b/B.csproj", lines[1]);
    }
}
