using System.Diagnostics;

namespace CodeContext.Server.Tests.Hostile;

/// <summary>
/// A folder this process cannot write into, undone on dispose. Permission bits do not stop root
/// (tests often run as root in containers), so when they do not, the folder is made immutable
/// (chattr +i), which stops root too.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class ReadOnlyFolder : IDisposable
{
    private readonly string _path;
    private readonly bool _immutable;

    private ReadOnlyFolder(string path, bool immutable)
    {
        _path = path;
        _immutable = immutable;
    }

    public static ReadOnlyFolder Make(string path)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        if (!CanWrite(path)) return new ReadOnlyFolder(path, immutable: false);
        Assert.True(Chattr("+i", path), $"cannot make '{path}' read-only for this user (permission bits do not apply and chattr +i failed)");
        Assert.False(CanWrite(path), $"'{path}' is still writable after chattr +i");
        return new ReadOnlyFolder(path, immutable: true);
    }

    public void Dispose()
    {
        if (_immutable) Chattr("-i", _path);
        File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static bool CanWrite(string folder)
    {
        try
        {
            File.WriteAllText(Path.Combine(folder, "probe"), "");
            File.Delete(Path.Combine(folder, "probe"));
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool Chattr(string flag, string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true, UseShellExecute = false });
            if (process is null) return false;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
