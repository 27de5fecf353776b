using System.Text.Json;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Summarize;

/// <summary>One run of the real `codecontext summarize` process and what it wrote.</summary>
internal sealed record SummarizeRun(int Exit, string Output, string Out)
{
    public static readonly string[] BundleFiles = ["manifest.json", "context.md", "request.openai.json", "prompt.deepseek-ocr.json", "report.html", "summary.md"];

    public static async Task<SummarizeRun> StartAsync(string codebase, string cache, string outDir, params string[] arguments)
    {
        var (exit, output) = await NodeClient.RunAsync("dotnet", codebase, [RepoLayout.ServerDll, "summarize", codebase, "--out", outDir, "--cache-dir", cache, .. arguments]);
        return new SummarizeRun(exit, output, outDir);
    }

    public JsonElement Manifest => JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(Out, "manifest.json"))).RootElement;

    public string Read(string file) => File.ReadAllText(System.IO.Path.Combine(Out, file));

    /// <summary>Relevance of each file by path, from the manifest.</summary>
    public IReadOnlyDictionary<string, double> Relevance => Manifest.GetProperty("files").EnumerateArray()
        .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("relevance").GetDouble());

    public string ActiveText => Manifest.GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("role").GetString() == "active").GetProperty("text").GetString()!;

    /// <summary>The run wrote every output, and the prompt is within the budget.</summary>
    public void AssertWithin(int budget, int exit = 0)
    {
        Assert.True(Exit == exit, $"summarize exited {Exit}, not {exit}:\n{Output}");
        foreach (var file in BundleFiles) Assert.True(File.Exists(System.IO.Path.Combine(Out, file)), $"{file} is missing");
        var total = Manifest.GetProperty("totals").GetProperty("total").GetInt32();
        Assert.InRange(total, 1, budget);
        Assert.Equal(budget, Manifest.GetProperty("budget").GetInt32());
    }

    /// <summary>Every text output of the bundle, by file name.</summary>
    public IEnumerable<(string File, string Text)> Texts() => BundleFiles.Select(f => (f, Read(f)));
}
