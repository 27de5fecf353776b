using System.IO.Pipelines;
using System.Text;
using CodeContext.Server.Rpc.Framing;
using Xunit.Abstractions;

namespace CodeContext.Server.Tests.Hostile;

/// <summary>Alone in its collection: it measures this process's managed heap, which other tests running beside it would move.</summary>
[CollectionDefinition(nameof(FrameMemoryTests), DisableParallelization = true)]
public sealed class FrameMemoryCollection;

/// <summary>
/// Issue 12, item 18: once a 30 MB message has been read, the frame reader keeps nothing sized like
/// it (no body or buffer stays reachable from it). Parsing the body is another matter, measured and
/// reported in docs/security.md: System.Text.Json rents an index as large as the body from the
/// shared array pool, which keeps that one array until the runtime trims the pool.
/// </summary>
[Collection(nameof(FrameMemoryTests))]
public sealed class FrameMemoryTests(ITestOutputHelper output)
{
    private const int MessageBytes = 30 * 1024 * 1024;

    [Fact]
    public async Task A_30_MB_message_leaves_no_buffer_of_its_size_behind_in_the_frame_reader()
    {
        var limits = new FramingLimits();
        // The pipe stands for stdin; its own buffers are not the framing's, so they are never pooled here.
        var pipe = new Pipe(new PipeOptions(pool: new UnpooledMemory(), pauseWriterThreshold: 0));
        var frames = new LspFrameReader(pipe.Reader, limits);
        // A small message first, so that what framing keeps anyway is in the baseline.
        Assert.Null(await ReadBackAsync(pipe.Writer, frames, padding: 0));
        var before = Settled();

        Assert.Null(await ReadBackAsync(pipe.Writer, frames, padding: MessageBytes - 200));
        var after = Settled();

        output.WriteLine($"managed heap: {before / (1024 * 1024.0):F1} MiB before, {after / (1024 * 1024.0):F1} MiB after the message");
        Assert.True(after - before < 4 * 1024 * 1024, $"the managed heap grew by {(after - before) / (1024 * 1024.0):F1} MiB after a {MessageBytes / (1024 * 1024)} MiB message");
        GC.KeepAlive(frames);
    }

    /// <summary>
    /// Writes one message and reads it back through the frame reader; null when the whole body came
    /// back. A method of its own so that none of the message stays reachable from the test's own
    /// locals (a debug build keeps those alive to the end of the method).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task<string?> ReadBackAsync(PipeWriter writer, LspFrameReader frames, int padding)
    {
        var request = Request(padding);
        await WriteAsync(writer, request);
        var frame = await frames.ReadAsync(CancellationToken.None);
        return Assert.IsType<BodyFrame>(frame).Body.AsSpan().SequenceEqual(request) ? null : "the body read back differs from the one written";
    }

    /// <summary>Written by hand: serialising through System.Text.Json would itself rent buffers of the message's size from the pool.</summary>
    private static byte[] Request(int padding) =>
        Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"codeContext/status\",\"params\":{{\"pad\":\"{new string('x', padding)}\"}}}}");

    private static async Task WriteAsync(PipeWriter writer, byte[] body)
    {
        await writer.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        await writer.WriteAsync(body);
    }

    /// <summary>Fresh arrays the GC takes back, where the default pool would keep them.</summary>
    private sealed class UnpooledMemory : System.Buffers.MemoryPool<byte>
    {
        public override int MaxBufferSize => int.MaxValue;

        public override System.Buffers.IMemoryOwner<byte> Rent(int minBufferSize = -1) => new Owner(new byte[Math.Max(minBufferSize, 4096)]);

        protected override void Dispose(bool disposing)
        {
        }

        private sealed class Owner(byte[] array) : System.Buffers.IMemoryOwner<byte>
        {
            public Memory<byte> Memory => array;

            public void Dispose()
            {
            }
        }
    }

    private static long Settled()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
