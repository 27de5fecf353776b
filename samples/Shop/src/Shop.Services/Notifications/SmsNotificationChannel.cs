namespace Shop.Services.Notifications;

/// <summary>Sends urgent notifications as text messages to customers who gave a phone number.</summary>
public sealed class SmsNotificationChannel(ISmsSender sender) : INotificationChannel
{
    // Carriers split longer texts into several billed messages; one is enough for a status update.
    private const int MaxLength = 160;

    /// <inheritdoc />
    public string Name => "sms";

    /// <inheritdoc />
    public bool CanDeliver(Notification notification) =>
        notification.Urgent && !string.IsNullOrWhiteSpace(notification.Recipient.PhoneNumber);

    /// <inheritdoc />
    public Task DeliverAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        var text = notification.Body.Length <= MaxLength
            ? notification.Body
            : string.Concat(notification.Body.AsSpan(0, MaxLength - 1), "…");
        return sender.SendAsync(notification.Recipient.PhoneNumber!, text, cancellationToken);
    }
}
