using System.Data.Common;

namespace Shop.Infrastructure.Persistence;

/// <summary>
/// Opens connections to the shop database. The provider (PostgreSQL in production, SQLite for local
/// runs; the SQL is written for both) is chosen by the host, so the repositories only depend on
/// System.Data.Common.
/// </summary>
public interface IDbConnectionFactory
{
    /// <summary>Opens a new connection; the caller disposes it.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);
}
