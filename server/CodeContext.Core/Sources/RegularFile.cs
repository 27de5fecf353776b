using System.Runtime.InteropServices;

namespace CodeContext.Core.Sources;

/// <summary>
/// Whether a path is a regular file. A FIFO, socket or device named <c>*.cs</c> is not source: opening
/// a FIFO for reading blocks until some writer appears, which hung the loader. .NET reports such
/// files as ordinary ones (attributes Normal, length 0), so the file type is asked of the kernel.
/// </summary>
public static partial class RegularFile
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const ushort TypeMask = 0xF000;
    private const ushort Regular = 0x8000;

    /// <summary>True for a regular file (links followed); false for anything else or a missing path.</summary>
    public static bool Is(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere only the portable check: a directory is not a file. (FIFOs in a working tree
            // are a Linux/macOS curiosity; macOS would need its own stat layout.)
            return File.Exists(path);
        }

        Span<byte> buffer = stackalloc byte[256];
        unsafe
        {
            fixed (byte* statx = buffer)
            {
                if (Statx(AtFdCwd, path, 0, StatxType, statx) != 0)
                {
                    return false;
                }
            }
        }

        // struct statx: stx_mode is the u16 at offset 28 on every Linux architecture.
        var mode = BitConverter.ToUInt16(buffer[28..30]);
        return (mode & TypeMask) == Regular;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* statx);
}
