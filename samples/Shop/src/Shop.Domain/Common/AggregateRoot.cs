namespace Shop.Domain.Common;

/// <summary>
/// An entity that is loaded and saved as a unit and records the domain events it raised,
/// so that the application layer can publish them after the unit has been persisted.
/// </summary>
public abstract class AggregateRoot : Entity
{
    private readonly List<DomainEvent> _pendingEvents = [];

    /// <summary>Creates an aggregate root with the given identity.</summary>
    protected AggregateRoot(Guid id)
        : base(id)
    {
    }

    /// <summary>Incremented on every save; used for optimistic concurrency.</summary>
    public int Version { get; private set; }

    /// <summary>Events raised since the aggregate was loaded and not yet published.</summary>
    public IReadOnlyList<DomainEvent> PendingEvents => _pendingEvents;

    /// <summary>Returns the pending events and forgets them, so each is published exactly once.</summary>
    public IReadOnlyList<DomainEvent> DequeueEvents()
    {
        var events = _pendingEvents.ToArray();
        _pendingEvents.Clear();
        return events;
    }

    /// <summary>Called by repositories after a successful save (or when loading) with the stored version.</summary>
    public void MarkPersisted(int version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        Version = version;
    }

    /// <summary>Records an event; subclasses call this from their state-changing methods.</summary>
    protected void Raise(DomainEvent domainEvent) => _pendingEvents.Add(domainEvent);
}
