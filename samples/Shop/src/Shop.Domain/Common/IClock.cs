namespace Shop.Domain.Common;

/// <summary>
/// The source of "now". Injected instead of calling <see cref="DateTimeOffset.UtcNow"/> so that
/// order timestamps, cache expiry and tests are deterministic.
/// </summary>
public interface IClock
{
    /// <summary>The current instant in UTC.</summary>
    DateTimeOffset UtcNow { get; }
}
