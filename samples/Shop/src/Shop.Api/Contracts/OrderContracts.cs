using Shop.Domain.Orders;
using Shop.Domain.ValueObjects;
using Shop.Services.Orders;

namespace Shop.Api.Contracts;

/// <summary>The JSON body of <c>POST /orders</c>.</summary>
public sealed record PlaceOrderRequest(
    Guid CustomerId,
    IReadOnlyList<OrderItemDto> Items,
    string Currency,
    string PaymentToken,
    string? DiscountCode = null,
    AddressDto? ShipTo = null)
{
    /// <summary>Converts the request to the service command; bad currency codes are rejected here.</summary>
    public PlaceOrderCommand ToCommand()
    {
        if (!Enum.TryParse<Currency>(Currency, ignoreCase: true, out var currency))
        {
            throw new Domain.Common.DomainException($"'{Currency}' is not a supported currency.");
        }

        return new PlaceOrderCommand(
            CustomerId,
            [.. Items.Select(i => new OrderItemRequest(i.Sku, i.Quantity))],
            currency,
            PaymentToken,
            DiscountCode,
            ShipTo?.ToAddress());
    }
}

/// <summary>One item in a <see cref="PlaceOrderRequest"/>.</summary>
public sealed record OrderItemDto(string Sku, int Quantity);

/// <summary>An address in requests.</summary>
public sealed record AddressDto(string Street, string City, string PostalCode, string Country)
{
    /// <summary>Converts to the domain value.</summary>
    public Address ToAddress() => new(Street, City, PostalCode, Country.ToUpperInvariant());
}

/// <summary>The body of <c>POST /orders/{id}/cancel</c>.</summary>
public sealed record CancelOrderRequest(string Reason);

/// <summary>An order as returned by the API.</summary>
public sealed record OrderResponse(
    Guid Id,
    OrderStatus Status,
    string Currency,
    decimal Subtotal,
    decimal Discount,
    decimal Shipping,
    decimal Total,
    string? PaymentReference)
{
    /// <summary>Builds the response from a service receipt.</summary>
    public static OrderResponse From(OrderReceipt receipt) => new(
        receipt.OrderId,
        receipt.Status,
        receipt.Total.Currency.ToString(),
        receipt.Subtotal.Amount,
        receipt.Discount.Amount,
        receipt.ShippingCost.Amount,
        receipt.Total.Amount,
        receipt.PaymentReference);

    /// <summary>Builds the response from a stored order.</summary>
    public static OrderResponse From(Order order) => From(OrderReceipt.From(order));
}
