using System.Text;
using System.Text.Json;
using CodeContext.Core;

namespace CodeContext.Packing.Folding;

/// <summary>
/// Reads an OpenAI-style message list (an array, or an object with "messages") into turns: string
/// or text-part content, an assistant's tool calls as "name(arguments)" lines, tool results as
/// their text. Every text is admitted through the source gate (secrets masked).
/// </summary>
public static class TranscriptReader
{
    private const long MaxBytes = 64L * 1024 * 1024;

    public static IReadOnlyList<ConversationTurn> Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new UserError($"{path}: no such file");
        if (info.Length > MaxBytes) throw new UserError($"{path}: {info.Length} bytes is over the {MaxBytes} byte limit for a transcript");
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 64 });
            var list = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("messages", out var m) ? m : json.RootElement;
            if (list.ValueKind != JsonValueKind.Array) throw new UserError($"{path}: expected an array of messages (or an object with a messages array)");
            return list.EnumerateArray().Select((message, i) => Turn(path, i, message)).ToList();
        }
        catch (JsonException error)
        {
            throw new UserError($"{path}: not valid JSON: {error.Message}");
        }
    }

    private static ConversationTurn Turn(string path, int index, JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
            throw new UserError($"{path}: message {index + 1} has no role");
        var text = new StringBuilder();
        if (message.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String) text.Append(content.GetString());
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    if (part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String) text.Append(t.GetString()).Append('\n');
                    else if (part.TryGetProperty("type", out var type)) text.Append('[').Append(type.GetString()).Append(" omitted]\n");
                }
            }
        }

        if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                if (call.TryGetProperty("function", out var function))
                {
                    var name = function.TryGetProperty("name", out var n) ? n.GetString() : "?";
                    var arguments = function.TryGetProperty("arguments", out var a) ? a.ToString() : "";
                    text.Append("\ntool call ").Append(name).Append('(').Append(arguments).Append(')');
                }
            }
        }

        return ConversationTurn.Admit(role.GetString()!, text.ToString().Trim('\n'));
    }
}
