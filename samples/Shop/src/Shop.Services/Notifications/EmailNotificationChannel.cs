namespace Shop.Services.Notifications;

/// <summary>Delivers every notification by e-mail to the customer's address.</summary>
public sealed class EmailNotificationChannel(IEmailSender sender) : INotificationChannel
{
    /// <inheritdoc />
    public string Name => "email";

    /// <inheritdoc />
    public bool CanDeliver(Notification notification) => true;

    /// <inheritdoc />
    public Task DeliverAsync(Notification notification, CancellationToken cancellationToken = default) =>
        sender.SendAsync(notification.Recipient.Email.Value, notification.Subject, notification.Body, cancellationToken);
}
