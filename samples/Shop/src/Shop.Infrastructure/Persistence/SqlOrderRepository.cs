using System.Data;
using System.Data.Common;
using Shop.Domain.Generated;
using Shop.Domain.Orders;
using Shop.Domain.ValueObjects;

namespace Shop.Infrastructure.Persistence;

/// <summary>
/// Stores orders in two tables, <c>orders</c> and <c>order_lines</c>. Saves are transactional and
/// use the <c>version</c> column for optimistic concurrency: a save that finds a newer version in the
/// database throws <see cref="ConcurrencyConflictException"/> instead of overwriting it.
/// </summary>
public sealed class SqlOrderRepository : IOrderRepository
{
    private static readonly string[] SchemaStatements =
    [
        SqlStatements.CreateOrdersTable,
        SqlStatements.CreateOrderLinesTable,
        SqlStatements.CreateOrdersCustomerIndex,
        SqlStatements.CreateOrdersStatusIndex,
    ];

    private readonly IDbConnectionFactory _connections;

    /// <summary>Creates the repository over a connection factory.</summary>
    public SqlOrderRepository(IDbConnectionFactory connections) => _connections = connections;

    /// <inheritdoc />
    public async Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var headers = await ReadHeadersAsync(connection, SqlStatements.SelectOrderById, cancellationToken, ("id", id));
        if (headers.Count == 0)
        {
            return null;
        }

        return await HydrateAsync(connection, headers[0], cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Order>> ListByCustomerAsync(Guid customerId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var headers = await ReadHeadersAsync(
            connection, SqlStatements.SelectOrdersByCustomer, cancellationToken, ("customer_id", customerId), ("limit", limit));
        return await HydrateAllAsync(connection, headers, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Order>> ListByStatusAsync(OrderStatus status, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var headers = await ReadHeadersAsync(
            connection, SqlStatements.SelectOrdersByStatus, cancellationToken, ("status", status.ToStoredCode()));
        return await HydrateAllAsync(connection, headers, cancellationToken);
    }

    /// <summary>
    /// Creates the tables and indexes when they are missing; safe to run at every start-up.
    /// Production schemas are migrated by the DBA team, so this is for local and test databases.
    /// </summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        foreach (var statement in SchemaStatements)
        {
            await using var command = CreateCommand(connection, transaction: null, statement);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>How many orders are in each status; statuses with no orders are left out.</summary>
    public async Task<IReadOnlyDictionary<OrderStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = CreateCommand(connection, transaction: null, SqlStatements.CountOrdersByStatus);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        var counts = new Dictionary<OrderStatus, int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var status = StoredCodes.ToOrderStatus(reader.GetString(reader.GetOrdinal("status")));
            counts[status] = Convert.ToInt32(reader.GetValue(reader.GetOrdinal("order_count")), System.Globalization.CultureInfo.InvariantCulture);
        }

        return counts;
    }

    /// <inheritdoc />
    public async Task AddAsync(Order order, CancellationToken cancellationToken = default)
    {
        var snapshot = order.ToSnapshot();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

        await using (var insert = CreateCommand(connection, transaction, SqlStatements.InsertOrder))
        {
            AddHeaderParameters(insert, snapshot);
            AddParameter(insert, "customer_id", snapshot.CustomerId);
            AddParameter(insert, "currency", snapshot.Currency.ToStoredCode());
            AddParameter(insert, "created_at", snapshot.CreatedAt);
            AddParameter(insert, "ship_street", snapshot.ShippingAddress.Street);
            AddParameter(insert, "ship_city", snapshot.ShippingAddress.City);
            AddParameter(insert, "ship_postal_code", snapshot.ShippingAddress.PostalCode);
            AddParameter(insert, "ship_country", snapshot.ShippingAddress.CountryCode);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await WriteLinesAsync(connection, transaction, snapshot, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        order.MarkPersisted(1);
    }

    /// <inheritdoc />
    public async Task UpdateAsync(Order order, CancellationToken cancellationToken = default)
    {
        var snapshot = order.ToSnapshot();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

        await using (var update = CreateCommand(connection, transaction, SqlStatements.UpdateOrder))
        {
            AddHeaderParameters(update, snapshot);
            AddParameter(update, "expected_version", snapshot.Version);
            var affected = await update.ExecuteNonQueryAsync(cancellationToken);
            if (affected == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw new ConcurrencyConflictException(nameof(Order), snapshot.Id, snapshot.Version);
            }
        }

        // Lines only change while the order is a draft, but rewriting them keeps the two tables
        // consistent even if a future rule allows editing placed orders.
        await using (var delete = CreateCommand(connection, transaction, SqlStatements.DeleteLines))
        {
            AddParameter(delete, "order_id", snapshot.Id);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await WriteLinesAsync(connection, transaction, snapshot, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        order.MarkPersisted(snapshot.Version + 1);
    }

    private static async Task WriteLinesAsync(DbConnection connection, DbTransaction transaction, OrderSnapshot snapshot, CancellationToken cancellationToken)
    {
        for (var position = 0; position < snapshot.Lines.Count; position++)
        {
            var line = snapshot.Lines[position];
            await using var insert = CreateCommand(connection, transaction, SqlStatements.InsertLine);
            AddParameter(insert, "order_id", snapshot.Id);
            AddParameter(insert, "position", position);
            AddParameter(insert, "sku", line.Sku.Value);
            AddParameter(insert, "product_name", line.ProductName);
            AddParameter(insert, "quantity", line.Quantity);
            AddParameter(insert, "unit_price", line.UnitPrice.Amount);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void AddHeaderParameters(DbCommand command, OrderSnapshot snapshot)
    {
        AddParameter(command, "id", snapshot.Id);
        AddParameter(command, "status", snapshot.Status.ToStoredCode());
        AddParameter(command, "placed_at", snapshot.PlacedAt);
        AddParameter(command, "discount_amount", snapshot.Discount.Amount);
        AddParameter(command, "discount_reason", snapshot.DiscountReason);
        AddParameter(command, "shipping_amount", snapshot.ShippingCost.Amount);
        AddParameter(command, "payment_reference", snapshot.PaymentReference);
    }

    private static async Task<IReadOnlyList<OrderHeader>> ReadHeadersAsync(
        DbConnection connection,
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = CreateCommand(connection, transaction: null, sql);
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        var headers = new List<OrderHeader>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            headers.Add(ReadHeader(reader));
        }

        return headers;
    }

    private static OrderHeader ReadHeader(DbDataReader reader)
    {
        var currency = StoredCodes.ToCurrency(reader.GetString(reader.GetOrdinal("currency")));
        return new OrderHeader(
            Id: reader.GetGuid(reader.GetOrdinal("id")),
            CustomerId: reader.GetGuid(reader.GetOrdinal("customer_id")),
            Currency: currency,
            Status: StoredCodes.ToOrderStatus(reader.GetString(reader.GetOrdinal("status"))),
            CreatedAt: reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("created_at")),
            PlacedAt: ReadNullable<DateTimeOffset>(reader, "placed_at"),
            ShippingAddress: new Address(
                reader.GetString(reader.GetOrdinal("ship_street")),
                reader.GetString(reader.GetOrdinal("ship_city")),
                reader.GetString(reader.GetOrdinal("ship_postal_code")),
                reader.GetString(reader.GetOrdinal("ship_country"))),
            Discount: new Money(reader.GetDecimal(reader.GetOrdinal("discount_amount")), currency),
            DiscountReason: ReadNullableString(reader, "discount_reason"),
            ShippingCost: new Money(reader.GetDecimal(reader.GetOrdinal("shipping_amount")), currency),
            PaymentReference: ReadNullableString(reader, "payment_reference"),
            Version: reader.GetInt32(reader.GetOrdinal("version")));
    }

    private static async Task<IReadOnlyList<Order>> HydrateAllAsync(DbConnection connection, IReadOnlyList<OrderHeader> headers, CancellationToken cancellationToken)
    {
        var orders = new List<Order>(headers.Count);
        foreach (var header in headers)
        {
            orders.Add(await HydrateAsync(connection, header, cancellationToken));
        }

        return orders;
    }

    private static async Task<Order> HydrateAsync(DbConnection connection, OrderHeader header, CancellationToken cancellationToken)
    {
        var lines = new List<OrderLine>();
        await using (var command = CreateCommand(connection, transaction: null, SqlStatements.SelectLinesForOrder))
        {
            AddParameter(command, "order_id", header.Id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(new OrderLine(
                    Sku.Parse(reader.GetString(reader.GetOrdinal("sku"))),
                    reader.GetString(reader.GetOrdinal("product_name")),
                    reader.GetInt32(reader.GetOrdinal("quantity")),
                    new Money(reader.GetDecimal(reader.GetOrdinal("unit_price")), header.Currency)));
            }
        }

        return Order.Restore(new OrderSnapshot(
            header.Id,
            header.CustomerId,
            header.Currency,
            header.ShippingAddress,
            header.Status,
            header.CreatedAt,
            header.PlacedAt,
            lines,
            header.Discount,
            header.DiscountReason,
            header.ShippingCost,
            header.PaymentReference,
            header.Version));
    }

    private static DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static T? ReadNullable<T>(DbDataReader reader, string column)
        where T : struct
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
    }

    private static string? ReadNullableString(DbDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    // The orders row before its lines are read; lines come from a second query.
    private sealed record OrderHeader(
        Guid Id,
        Guid CustomerId,
        Currency Currency,
        OrderStatus Status,
        DateTimeOffset CreatedAt,
        DateTimeOffset? PlacedAt,
        Address ShippingAddress,
        Money Discount,
        string? DiscountReason,
        Money ShippingCost,
        string? PaymentReference,
        int Version);
}
