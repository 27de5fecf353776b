using CodeContext.Core.Sources;

namespace CodeContext.Core.Output;

/// <summary>
/// The one rule for every command that writes a folder of results (pack's bundle, render's pages):
/// the folder is new, empty or an earlier bundle (<see cref="BundleLayout"/>), never inside the
/// codebase being read, and writable, all checked by <see cref="Claim"/> before any analysis runs.
/// <see cref="WriteAsync"/> then writes the whole new content into a folder beside it and swaps it
/// in, so the folder holds either the earlier bundle or the new one, never a mix of the two, and a
/// failed or cancelled run leaves the earlier one as it was.
/// </summary>
public sealed class OutputFolder
{
    private readonly string _option;

    private OutputFolder(string option, string shown, string fullPath)
    {
        _option = option;
        Shown = shown;
        FullPath = fullPath;
    }

    /// <summary>The folder as the user named it (for messages).</summary>
    public string Shown { get; }

    /// <summary>The physical full path (symbolic links resolved): where the results go.</summary>
    public string FullPath { get; }

    /// <summary>
    /// Checks <paramref name="argument"/> (the value of <paramref name="option"/>) for a command
    /// that reads <paramref name="codebasePath"/> (null: no codebase, e.g. a library caller).
    /// Throws <see cref="UserError"/> naming the folder and what is wrong; writes nothing.
    /// </summary>
    public static OutputFolder Claim(string argument, string option, string? codebasePath)
    {
        if (string.IsNullOrWhiteSpace(argument)) throw new UserError($"{option} is empty; give a folder");
        try
        {
            var fullPath = RealPath.Resolve(argument);
            if (File.Exists(fullPath)) throw new UserError($"{option} '{argument}' is a file; give a folder");
            if (codebasePath is not null && CodebaseFolder.RootContaining(codebasePath, fullPath) is { } root)
                throw new UserError($"{option} '{argument}' is inside the codebase being read ({root}); nothing is ever written into the codebase: give a folder outside it");
            if (Path.GetDirectoryName(fullPath) is not { } parent)
                throw new UserError($"{option} '{argument}' is the root of the file system; give a folder below it");
            if (WhyNotReplaceable(fullPath) is { } why)
                throw new UserError($"{option} '{argument}' already holds other files and is not an earlier bundle ({why}); give a new or empty folder, or an earlier bundle to replace");
            // The new content is written beside the folder and swapped in: both need writing.
            if (WritableFolder.Problem(parent) is { } parentProblem)
                throw new UserError($"{option} '{argument}' cannot be written: {parentProblem}");
            if (Directory.Exists(fullPath) && WritableFolder.Problem(fullPath) is { } readOnly)
                throw new UserError($"{option} '{argument}' is read-only: {readOnly}");
            return new OutputFolder(option, argument, fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UserError($"{option} '{argument}' cannot be used: {e.Message}", e);
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> on an empty staging folder beside this one, then puts the
    /// staging folder in this one's place (the earlier bundle, if any, is removed only after).
    /// </summary>
    public async Task WriteAsync(Func<string, Task> write)
    {
        var parent = Path.GetDirectoryName(FullPath)!;
        var name = Path.GetFileName(FullPath);
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.new");
        Directory.CreateDirectory(staging);
        try
        {
            await write(staging).ConfigureAwait(false);
            SwapIn(staging, Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.old"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{_option} '{Shown}' could not be written: {e.Message}", e);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private void SwapIn(string staging, string retired)
    {
        if (!Directory.Exists(FullPath))
        {
            Directory.Move(staging, FullPath);
            return;
        }

        // Again: the folder may have been filled while the analysis ran.
        if (WhyNotReplaceable(FullPath) is { } why)
            throw new UserError($"{_option} '{Shown}' was changed while this command ran and is no longer an earlier bundle ({why}); nothing was written");
        Directory.Move(FullPath, retired);
        try
        {
            Directory.Move(staging, FullPath);
        }
        catch
        {
            Directory.Move(retired, FullPath);
            throw;
        }

        // Deleted only while it is still empty or nothing but a bundle; otherwise it stays, renamed.
        if (WhyNotReplaceable(retired) is null) Directory.Delete(retired, recursive: true);
    }

    /// <summary>Null for a missing or empty folder or an earlier bundle; otherwise why it may not be replaced.</summary>
    private static string? WhyNotReplaceable(string fullPath) =>
        Directory.Exists(fullPath) && Directory.EnumerateFileSystemEntries(fullPath).Any() ? BundleLayout.WhyNotABundle(fullPath) : null;
}
