using Shop.Domain.Orders.Events;
using Shop.Services.Notifications;
using Shop.Tests.Fakes;
using static Shop.Tests.Fakes.TestData;

namespace Shop.Tests;

public sealed class NotificationTemplatesTests
{
    private static readonly Guid OrderId = new("a1899b55-2566-419d-bbdc-d5b74c71559c");

    [Fact]
    public void Confirmation_names_the_customer_and_the_total()
    {
        var customer = Customer("Ada");

        var notification = NotificationTemplates.OrderPlaced(customer, new OrderPlaced(OrderId, customer.Id, Eur(82.90m), 2, FixedClock.Default));

        Assert.Equal("Thank you for your order A1899B55", notification.Subject);
        Assert.Contains("Hello Ada", notification.Body);
        Assert.Contains("€82.90", notification.Body);
        Assert.False(notification.Urgent);
    }

    [Fact]
    public void Cancellations_are_urgent_and_go_out_by_sms_when_there_is_a_phone()
    {
        var withPhone = Customer("Hiroki", phone: "+81 90 0000 0000");
        var withoutPhone = Customer("Ada");
        var sms = new SmsNotificationChannel(new RecordingSmsSender());

        var a = NotificationTemplates.OrderCancelled(withPhone, new OrderCancelled(OrderId, withPhone.Id, "out of stock", FixedClock.Default));
        var b = NotificationTemplates.OrderCancelled(withoutPhone, new OrderCancelled(OrderId, withoutPhone.Id, "out of stock", FixedClock.Default));

        Assert.True(a.Urgent);
        Assert.True(sms.CanDeliver(a));
        Assert.False(sms.CanDeliver(b));
    }

    [Fact]
    public async Task Long_texts_are_cut_to_one_sms()
    {
        var sender = new RecordingSmsSender();
        var customer = Customer("Hiroki", phone: "+81 90 0000 0000");
        var notification = new Notification(customer, "subject", new string('x', 400), Urgent: true);

        await new SmsNotificationChannel(sender).DeliverAsync(notification);

        var text = Assert.Single(sender.Sent).Text;
        Assert.Equal(160, text.Length);
        Assert.EndsWith("…", text);
    }
}
