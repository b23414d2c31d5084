using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Outreach.Ports;
using CareLoop.Platform.Messaging;
using CareLoop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CareLoop.Tests.Modules.Customers.CustomerApi;
using static CareLoop.Tests.Modules.Outreach.OutreachApi;

namespace CareLoop.Tests.Modules.Outreach;

/// <summary>
/// The contact policy (issue 9) through the API on both providers, on a fake clock in Shanghai time: hours, holidays,
/// caps, opt-out, channel fallback and de-duplication, and the delivery job sending what the policy allows.
/// </summary>
public sealed class ContactPolicyTests
{
    [Theory, AllProviders]
    public async Task A_reminder_at_night_waits_for_the_next_morning_and_then_goes_out_once(DatabaseKind kind)
    {
        var (app, clock) = await StartAsync(kind, Local(2026, 11, 24, 21, 30)); // a Tuesday evening
        await using var _ = app;
        using var admin = await app.ApiAsAsync("admin");
        await TemplatesAsync(admin);
        var li = await CustomerIdAsync(admin, Li);

        var receipt = await SendAsync(admin, li, "reminder", "night-1");
        var nothingYet = await DeliverAsync(app);
        clock.SetUtcNow(Local(2026, 11, 25, 9, 0));
        var morning = await DeliverAsync(app);
        var again = await DeliverAsync(app);

        Assert.Equal("deferred", Status(receipt));
        Assert.Equal("quietHours", Reason(receipt));
        Assert.Equal(Local(2026, 11, 25, 9, 0), DeferredUntil(receipt));
        Assert.Equal(0, nothingYet);
        Assert.Equal(1, morning);
        Assert.Equal(0, again);
        var sms = app.Services.GetRequiredService<LocalSmsGateway>().Sent.Single();
        Assert.Equal("+8615012345602", sms.PhoneE164);
        Assert.Equal("SMS_FILTER_DUE", sms.TemplateCode);
        Assert.Equal("PP棉滤芯、RO膜", sms.TemplateParams["items"]);
        using var later = await app.ApiAsAsync("admin");
        var history = await later.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{li}/contact-history");
        var message = history.GetProperty("messages").EnumerateArray().Single();
        Assert.Equal("sent", message.GetProperty("status").GetString());
        var outbox = await (await later.GetAsync("/api/v1/outreach/messages?status=sent")).Content.ReadAsStringAsync();
        Assert.Contains("SMS_FILTER_DUE", outbox);
        Assert.DoesNotContain("15012345602", outbox); // the wire body kept for the outbox masks the number
        Assert.Single(history.GetProperty("contacts").EnumerateArray());
    }

    [Theory, AllProviders]
    public async Task A_public_holiday_defers_a_reminder_to_the_next_working_day_but_not_a_service_notice(DatabaseKind kind)
    {
        var (app, _) = await StartAsync(kind, Local(2026, 10, 3, 10, 0)); // National Day holiday, 10-01..10-07
        await using var __ = app;
        using var admin = await app.ApiAsAsync("admin");
        await TemplatesAsync(admin);
        var li = await CustomerIdAsync(admin, Li);

        var reminder = await SendAsync(admin, li, "reminder", "holiday-1");
        var service = await SendAsync(admin, li, "service", "holiday-service-1");
        var policy = await PolicyAsync(admin);

        Assert.Equal("deferred", Status(reminder));
        Assert.Equal("holiday", Reason(reminder));
        Assert.Equal(Local(2026, 10, 8, 9, 0), DeferredUntil(reminder));
        Assert.Equal("queued", Status(service));
        Assert.Equal(["09:00-20:00"], policy.GetProperty("allowedHours").Deserialize<string[]>()!);
        Assert.Contains("2026-10-01", policy.GetProperty("noContactDates").Deserialize<string[]>()!);
        Assert.Contains("2027-02-06", policy.GetProperty("noContactDates").Deserialize<string[]>()!);
    }

    [Theory, AllProviders]
    public async Task Daily_weekly_and_call_attempt_caps_each_block_and_defer(DatabaseKind kind)
    {
        var (app, _) = await StartAsync(kind, Local(2026, 11, 23, 10, 0)); // Monday
        await using var __ = app;
        using var admin = await app.ApiAsAsync("admin");
        await TemplatesAsync(admin);
        var li = await CustomerIdAsync(admin, Li);
        var zhang = await CustomerIdAsync(admin, Zhang);

        // Daily: one unasked contact a day; a marketing message after a reminder waits for tomorrow morning.
        var first = await SendAsync(admin, li, "reminder", "cap-1");
        var second = await SendAsync(admin, li, "marketing", "cap-2", template: "promo");
        var callSameDay = await (await admin.PostAsJsonAsync($"/api/v1/customers/{li}/call-attempts", new { purpose = "marketing" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("queued", Status(first));
        Assert.Equal("deferred", Status(second));
        Assert.Equal("dailyCap", Reason(second));
        Assert.Equal(Local(2026, 11, 24, 9, 0), DeferredUntil(second));
        Assert.False(callSameDay.GetProperty("allowed").GetBoolean());
        Assert.Equal("dailyCap", callSameDay.GetProperty("reasonCode").GetString());

        // Weekly: three a week, the fourth waits for next Monday.
        Assert.Equal(HttpStatusCode.OK, (await PutPolicyAsync(admin, perDay: 10, perWeek: 3)).StatusCode);
        var third = await SendAsync(admin, li, "reminder", "cap-3");
        var fourth = await SendAsync(admin, li, "reminder", "cap-4");
        Assert.Equal("queued", Status(third));
        Assert.Equal("deferred", Status(fourth));
        Assert.Equal("weeklyCap", Reason(fourth));
        Assert.Equal(Local(2026, 11, 30, 9, 0), DeferredUntil(fourth));

        // Call attempts: five a day (one contact together), the sixth is refused until tomorrow.
        var attempts = new List<JsonElement>();
        for (var i = 0; i < 6; i++)
        {
            var response = await admin.PostAsJsonAsync($"/api/v1/customers/{zhang}/call-attempts", new { purpose = "reminder" });
            attempts.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        Assert.All(attempts.Take(5), a => Assert.True(a.GetProperty("allowed").GetBoolean()));
        Assert.All(attempts.Take(5), a => Assert.Equal("phone", a.GetProperty("channel").GetString()));
        Assert.False(attempts[5].GetProperty("allowed").GetBoolean());
        Assert.Equal("callAttemptCap", attempts[5].GetProperty("reasonCode").GetString());
        Assert.Equal(Local(2026, 11, 24, 9, 0), attempts[5].GetProperty("deferredUntil").GetDateTimeOffset());
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{zhang}/contact-history");
        Assert.Equal(5, history.GetProperty("contacts").GetArrayLength());
    }

    [Theory, AllProviders]
    public async Task An_opted_out_customer_is_never_contacted_even_by_messages_queued_before_until_the_opt_out_expires(DatabaseKind kind)
    {
        var (app, clock) = await StartAsync(kind, Local(2026, 11, 24, 21, 0));
        await using var __ = app;
        using var admin = await app.ApiAsAsync("admin");
        await TemplatesAsync(admin);
        var li = await CustomerIdAsync(admin, Li);
        var campaign = Guid.NewGuid();

        var queuedBefore = await admin.PostAsJsonAsync("/api/v1/outreach/messages", new
        {
            customerId = li, purpose = "marketing", templateKey = "promo", dedupKey = "campaign-1:" + li, campaignId = campaign,
            parameters = new Dictionary<string, string> { ["customerName"] = "李娜", ["price"] = "99" },
        });
        var before = await queuedBefore.Content.ReadFromJsonAsync<JsonElement>();
        var optOut = await admin.PostAsJsonAsync($"/api/v1/customers/{li}/opt-outs", new { purpose = "reminder", until = Local(2026, 12, 1, 0, 0), source = "电话" });
        clock.SetUtcNow(Local(2026, 11, 25, 10, 0));
        var delivered = await DeliverAsync(app);
        using var nextDay = await app.ApiAsAsync("admin");
        var during = await SendAsync(nextDay, li, "reminder", "after-opt-out");
        var service = await SendAsync(nextDay, li, "service", "service-after-opt-out");
        clock.SetUtcNow(Local(2026, 12, 2, 10, 0));
        using var afterExpiry = await app.ApiAsAsync("admin");
        var lifted = await SendAsync(afterExpiry, li, "reminder", "after-expiry");
        var history = await afterExpiry.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{li}/contact-history");

        Assert.Equal("deferred", Status(before));
        Assert.Equal(HttpStatusCode.NoContent, optOut.StatusCode);
        Assert.Equal(0, delivered);
        Assert.DoesNotContain(app.Services.GetRequiredService<LocalSmsGateway>().Sent, s => s.TemplateCode == "SMS_PROMO");
        var campaignMessage = history.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("dedupKey").GetString() == "campaign-1:" + li);
        Assert.Equal("dropped", campaignMessage.GetProperty("status").GetString());
        Assert.Equal("optedOut", campaignMessage.GetProperty("reasonCode").GetString());
        Assert.Equal("dropped", Status(during));
        Assert.Equal("optedOut", Reason(during));
        Assert.Equal("queued", Status(service)); // an opt-out of reminders leaves what the customer asked for
        Assert.Equal("queued", Status(lifted));
        Assert.False(history.GetProperty("optOuts")[0].GetProperty("active").GetBoolean());
    }

    [Theory, AllProviders]
    public async Task Elderly_customers_are_phoned_followers_get_WeChat_and_the_rest_SMS(DatabaseKind kind)
    {
        var (app, _) = await StartAsync(kind, Local(2026, 11, 24, 10, 0));
        await using var __ = app;
        using var admin = await app.ApiAsAsync("admin");
        await TemplatesAsync(admin);
        var wang = await CustomerIdAsync(admin, Wang);
        var liu = await CustomerIdAsync(admin, Liu);
        var zhang = await CustomerIdAsync(admin, Zhang);

        var elderly = await SendAsync(admin, wang, "reminder", "channel-wang", channel: "weChat");
        var follower = await SendAsync(admin, liu, "reminder", "channel-liu");
        var noOpenId = await SendAsync(admin, zhang, "reminder", "channel-zhang", channel: "weChat");
        var sent = await DeliverAsync(app);

        Assert.Equal("callRequired", Status(elderly));
        Assert.Equal("phone", elderly.GetProperty("channel").GetString());
        Assert.Equal("weChat", follower.GetProperty("channel").GetString());
        Assert.Equal("sms", noOpenId.GetProperty("channel").GetString());
        Assert.Equal(2, sent);
        var body = JsonDocument.Parse(app.Services.GetRequiredService<LocalWeChatTemplateMessages>().Sent.Single().Body).RootElement;
        Assert.Equal("oDemo-LiuYang-0001", body.GetProperty("touser").GetString());
        Assert.Equal("wx-tpl-filter", body.GetProperty("template_id").GetString());
        Assert.Equal("https://m.example.com/due?d=2026-12-01", body.GetProperty("url").GetString());
        Assert.Equal("PP棉滤芯、RO膜", body.GetProperty("data").GetProperty("items").GetProperty("value").GetString());
        Assert.Equal("+8613812345678", app.Services.GetRequiredService<LocalSmsGateway>().Sent.Single().PhoneE164);
    }

    [Theory, AllProviders]
    public async Task The_same_dedup_key_sent_twice_or_at_once_is_stored_and_sent_once(DatabaseKind kind)
    {
        var (app, _) = await StartAsync(kind, Local(2026, 11, 24, 10, 0));
        await using var __ = app;
        using var admin = await app.ApiAsAsync("admin");
        await TemplatesAsync(admin);
        var li = await CustomerIdAsync(admin, Li);
        var key = $"reminder:{li}:2026-11-24";

        var first = await SendAsync(admin, li, "reminder", key);
        var again = await SendAsync(admin, li, "reminder", key);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SendAsync(admin, li, "reminder", key + "-burst")));
        var runs = await Task.WhenAll(DeliverAsync(app), DeliverAsync(app));
        var afterwards = await DeliverAsync(app);

        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("messageId").GetGuid(), again.GetProperty("messageId").GetGuid());
        Assert.Single(concurrent.Select(r => r.GetProperty("messageId").GetGuid()).Distinct());
        Assert.Single(concurrent, r => !r.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, runs.Sum()); // the burst message waits for tomorrow (daily cap): only the first is sent, by one of the runs
        Assert.Equal(0, afterwards);
        Assert.Single(app.Services.GetRequiredService<LocalSmsGateway>().Sent);
        var messages = await admin.GetFromJsonAsync<JsonElement>("/api/v1/outreach/messages");
        Assert.Equal(2, messages.GetArrayLength());
    }

    [Theory, AllProviders]
    public async Task Templates_with_unknown_placeholders_and_inverted_or_overlapping_hours_are_refused(DatabaseKind kind)
    {
        var (app, _) = await StartAsync(kind, Local(2026, 11, 24, 10, 0));
        await using var __ = app;
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");

        var unknown = await admin.PostAsJsonAsync("/api/v1/outreach/templates",
            new { key = "bad", channel = "sms", text = "{customerName}您好，{coupon} 和 {foo} 送给您", providerTemplateId = "SMS_X" });
        var inverted = await PutPolicyAsync(admin, ["20:00-09:00"]);
        var overlapping = await PutPolicyAsync(admin, ["09:00-12:00", "11:00-14:00"]);
        var byAgent = await PutPolicyAsync(agent, ["09:00-12:00"]);
        var split = await PutPolicyAsync(admin, ["14:00-20:00", "09:00-12:00"]);

        var problem = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["text:unknown_placeholder"], Fields(problem));
        Assert.Contains("{coupon}, {foo}", problem.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(["allowedHours[0]:ends_before_start"], Fields(await ProblemAssert.IsProblemAsync(inverted, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["allowedHours[1]:hours_overlap"], Fields(await ProblemAssert.IsProblemAsync(overlapping, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        Assert.Equal(["09:00-12:00", "14:00-20:00"], (await PolicyAsync(admin)).GetProperty("allowedHours").Deserialize<string[]>()!);
    }
}
