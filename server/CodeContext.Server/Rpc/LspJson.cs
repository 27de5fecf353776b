using System.Text.Json;
using CodeContext.Server.Commands;

namespace CodeContext.Server.Rpc;

/// <summary>The CLI's JSON style on the wire: one line per message, names read in any case.</summary>
internal static class LspJson
{
    public static JsonSerializerOptions Options { get; } = new(CliJson.Options)
    {
        WriteIndented = false,
        PropertyNameCaseInsensitive = true,
        MaxDepth = 256,
    };
}
