using Shop.Services.Notifications;

namespace Shop.Infrastructure.Messaging;

/// <summary>Writes text messages to a text writer instead of sending them.</summary>
public sealed class ConsoleSmsSender(TextWriter output) : ISmsSender
{
    /// <inheritdoc />
    public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken = default) =>
        output.WriteLineAsync($"[sms] to={phoneNumber} {text}");
}
