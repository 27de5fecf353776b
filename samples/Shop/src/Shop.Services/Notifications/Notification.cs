using Shop.Domain.Customers;

namespace Shop.Services.Notifications;

/// <summary>A message for one customer, independent of how it is delivered.</summary>
/// <param name="Recipient">Who gets it; channels pick the contact detail they need.</param>
/// <param name="Subject">A one-line summary (the e-mail subject; texts leave it out).</param>
/// <param name="Body">The message text.</param>
/// <param name="Urgent">Urgent messages also go out by text message when the customer has a phone number.</param>
public sealed record Notification(Customer Recipient, string Subject, string Body, bool Urgent = false);
