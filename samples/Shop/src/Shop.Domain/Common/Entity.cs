namespace Shop.Domain.Common;

/// <summary>
/// Base type for everything in the domain that has an identity which outlives its attribute values.
/// </summary>
public abstract class Entity : IEquatable<Entity>
{
    /// <summary>Creates an entity with the given identity.</summary>
    protected Entity(Guid id)
    {
        if (id == Guid.Empty)
        {
            throw new DomainException($"{GetType().Name} needs a non-empty id.");
        }

        Id = id;
    }

    /// <summary>The identity of the entity; never changes.</summary>
    public Guid Id { get; }

    /// <summary>A short human-readable label, used in logs and notifications.</summary>
    public abstract string DisplayName { get; }

    /// <inheritdoc />
    public bool Equals(Entity? other) =>
        other is not null && other.GetType() == GetType() && other.Id == Id;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Entity);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(GetType(), Id);

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name}({Id:N}) {DisplayName}";
}
