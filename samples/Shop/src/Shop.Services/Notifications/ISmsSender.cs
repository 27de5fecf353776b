namespace Shop.Services.Notifications;

/// <summary>Sends one text message; implemented by the infrastructure.</summary>
public interface ISmsSender
{
    /// <summary>Sends a text message of at most 160 characters.</summary>
    Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken = default);
}
