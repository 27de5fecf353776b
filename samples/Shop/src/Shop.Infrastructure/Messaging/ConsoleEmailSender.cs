using Shop.Services.Notifications;

namespace Shop.Infrastructure.Messaging;

/// <summary>Writes e-mails to a text writer instead of sending them; the demo host's mail server.</summary>
public sealed class ConsoleEmailSender(TextWriter output) : IEmailSender
{
    /// <inheritdoc />
    public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default) =>
        output.WriteLineAsync($"[mail] to={to} subject=\"{subject}\"{Environment.NewLine}       {body}");
}
