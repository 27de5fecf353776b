namespace Shop.Services.Notifications;

/// <summary>Sends one e-mail; implemented by the infrastructure (SMTP, a mail API, or the console).</summary>
public interface IEmailSender
{
    /// <summary>Sends a plain-text e-mail.</summary>
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default);
}
