using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;

namespace CodeContext.Packing.Tests;

/// <summary>
/// An active file in no project is ranked for by its text, which no snapshot holds: a session
/// that kept its ranking by path alone would answer an edited script with the old one's ranking.
/// </summary>
public sealed class OutsideActiveRankTests : IDisposable
{
    private const string Script = "scripts/tool.cs";
    private readonly string _root = Directory.CreateTempSubdirectory("cc-outside-active-").FullName;

    public OutsideActiveRankTests()
    {
        Write("Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        Write("Lib/Order.cs", "namespace Lib; public sealed class Order { public int OrderNumber { get; set; } }\n");
        Write("Lib/Weather.cs", "namespace Lib; public sealed class Weather { public double Celsius { get; set; } }\n");
        Write(Script, "var order = new Lib.Order(); System.Console.WriteLine(order.OrderNumber);\n");
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string TopOf(ContextPackage package) =>
        package.Manifest.Files.Where(f => f.Path is "Lib/Order.cs" or "Lib/Weather.cs").OrderByDescending(f => f.Relevance).First().Path;

    [Fact]
    public async Task A_session_ranks_an_edited_script_by_its_new_text()
    {
        var analysis = await CodebaseAnalysis.OpenAsync(_root, new LoadOptions { NoMsBuild = true }, null);
        var session = new ComposeSession();
        var request = new ComposeRequest(Script) { Budget = 3000, Profile = "deepseek-ocr-base" };
        var before = await new ContextComposer(session: session).ComposeAsync(analysis, request, CancellationToken.None);

        Write(Script, "var today = new Lib.Weather(); System.Console.WriteLine(today.Celsius);\n");
        var after = await new ContextComposer(session: session).ComposeAsync(analysis, request, CancellationToken.None);
        var fresh = await new ContextComposer().ComposeAsync(analysis, request, CancellationToken.None);

        Assert.Equal("Lib/Order.cs", TopOf(before));
        Assert.Equal("Lib/Weather.cs", TopOf(fresh));
        Assert.Equal(fresh.Manifest.Files.Select(f => (f.Path, f.Relevance)), after.Manifest.Files.Select(f => (f.Path, f.Relevance)));
    }
}
