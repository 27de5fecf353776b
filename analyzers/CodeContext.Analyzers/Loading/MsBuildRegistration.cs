using Microsoft.Build.Locator;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// Points this process at an installed MSBuild (the newest .NET SDK). Must run before any method
/// that mentions an MSBuild type is JIT-compiled, which is why the evaluation code
/// (<see cref="ProjectEvaluator"/>) lives in separate, non-inlined methods.
/// </summary>
public static class MsBuildRegistration
{
    private static readonly Lock Gate = new();
    private static string? _registered;

    /// <summary>Registers once; returns a description of the chosen SDK, or null when none is usable.</summary>
    public static string? EnsureRegistered(TextWriter? log)
    {
        lock (Gate)
        {
            if (_registered is not null) return _registered;
            EvaluationSandbox.ConfigureProcess();
            if (!MSBuildLocator.IsRegistered)
            {
                if (!MSBuildLocator.CanRegister) return null;
                var instance = NewestInstance(log);
                if (instance is null)
                {
                    log?.WriteLine("codecontext: no .NET SDK with MSBuild found; loading syntax-only");
                    return null;
                }
                MSBuildLocator.RegisterInstance(instance);
                _registered = $"{instance.Name} {instance.Version} ({instance.MSBuildPath})";
            }
            else
            {
                _registered = "MSBuild registered by the host";
            }
            log?.WriteLine($"codecontext: using MSBuild from {_registered}");
            return _registered;
        }
    }

    /// <summary>
    /// The newest installed SDK, asked from this program's own folder: asked from the working
    /// directory, the locator honours whatever global.json is there, and a repository that pins an
    /// SDK this machine lacks (EF Core pins an 11.0 preview) made it throw. A repository does not
    /// choose the code that evaluates it.
    /// </summary>
    private static VisualStudioInstance? NewestInstance(TextWriter? log)
    {
        try
        {
            return MSBuildLocator.QueryVisualStudioInstances(new VisualStudioInstanceQueryOptions
                {
                    DiscoveryTypes = DiscoveryType.DotNetSdk,
                    WorkingDirectory = AppContext.BaseDirectory,
                })
                .OrderByDescending(i => i.Version)
                .FirstOrDefault();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            log?.WriteLine($"codecontext: no usable .NET SDK ({e.Message}); loading syntax-only");
            return null;
        }
    }
}
