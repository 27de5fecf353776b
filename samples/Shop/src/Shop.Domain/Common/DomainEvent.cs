namespace Shop.Domain.Common;

/// <summary>Something that happened in the domain that other parts of the system may react to.</summary>
/// <param name="OccurredAt">When the event happened, taken from <see cref="IClock"/>.</param>
public abstract record DomainEvent(DateTimeOffset OccurredAt)
{
    /// <summary>A stable name for routing and logging, independent of the CLR type name.</summary>
    public abstract string EventName { get; }
}
