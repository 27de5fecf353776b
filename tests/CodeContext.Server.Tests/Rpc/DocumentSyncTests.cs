using System.Text.Json;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Rpc;

/// <summary>Unsaved editor text and disk changes reach the analysis, in order, and win where LSP says.</summary>
public sealed class DocumentSyncTests(LoadedServer server) : IClassFixture<LoadedServer>
{
    private const string Active = "src/Shop.Services/Orders/OrderService.cs";
    private const string Unrelated = "src/Shop.Services/Reporting/CsvTableWriter.cs";
    private const string AuditCall = "    public static string ExportForAudit() => Shop.Services.Reporting.CsvTableWriter.ToCsv<int>([], []);\n";

    [Fact]
    public void Loading_reported_progress_begin_reports_and_end()
    {
        Assert.Equal("begin", server.Progress[0].GetProperty("kind").GetString());
        Assert.Equal("end", server.Progress[^1].GetProperty("kind").GetString());
        Assert.Contains(server.Progress, p => p.GetProperty("kind").GetString() == "report" && p.GetProperty("message").GetString()!.Contains("files as context", StringComparison.Ordinal));
        Assert.Contains("files", server.Progress[^1].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsaved_text_changes_rank_and_readRegion_until_the_document_is_closed()
    {
        var client = server.Client;
        var diskText = await File.ReadAllTextAsync(server.Workspace.PathOf(Active));
        Assert.DoesNotContain(await ReasonsAsync(Unrelated), r => r.Contains("ToCsv", StringComparison.Ordinal));

        // didOpen with text that calls into the unrelated reporting area, never saved to disk.
        var closing = diskText.LastIndexOf('}');
        var edited = diskText[..closing] + AuditCall + diskText[closing..];
        await client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = server.Workspace.UriOf(Active), languageId = "csharp", version = 1, text = edited } });
        Assert.Contains(await ReasonsAsync(Unrelated), r => r.Contains("ToCsv", StringComparison.Ordinal));

        var auditLine = edited[..edited.IndexOf(AuditCall, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var region = await client.ResultAsync("codeContext/readRegion", new { textDocument = server.Doc(Active), startLine = auditLine, endLine = auditLine });
        Assert.Equal(AuditCall.TrimEnd('\n'), region.GetProperty("text").GetString());
        Assert.Equal(1, region.GetProperty("version").GetInt32());

        // An incremental change that deletes the call again (0-based line, whole line).
        await client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = server.Workspace.UriOf(Active), version = 2 },
            contentChanges = new[] { new { range = new { start = new { line = auditLine - 1, character = 0 }, end = new { line = auditLine, character = 0 } }, text = "" } },
        });
        Assert.DoesNotContain(await ReasonsAsync(Unrelated), r => r.Contains("ToCsv", StringComparison.Ordinal));
        var unchanged = await client.ResultAsync("codeContext/readRegion", new { textDocument = server.Doc(Active), startLine = 1, endLine = 100000 });
        Assert.Equal(diskText.TrimEnd('\n'), unchanged.GetProperty("text").GetString()!.TrimEnd('\n'));

        // A full-text change puts it back; asking about an older version is ContentModified.
        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = server.Workspace.UriOf(Active), version = 3 }, contentChanges = new[] { new { text = edited } } });
        var stale = await server.ErrorAsync("codeContext/rank", new { textDocument = new { uri = server.Workspace.UriOf(Active), version = 2 } });
        Assert.Equal(-32801, stale.GetProperty("code").GetInt32());
        Assert.Contains(await ReasonsAsync(Unrelated), r => r.Contains("ToCsv", StringComparison.Ordinal));

        // Closing drops the unsaved text: the disk wins again.
        await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = server.Workspace.UriOf(Active) } });
        Assert.DoesNotContain(await ReasonsAsync(Unrelated), r => r.Contains("ToCsv", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllText(server.Workspace.PathOf(Active)), diskText);
    }

    [Fact]
    public async Task A_file_created_on_disk_joins_the_graph_after_didChangeWatchedFiles()
    {
        const string created = "src/Shop.Services/Orders/OrderAuditor.cs";
        await File.WriteAllTextAsync(server.Workspace.PathOf(created), "namespace Shop.Services.Orders;\n\npublic sealed class OrderAuditor(OrderService orders)\n{\n    public OrderService Orders { get; } = orders;\n}\n");
        Assert.DoesNotContain(await RankedPathsAsync(), p => p == created);

        await server.Client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = server.Workspace.UriOf(created), type = 1 } } });
        Assert.Contains(await RankedPathsAsync(), p => p == created);

        File.Delete(server.Workspace.PathOf(created));
        await server.Client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = server.Workspace.UriOf(created), type = 3 } } });
        Assert.DoesNotContain(await RankedPathsAsync(), p => p == created);
    }

    [Fact]
    public async Task Many_edits_sent_without_waiting_are_applied_in_order()
    {
        const string path = "src/Shop.Services/Pricing/PricingEngine.cs";
        var text = await File.ReadAllTextAsync(server.Workspace.PathOf(path));
        await server.Client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = server.Workspace.UriOf(path), languageId = "csharp", version = 1, text } });
        // 60 insertions at the start of line 0, each one "// n\n": the last one sent ends up first.
        var sends = Enumerable.Range(1, 60).Select(n => server.Client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = server.Workspace.UriOf(path), version = n + 1 },
            contentChanges = new[] { new { range = new { start = new { line = 0, character = 0 }, end = new { line = 0, character = 0 } }, text = $"// {n}\n" } },
        }));
        foreach (var send in sends) await send;
        var region = await server.Client.ResultAsync("codeContext/readRegion", new { textDocument = server.Doc(path), startLine = 1, endLine = 60 });
        var lines = region.GetProperty("text").GetString()!.Split('\n');
        Assert.Equal(Enumerable.Range(1, 60).Reverse().Select(n => $"// {n}"), lines);
        Assert.Equal(61, region.GetProperty("version").GetInt32());
        await server.Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = server.Workspace.UriOf(path) } });
    }

    private async Task<IReadOnlyList<string>> ReasonsAsync(string path)
    {
        var rank = await server.Client.ResultAsync("codeContext/rank", new { textDocument = server.Doc(Active) });
        var file = rank.GetProperty("files").EnumerateArray().FirstOrDefault(f => f.GetProperty("path").GetString() == path);
        return file.ValueKind == JsonValueKind.Undefined ? [] : [.. file.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)];
    }

    private async Task<IReadOnlyList<string>> RankedPathsAsync()
    {
        var rank = await server.Client.ResultAsync("codeContext/rank", new { textDocument = server.Doc(Active) });
        return [.. rank.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!)];
    }
}
