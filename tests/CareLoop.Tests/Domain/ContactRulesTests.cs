using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Modules.Outreach.Domain;

namespace CareLoop.Tests.Domain;

/// <summary>The contact policy as a pure function (docs/adr/0026): evaluation order, deferral, what counts.</summary>
public sealed class ContactRulesTests
{
    private static readonly CustomerContactProfile Customer = new(Guid.NewGuid(), "李娜", true, "sms", true, true, false, null, false, false, null);

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private static ContactFacts Facts(CustomerContactProfile? customer = null, IReadOnlyList<CountedContact>? contacts = null, IReadOnlyList<ContactOptOut>? optOuts = null) =>
        new(ContactPolicySettings.Defaults(Guid.NewGuid()), customer ?? Customer, optOuts ?? [], contacts ?? []);

    [Fact]
    public void An_evening_before_a_holiday_defers_past_the_whole_holiday()
    {
        var decision = ContactRules.Decide(Facts(), ContactPurpose.Reminder, ContactChannel.Sms, Local(9, 30, 20, 30));

        Assert.Equal("quietHours", decision.ReasonCode);
        Assert.Equal(Local(10, 8, 9, 0), decision.DeferredUntil);
    }

    [Fact]
    public void A_service_notice_keeps_to_the_hours_but_not_to_holidays_or_caps()
    {
        var sentToday = new[] { new CountedContact(Local(10, 3, 9, 30), ContactPurpose.Reminder, ContactChannel.Sms) };

        Assert.True(ContactRules.Decide(Facts(contacts: sentToday), ContactPurpose.Service, ContactChannel.Sms, Local(10, 3, 10, 0)).Allowed);
        Assert.Equal("quietHours", ContactRules.Decide(Facts(), ContactPurpose.Service, ContactChannel.Sms, Local(10, 3, 22, 0)).ReasonCode);
    }

    [Fact]
    public void A_days_call_attempts_are_one_contact_and_a_retry_passes_the_daily_cap()
    {
        var calls = new[] { new CountedContact(Local(11, 24, 10, 0), ContactPurpose.Marketing, ContactChannel.Phone) };

        Assert.True(ContactRules.Decide(Facts(contacts: calls), ContactPurpose.Marketing, ContactChannel.Phone, Local(11, 24, 15, 0)).Allowed);
        Assert.Equal("dailyCap", ContactRules.Decide(Facts(contacts: calls), ContactPurpose.Reminder, ContactChannel.Sms, Local(11, 24, 15, 0)).ReasonCode);
    }

    [Fact]
    public void An_opt_out_of_reminders_also_stops_marketing_and_drops_instead_of_deferring()
    {
        var optOut = ContactOptOut.Record(Customer.Id, ContactPurpose.Reminder, Local(11, 1, 9), null, "电话");

        var marketing = ContactRules.Decide(Facts(optOuts: [optOut]), ContactPurpose.Marketing, ContactChannel.Sms, Local(11, 24, 10));
        var service = ContactRules.Decide(Facts(optOuts: [optOut]), ContactPurpose.Service, ContactChannel.Sms, Local(11, 24, 10));

        Assert.Equal(new ContactDecision(false, null, null, "optedOut"), marketing);
        Assert.True(service.Allowed);
    }

    [Fact]
    public void Do_not_disturb_until_a_date_defers_to_it_and_for_good_drops()
    {
        var until = Local(11, 26, 14, 0);
        var briefly = ContactRules.Decide(Facts(Customer with { DoNotDisturbUntil = until }), ContactPurpose.Reminder, ContactChannel.Sms, Local(11, 24, 10));
        var forGood = ContactRules.Decide(Facts(Customer with { DoNotDisturbUntil = DateTimeOffset.MaxValue }), ContactPurpose.Reminder, ContactChannel.Sms, Local(11, 24, 10));

        Assert.Equal(("doNotDisturb", (DateTimeOffset?)until), (briefly.ReasonCode, briefly.DeferredUntil));
        Assert.Equal(("doNotDisturb", (DateTimeOffset?)null), (forGood.ReasonCode, forGood.DeferredUntil));
    }

    [Theory]
    [InlineData(false, false, "oid", true, ContactChannel.WeChat, ContactChannel.WeChat)]
    [InlineData(false, false, null, true, ContactChannel.WeChat, ContactChannel.Sms)]
    [InlineData(false, false, "oid", false, ContactChannel.WeChat, ContactChannel.Sms)]
    [InlineData(true, false, "oid", true, ContactChannel.WeChat, ContactChannel.Phone)]
    [InlineData(false, true, null, false, ContactChannel.Sms, ContactChannel.Phone)]
    public void The_channel_falls_back_by_what_the_customer_can_receive(bool elderly, bool noSmartphone, string? openId, bool weChatConsent, ContactChannel asked, ContactChannel expected) =>
        Assert.Equal(expected, ContactRules.ResolveChannel(Customer with { Elderly = elderly, NoSmartphone = noSmartphone, WeChatOpenId = openId, ConsentWeChat = weChatConsent }, asked));

    [Fact]
    public void Inverted_and_overlapping_windows_are_told_apart()
    {
        Assert.True(ContactWindow.TryParse("20:00-09:00", out var inverted) && inverted.IsInverted);
        Assert.True(ContactWindow.TryParse("09:00-12:00", out var morning));
        Assert.True(ContactWindow.TryParse("11:30-14:00", out var noon));
        Assert.True(morning.Overlaps(noon));
        Assert.True(ContactWindow.TryParse("12:00-14:00", out var adjacent) && !morning.Overlaps(adjacent));
        Assert.False(ContactWindow.TryParse("9点-12点", out _));
    }

    [Fact]
    public void The_daily_dedup_key_groups_a_customers_items_of_one_day()
    {
        var customer = Guid.Parse("0196a1b2-0000-7000-8000-000000000001");

        Assert.Equal("reminder:0196a1b2000070008000000000000001:2026-11-24", OutreachDedup.Daily(customer, ContactPurpose.Reminder, new DateOnly(2026, 11, 24)));
        Assert.Equal("PP棉滤芯、RO膜", OutreachDedup.JoinItems(["RO膜", "PP棉滤芯", "RO膜"]));
    }
}
