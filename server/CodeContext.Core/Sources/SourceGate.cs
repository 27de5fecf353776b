using CodeContext.Core.Secrets;

namespace CodeContext.Core.Sources;

/// <summary>Something about a file's text a reader should be told: a trojan-source character, a look-alike identifier.</summary>
public sealed record SourceNotice(string Kind, int Line, string Detail);

/// <summary>Source text as the rest of the pipeline may see it: secrets masked, invisible characters made visible, and what was done.</summary>
public sealed record GatedText(string Text, IReadOnlyList<SecretFinding> Secrets, IReadOnlyList<SourceNotice> Notices)
{
    public static readonly GatedText Empty = new("", [], []);
}

/// <summary>A file the gate will not read, and why in plain words.</summary>
public sealed class SourceRefusedException(string path, string reason) : IOException($"'{path}' is not read: {reason}")
{
    public string Reason { get; } = reason;
}

/// <summary>
/// The one door source text enters the pipeline by. Whatever reads a file of the codebase (the
/// loader's documents, files changed on disk) or takes text from a client (an editor's unsaved
/// buffer, a question) comes through here, so that everything downstream (analysis, pages, text
/// segments, manifests, region reads, any request sent to a model) only ever holds text that is
/// confined to the root, decoded, masked and with trojan-source characters made visible.
/// </summary>
public sealed class SourceGate
{
    /// <summary>Files larger than this are never read whole, whatever they are for (a compilation too).</summary>
    public const long MaxReadBytes = 16L * 1024 * 1024;

    private readonly SecretScanCache? _scans;

    /// <param name="scans">Where earlier scans of unchanged files are kept; null scans every text.</param>
    public SourceGate(string rootDirectory, SecretScanCache? scans = null)
    {
        Root = RepoPath.Normalize(rootDirectory);
        RealRoot = RealPath.Resolve(Root);
        _scans = scans;
    }

    /// <summary>The root as the user named it.</summary>
    public string Root { get; }

    /// <summary>The root with links resolved: every file must resolve below it.</summary>
    public string RealRoot { get; }

    /// <summary>Null when the file may be read: it resolves (links followed) inside the root and is a regular file.</summary>
    public string? ReasonNotToRead(string fullPath)
    {
        if (!RepoPath.IsUnder(Root, fullPath)) return "outside the loaded folder";
        string real;
        try
        {
            real = RealPath.Resolve(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return $"its path cannot be resolved ({e.Message})";
        }

        if (!RepoPath.IsUnder(RealRoot, real)) return "a symbolic link leads outside the loaded folder";
        if (!RegularFile.Is(real)) return File.Exists(real) || Directory.Exists(real) ? "not a regular file (a FIFO, socket or device)" : "missing on disk";
        return null;
    }

    /// <summary>The file's text through the gate; throws <see cref="SourceRefusedException"/> when it may not be read.</summary>
    public GatedText Read(string fullPath)
    {
        if (ReasonNotToRead(fullPath) is { } reason) throw new SourceRefusedException(fullPath, reason);
        byte[] bytes;
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > MaxReadBytes) throw new SourceRefusedException(fullPath, $"larger than {MaxReadBytes / (1024 * 1024)} MiB");
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException and not SourceRefusedException or UnauthorizedAccessException)
        {
            throw new SourceRefusedException(fullPath, $"unreadable ({e.Message})");
        }

        try
        {
            var text = SourceDecoder.Decode(bytes);
            return Admitted(text, _scans?.Find(text) ?? SecretMasker.Find(text));
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            // A scan that could not finish (a pathological file, or a machine too loaded to run it
            // in the time limit) must not let the text through unmasked, nor stop the whole load.
            throw new SourceRefusedException(fullPath, "its secret scan did not finish within the time limit");
        }
    }

    /// <summary>Text that did not come from disk (an editor's buffer, a question) through the same rules.</summary>
    public static GatedText Admit(string text) => Admitted(text, SecretMasker.Find(text));

    private static GatedText Admitted(string text, IReadOnlyList<SecretHit> hits)
    {
        var (masked, secrets) = SecretMasker.Mask(text, hits);
        var (visible, notices) = InvisibleCharacters.MakeVisible(masked);
        return new GatedText(visible, secrets, notices);
    }
}
