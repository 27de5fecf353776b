using Shop.Services.Notifications;

namespace Shop.Tests.Fakes;

/// <summary>Keeps the text messages it was asked to send.</summary>
public sealed class RecordingSmsSender : ISmsSender
{
    public List<(string PhoneNumber, string Text)> Sent { get; } = [];

    public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken = default)
    {
        Sent.Add((phoneNumber, text));
        return Task.CompletedTask;
    }
}
