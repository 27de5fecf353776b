using Shop.Domain.Common;

namespace Shop.Tests.Fakes;

/// <summary>A clock that only moves when the test says so.</summary>
public sealed class FixedClock(DateTimeOffset now) : IClock
{
    public static readonly DateTimeOffset Default = new(2026, 4, 15, 9, 30, 0, TimeSpan.Zero);

    public FixedClock()
        : this(Default)
    {
    }

    public DateTimeOffset UtcNow { get; private set; } = now;

    public void Advance(TimeSpan by) => UtcNow += by;
}
