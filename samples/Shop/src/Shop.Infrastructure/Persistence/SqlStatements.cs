namespace Shop.Infrastructure.Persistence;

// One statement per line so that each diffs as a unit and can be pasted straight into a SQL console; the DBA team reviews this file as a whole and asked us not to wrap the statements.
internal static class SqlStatements
{
    public const string CreateOrdersTable = "CREATE TABLE IF NOT EXISTS orders (id UUID PRIMARY KEY, customer_id UUID NOT NULL, currency CHAR(3) NOT NULL, status CHAR(3) NOT NULL, created_at TIMESTAMPTZ NOT NULL, placed_at TIMESTAMPTZ NULL, ship_street VARCHAR(200) NOT NULL, ship_city VARCHAR(100) NOT NULL, ship_postal_code VARCHAR(20) NOT NULL, ship_country CHAR(2) NOT NULL, discount_amount NUMERIC(12,2) NOT NULL, discount_reason VARCHAR(200) NULL, shipping_amount NUMERIC(12,2) NOT NULL, payment_reference VARCHAR(100) NULL, version INTEGER NOT NULL)";

    public const string CreateOrderLinesTable = "CREATE TABLE IF NOT EXISTS order_lines (order_id UUID NOT NULL REFERENCES orders (id) ON DELETE CASCADE, position INTEGER NOT NULL, sku VARCHAR(10) NOT NULL, product_name VARCHAR(200) NOT NULL, quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999), unit_price NUMERIC(12,2) NOT NULL, PRIMARY KEY (order_id, position))";

    public const string CreateOrdersCustomerIndex = "CREATE INDEX IF NOT EXISTS ix_orders_customer_created ON orders (customer_id, created_at DESC)";

    public const string CreateOrdersStatusIndex = "CREATE INDEX IF NOT EXISTS ix_orders_status_created ON orders (status, created_at)";

    public const string CountOrdersByStatus = "SELECT o.status, COUNT(*) AS order_count FROM orders o GROUP BY o.status";

    public const string SelectOrderById = "SELECT o.id, o.customer_id, o.currency, o.status, o.created_at, o.placed_at, o.ship_street, o.ship_city, o.ship_postal_code, o.ship_country, o.discount_amount, o.discount_reason, o.shipping_amount, o.payment_reference, o.version FROM orders o WHERE o.id = @id";

    public const string SelectOrdersByCustomer = "SELECT o.id, o.customer_id, o.currency, o.status, o.created_at, o.placed_at, o.ship_street, o.ship_city, o.ship_postal_code, o.ship_country, o.discount_amount, o.discount_reason, o.shipping_amount, o.payment_reference, o.version FROM orders o WHERE o.customer_id = @customer_id ORDER BY o.created_at DESC LIMIT @limit";

    public const string SelectOrdersByStatus = "SELECT o.id, o.customer_id, o.currency, o.status, o.created_at, o.placed_at, o.ship_street, o.ship_city, o.ship_postal_code, o.ship_country, o.discount_amount, o.discount_reason, o.shipping_amount, o.payment_reference, o.version FROM orders o WHERE o.status = @status ORDER BY o.created_at ASC";

    public const string SelectLinesForOrder = "SELECT l.order_id, l.position, l.sku, l.product_name, l.quantity, l.unit_price FROM order_lines l WHERE l.order_id = @order_id ORDER BY l.position";

    public const string InsertOrder = "INSERT INTO orders (id, customer_id, currency, status, created_at, placed_at, ship_street, ship_city, ship_postal_code, ship_country, discount_amount, discount_reason, shipping_amount, payment_reference, version) VALUES (@id, @customer_id, @currency, @status, @created_at, @placed_at, @ship_street, @ship_city, @ship_postal_code, @ship_country, @discount_amount, @discount_reason, @shipping_amount, @payment_reference, 1)";

    public const string UpdateOrder = "UPDATE orders SET status = @status, placed_at = @placed_at, discount_amount = @discount_amount, discount_reason = @discount_reason, shipping_amount = @shipping_amount, payment_reference = @payment_reference, version = version + 1 WHERE id = @id AND version = @expected_version";

    public const string DeleteLines = "DELETE FROM order_lines WHERE order_id = @order_id";

    public const string InsertLine = "INSERT INTO order_lines (order_id, position, sku, product_name, quantity, unit_price) VALUES (@order_id, @position, @sku, @product_name, @quantity, @unit_price)";
}
