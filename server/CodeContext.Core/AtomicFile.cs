namespace CodeContext.Core;

/// <summary>
/// Writes that either fully happen or not at all: a reader (or a crash) never sees half a file.
/// Write to a unique temporary file beside the target, then rename over it.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var pending = new Pending(path);
        pending.Stream.Write(bytes);
        pending.Commit();
    }

    /// <summary>
    /// As <see cref="WriteAllBytes"/>, the content written to a stream as it is made: an entry of
    /// tens of MB (a large codebase's graph) is never held whole, nor grown by doubling, in memory.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        using var pending = new Pending(path);
        write(pending.Stream);
        pending.Commit();
    }

    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        using var pending = new Pending(path);
        await write(pending.Stream).ConfigureAwait(false);
        pending.Commit();
    }

    /// <summary>
    /// A temporary file beside the target that becomes the target on <see cref="Commit"/>; one never
    /// committed (the write threw) is removed when disposed.
    /// </summary>
    private sealed class Pending : IDisposable
    {
        private readonly string _path;
        private readonly string _temp;

        public Pending(string path)
        {
            _path = path;
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);
            _temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            Stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }

        public FileStream Stream { get; }

        /// <summary>Closes the file (its buffer flushed to the OS, as before a rename) and moves it over the target.</summary>
        public void Commit()
        {
            Stream.Dispose();
            File.Move(_temp, _path, overwrite: true);
        }

        public void Dispose()
        {
            Stream.Dispose();
            if (File.Exists(_temp)) File.Delete(_temp);
        }
    }
}
