namespace Shop.Domain.Orders;

/// <summary>Where an order is in its life cycle.</summary>
public enum OrderStatus
{
    /// <summary>Being assembled; lines can still change.</summary>
    Draft = 0,

    /// <summary>Submitted by the customer, waiting for payment.</summary>
    Placed = 1,

    /// <summary>Payment captured; ready to ship.</summary>
    Paid = 2,

    /// <summary>Handed to the carrier.</summary>
    Shipped = 3,

    /// <summary>Cancelled before shipping; any payment was refunded.</summary>
    Cancelled = 9,
}
