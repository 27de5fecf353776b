using System.Text.RegularExpressions;
using CodeContext.Core.Progress;

namespace CodeContext.Packing.Tests;

/// <summary>What a compose of the sample tells its reader: each sliced file's why said once per reason, and the pages' progress.</summary>
public sealed partial class ComposeReportingTests(ShopFixture shop) : IClassFixture<ShopFixture>
{
    /// <summary>Synchronous, unlike <see cref="Progress{T}"/>: every report is recorded before the compose returns.</summary>
    private sealed class Recorder : IProgress<WorkProgress>
    {
        public List<WorkProgress> Reports { get; } = [];

        public void Report(WorkProgress value)
        {
            lock (Reports) Reports.Add(value);
        }
    }

    [Fact]
    public async Task A_sliced_files_why_names_each_slice_once_and_each_reason_once()
    {
        // 8k for DeepSeek-OCR Base puts the sample's long files on the ladder in slices.
        var package = await new ContextComposer().ComposeAsync(shop.Analysis, new ComposeRequest(ShopFixture.Active) { Budget = 8000 }, CancellationToken.None);

        var sliced = package.Manifest.Files.Where(f => f.Slices is { Count: > 1 }).ToList();
        Assert.NotEmpty(sliced);
        foreach (var file in sliced)
        {
            Assert.StartsWith($"{file.Slices!.Count} slices at member boundaries; ", file.Why, StringComparison.Ordinal);
            foreach (var slice in file.Slices)
                Assert.Single(Regex.Matches(file.Why, $@"(?<![\d-]){slice.StartLine}-{slice.EndLine}(?!\d)"));

            // One clause per distinct reason: the same sentence never repeats for another slice.
            var reasons = file.Why[(file.Why.IndexOf("; ", StringComparison.Ordinal) + 2)..].Split("; ").Select(c => LineList().Replace(c, "")).ToList();
            Assert.Equal(reasons.Count, reasons.Distinct(StringComparer.Ordinal).Count());
            Assert.True(reasons.Count <= file.Slices.Count, file.Why);
        }

        // The sample has files whose slices share one reason: those read as one clause with a range.
        Assert.Contains(sliced, f => !f.Why[(f.Why.IndexOf("; ", StringComparison.Ordinal) + 2)..].Contains("; ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rendering_reports_pages_done_of_the_bundles_pages()
    {
        var progress = new Recorder();
        var session = new ComposeSession { Progress = progress };
        var package = await new ContextComposer(session: session).ComposeAsync(shop.Analysis, new ComposeRequest(ShopFixture.Active) { Budget = 16000 }, CancellationToken.None);

        var pages = progress.Reports.Where(r => r.Phase == "rendering pages").ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, p => Assert.Equal(package.Pages.Count, p.Total));
        Assert.Equal(package.Pages.Count, pages[^1].Done);
        Assert.Equal(pages.Select(p => p.Done).Order(), pages.Select(p => p.Done));
    }

    [GeneratedRegex(@"^lines [\d, -]+: ")]
    private static partial Regex LineList();
}
