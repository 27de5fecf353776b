using System.Text.Json;
using System.Text.RegularExpressions;
using CodeContext.Core;
using CodeContext.Packing.Folding;

namespace CodeContext.Server.Ask;

/// <summary>
/// A named conversation kept in the cache directory (sessions/NAME.json), replaced atomically and
/// only after an answer came back whole: a failed ask leaves the file as it was.
/// </summary>
internal sealed partial class AskSessionStore(CacheDirectory cache, string name)
{
    private sealed record SessionFile(List<TurnRecord> Turns);

    private sealed record TurnRecord(string Role, string Text);

    public static AskSessionStore Open(CacheDirectory? cache, string name)
    {
        if (!SessionName().IsMatch(name))
            throw new UserError($"--session '{name}': use 1 to 64 letters, digits, '.', '_' or '-'");
        return new AskSessionStore(cache ?? throw new UserError("--session needs the cache directory (it keeps the conversation): drop --no-cache"), name);
    }

    public string FilePath => Path.Combine(cache.Area("sessions"), name + ".json");

    /// <summary>The turns so far, admitted through the gate again (the file lives outside the codebase and may have been edited).</summary>
    public IReadOnlyList<ConversationTurn> Load()
    {
        if (!File.Exists(FilePath)) return [];
        try
        {
            var file = JsonSerializer.Deserialize<SessionFile>(File.ReadAllText(FilePath), Json);
            return file?.Turns.Select(t => ConversationTurn.Admit(t.Role, t.Text)).ToList() ?? [];
        }
        catch (JsonException error)
        {
            throw new UserError($"session file {FilePath} is not valid: {error.Message}; delete it to start the conversation over");
        }
    }

    public void Save(IReadOnlyList<ConversationTurn> turns) =>
        AtomicFile.WriteAllText(FilePath, JsonSerializer.Serialize(new SessionFile(turns.Select(t => new TurnRecord(t.Role, t.Text)).ToList()), Json));

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SessionName();
}
