namespace Shop.Infrastructure.Persistence;

/// <summary>Thrown when an aggregate was saved by someone else since it was loaded.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    /// <summary>Creates the exception for the aggregate with the given id and expected version.</summary>
    public ConcurrencyConflictException(string aggregateType, Guid id, int expectedVersion)
        : base($"{aggregateType} {id} was changed by someone else (expected version {expectedVersion}). Reload and retry.")
    {
        AggregateType = aggregateType;
        AggregateId = id;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>The CLR name of the aggregate type.</summary>
    public string AggregateType { get; }

    /// <summary>The aggregate's id.</summary>
    public Guid AggregateId { get; }

    /// <summary>The version the caller loaded.</summary>
    public int ExpectedVersion { get; }
}
