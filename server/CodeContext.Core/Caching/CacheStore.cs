using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace CodeContext.Core.Caching;

/// <summary>
/// One cache's area of the cache directory, the only code that turns cache keys into paths. Keys
/// are hex hashes or short safe names, never paths; a sharded area puts an entry under the key's
/// first two characters. Reads fail gracefully (a missing, unreadable, torn or foreign entry is a
/// miss, never a crash: every entry can be recomputed), writes are atomic (<see cref="AtomicFile"/>)
/// and a write that fails only costs time later. A hit in a trimmed area is touched, so that
/// <see cref="CacheTrimmer"/> removes the least recently used entries first.
/// Opening an area registers it on disk (<see cref="CacheAreaRegistry"/>): the trimmer walks what
/// was registered, by this process or any earlier one, without knowing any cache.
/// </summary>
public sealed partial class CacheStore
{
    // Areas registered by this process, so a cache opened per call (facts) checks its registration once.
    private static readonly ConcurrentDictionary<string, bool> Registered = new(StringComparer.Ordinal);

    public CacheStore(CacheDirectory directory, CacheArea area)
    {
        Area = area.Validated();
        if (area.Name == CacheAreaRegistry.FolderName) throw new ArgumentException($"cache area name '{area.Name}' is reserved");
        Folder = Path.Combine(directory.Root, area.Name);
        Registered.GetOrAdd(Folder, _ => CacheAreaRegistry.Register(directory, area));
    }

    public CacheArea Area { get; }

    /// <summary>The area's folder (may not exist yet).</summary>
    public string Folder { get; }

    /// <summary>The entry's path: its file, or for folder entries its folder.</summary>
    public string PathOf(string key)
    {
        if (!SafeKey().IsMatch(key)) throw new ArgumentException($"cache key '{key}' is not a hash or safe name");
        var name = Area.Entries == CacheEntryShape.File ? key + Area.Extension : key;
        return Area.Sharded ? Path.Combine(Folder, key[..2], name) : Path.Combine(Folder, name);
    }

    /// <summary>A file inside a folder entry.</summary>
    public string PathOf(string key, string file)
    {
        if (Area.Entries != CacheEntryShape.Folder) throw new InvalidOperationException($"cache area '{Area.Name}' has file entries");
        if (!SafeKey().IsMatch(file)) throw new ArgumentException($"cache file name '{file}' is not a safe name");
        return Path.Combine(PathOf(key), file);
    }

    public bool Exists(string key) => Area.Entries == CacheEntryShape.File ? File.Exists(PathOf(key)) : Directory.Exists(PathOf(key));

    /// <summary>The entry parsed, or null when it is missing or <paramref name="parse"/> cannot use it (returns null or throws).</summary>
    public T? TryRead<T>(string key, Func<byte[], T?> parse) where T : class => TryReadFile(PathOf(key), path => parse(File.ReadAllBytes(path)));

    /// <summary>As <see cref="TryRead{T}(string, Func{byte[], T})"/>, parsed from a stream: for entries of many MB (a large codebase's graph), which need not be held whole as bytes too.</summary>
    public T? TryReadStream<T>(string key, Func<Stream, T?> parse) where T : class => TryReadFile(PathOf(key), path =>
    {
        using var stream = File.OpenRead(path);
        return parse(stream);
    });

    /// <summary>A folder entry's file parsed; <paramref name="parse"/> may read the entry's other files (<see cref="PathOf(string, string)"/>): any failure is a miss.</summary>
    public T? TryRead<T>(string key, string file, Func<byte[], T?> parse) where T : class => TryReadFile(PathOf(key, file), path => parse(File.ReadAllBytes(path)));

    public bool TryWrite(string key, ReadOnlySpan<byte> bytes) => TryWriteFile(PathOf(key), bytes);

    public bool TryWrite(string key, string file, ReadOnlySpan<byte> bytes) => TryWriteFile(PathOf(key, file), bytes);

    /// <summary>As <see cref="TryWrite(string, ReadOnlySpan{byte})"/>, written to a stream as it is made: for entries of many MB, which need not be held whole as bytes first.</summary>
    public bool TryWriteStream(string key, Action<Stream> write)
    {
        try
        {
            AtomicFile.Write(PathOf(key), write);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Marks a file used now, so trimming removes it last. Best effort.</summary>
    private static void Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only the eviction order suffers.
        }
    }

    private T? TryReadFile<T>(string path, Func<string, T?> read) where T : class
    {
        T? value;
        try
        {
            if (!File.Exists(path)) return null; // the common miss, without an exception
            value = read(path);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Missing, unreadable, torn or from another version: recompute (and overwrite) it.
            return null;
        }

        if (value is not null && Area.Trimmed) Touch(path);
        return value;
    }

    private static bool TryWriteFile(string path, ReadOnlySpan<byte> bytes)
    {
        try
        {
            AtomicFile.WriteAllBytes(path, bytes);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{1,127}$")]
    private static partial Regex SafeKey();
}
