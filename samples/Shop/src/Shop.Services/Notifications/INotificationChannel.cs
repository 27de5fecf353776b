namespace Shop.Services.Notifications;

/// <summary>A way of reaching customers (e-mail, text message, ...).</summary>
public interface INotificationChannel
{
    /// <summary>The channel's name for logs.</summary>
    string Name { get; }

    /// <summary>True when this channel should deliver the notification (e.g. the customer has a phone).</summary>
    bool CanDeliver(Notification notification);

    /// <summary>Delivers the notification.</summary>
    Task DeliverAsync(Notification notification, CancellationToken cancellationToken = default);
}
