using Shop.Services.Notifications;

namespace Shop.Tests.Fakes;

/// <summary>Keeps the e-mails it was asked to send; can be told to fail.</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    public List<(string To, string Subject, string Body)> Sent { get; } = [];

    public bool Fail { get; set; }

    public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        if (Fail)
        {
            throw new IOException("mail server unreachable");
        }

        Sent.Add((to, subject, body));
        return Task.CompletedTask;
    }
}
