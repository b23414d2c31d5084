using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Lifecycle.Domain;
using CareLoop.Platform.Messaging;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CareLoop.Tests.Modules.Lifecycle.LifecycleTests;
using static CareLoop.Tests.Modules.Outreach.OutreachApi;

namespace CareLoop.Tests.Modules.Lifecycle;

/// <summary>
/// Lifecycle reminders and call-list attempts through the one contact policy (issue 9), on both providers and a fake
/// clock in Shanghai time: quiet hours, a public holiday and the daily cap each defer the day's reminder to the next
/// allowed slot, an opt-out drops it, each with its reason on the claim; a customer who opts out after their entry
/// joined a campaign is never called by it.
/// </summary>
public sealed class LifecycleContactPolicyTests
{
    [Theory, AllProviders]
    public async Task A_reminder_computed_at_night_waits_for_the_morning_and_two_runs_send_it_once(DatabaseKind kind)
    {
        var (app, clock) = await StartAsync(kind, Local(2026, 11, 24, 21, 30)); // a Tuesday evening
        await using var _ = app;
        var agent = await app.ApiAsAsync("agent");
        var (customer, _) = await CustomerWithUnitAsync(agent, "13900000201", "WP6000000201", "WP-RO600", new DateOnly(2026, 11, 24).AddDays(-85));

        await RunAsync(app);
        await RunAsync(app);
        var claim = await ClaimAsync(app, customer);
        var tonight = await DeliverAsync(app);
        clock.SetUtcNow(Local(2026, 11, 25, 9, 0));
        var morning = await DeliverAsync(app);
        await RunAsync(app); // the next day's run: the consumable was reminded already
        var again = await DeliverAsync(app);

        Assert.Equal(("deferred", "quietHours"), (claim.Status, claim.ReasonCode));
        var message = Assert.Single(await MessagesAsync(app, customer));
        Assert.Equal(Local(2026, 11, 25, 9, 0), message.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal((0, 1, 0), (tonight, morning, again));
        var sms = Assert.Single(app.Services.GetRequiredService<LocalSmsGateway>().Sent, s => s.PhoneE164 == "+8613900000201");
        Assert.Equal("SMS_CARELOOP_CONSUMABLE_REMINDER", sms.TemplateCode);
        Assert.Equal("PP棉滤芯", sms.TemplateParams["items"]);
        Assert.Equal("2026-11-29", sms.TemplateParams["dueDate"]);
        Assert.Equal("陈静201", sms.TemplateParams["customerName"]);
    }

    [Theory, AllProviders]
    public async Task A_reminder_due_on_a_public_holiday_waits_for_the_first_working_morning(DatabaseKind kind)
    {
        var (app, _) = await StartAsync(kind, Local(2026, 10, 3, 10, 0)); // National Day holiday, 10-01..10-07
        await using var __ = app;
        var agent = await app.ApiAsAsync("agent");
        var (customer, _) = await CustomerWithUnitAsync(agent, "13900000202", "WP6000000202", "WP-RO600", new DateOnly(2026, 10, 3).AddDays(-85));

        await RunAsync(app);

        var claim = await ClaimAsync(app, customer);
        Assert.Equal(("deferred", "holiday"), (claim.Status, claim.ReasonCode));
        Assert.Equal(Local(2026, 10, 8, 9, 0), Assert.Single(await MessagesAsync(app, customer)).GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(0, await DeliverAsync(app));
    }

    [Theory, AllProviders]
    public async Task A_customer_already_called_today_gets_the_reminder_tomorrow_morning(DatabaseKind kind)
    {
        var (app, _) = await StartAsync(kind, Local(2026, 11, 24, 10, 0));
        await using var __ = app;
        using var admin = await app.ApiAsAsync("admin");
        var (customer, _) = await CustomerWithUnitAsync(admin, "13900000203", "WP6000000203", "WP-RO600", new DateOnly(2026, 11, 24).AddDays(-85));
        var call = await admin.PostAsJsonAsync($"/api/v1/customers/{customer}/call-attempts", new { purpose = "marketing" });
        Assert.True((await call.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allowed").GetBoolean());

        await RunAsync(app);

        var claim = await ClaimAsync(app, customer);
        Assert.Equal(("deferred", "dailyCap"), (claim.Status, claim.ReasonCode)); // one unasked contact a day by default
        Assert.Equal(Local(2026, 11, 25, 9, 0), Assert.Single(await MessagesAsync(app, customer)).GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(0, await DeliverAsync(app));
    }

    [Theory, AllProviders]
    public async Task An_opted_out_customer_gets_no_reminder_and_a_campaign_that_had_them_before_the_opt_out_never_calls_them(DatabaseKind kind)
    {
        var (app, _) = await StartAsync(kind, Local(2026, 11, 24, 10, 0));
        await using var __ = app;
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        using var supervisor = await app.ApiAsAsync("supervisor");
        var today = new DateOnly(2026, 11, 24);
        var (remindee, _) = await CustomerWithUnitAsync(agent, "13900000204", "WP6000000204", "WP-RO600", today.AddDays(-85));
        var (callee, _) = await CustomerWithUnitAsync(agent, "13900000205", "WP6000000205", "WP-RO600", today.AddDays(-95));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/customers/{remindee}/opt-outs", new { purpose = "reminder", source = "短信退订" })).StatusCode);
        var campaign = await supervisor.PostAsJsonAsync("/api/v1/lifecycle/campaigns", new { name = "滤芯回访", dueWithinDays = 10, agents = new[] { await UserIdAsync(app, "agent") } });
        var campaignId = (await campaign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await RunAsync(app);

        // The reminder: dropped, with the reason on the claim and the message.
        var claim = await ClaimAsync(app, remindee);
        Assert.Equal(("dropped", "optedOut"), (claim.Status, claim.ReasonCode));
        Assert.Equal("dropped", Assert.Single(await MessagesAsync(app, remindee)).GetProperty("status").GetString());

        // The call list: the callee's entry joined the campaign; then they opt out of marketing calls.
        var entry = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/lifecycle/call-list?mine=true")).GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("customerId").GetGuid() == callee);
        Assert.Equal(campaignId, entry.GetProperty("campaignId").GetGuid());
        var id = entry.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/customers/{callee}/opt-outs", new { purpose = "marketing", source = "电话" })).StatusCode);

        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/lifecycle/call-list/{id}");
        Assert.False(view.GetProperty("contact").GetProperty("allowed").GetBoolean());
        Assert.Equal("optedOut", view.GetProperty("contact").GetProperty("reasonCode").GetString());
        var attempt = await agent.PostAsJsonAsync($"/api/v1/lifecycle/call-list/{id}/attempts", new { outcome = "informed", expectedVersion = view.GetProperty("version").GetInt64() });
        var refused = await ProblemAssert.IsProblemAsync(attempt, HttpStatusCode.UnprocessableEntity, "contact_refused");
        Assert.Equal("optedOut", refused.GetProperty("reasonCode").GetString());
        Assert.Contains("客户已退订", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var english = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/lifecycle/call-list/{id}/attempts")
        {
            Content = JsonContent.Create(new { outcome = "boughtOnline", expectedVersion = view.GetProperty("version").GetInt64() }),
        };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var refusedInEnglish = await ProblemAssert.IsProblemAsync(await agent.SendAsync(english), HttpStatusCode.UnprocessableEntity, "contact_refused");
        Assert.Contains("the customer opted out", refusedInEnglish.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Both refusals are on record; the customer was never contacted; the campaign counts nobody contacted.
        var after = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/lifecycle/call-list/{id}");
        Assert.Equal("open", after.GetProperty("entry").GetProperty("status").GetString(), ignoreCase: true);
        Assert.All(after.GetProperty("history").EnumerateArray(), a => Assert.Equal("optedOut", a.GetProperty("reasonCode").GetString()));
        Assert.Equal(2, after.GetProperty("history").GetArrayLength());
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{callee}/contact-history")).GetProperty("contacts").EnumerateArray());
        var progress = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/lifecycle/campaigns/{campaignId}");
        Assert.Equal((1, 0, 0, 0, 0L), (progress.GetProperty("entries").GetInt32(), progress.GetProperty("contacted").GetInt32(), progress.GetProperty("reached").GetInt32(),
            progress.GetProperty("bought").GetInt32(), progress.GetProperty("revenueFen").GetInt64()));
    }

    private static Task<ReminderDispatch> ClaimAsync(CareLoopApp app, Guid customer) =>
        app.DbAsync("demo-brand", db => db.Set<ReminderDispatch>().SingleAsync(r => r.CustomerId == customer && r.DedupKey.StartsWith("reminder:")));

    private static async Task<List<JsonElement>> MessagesAsync(CareLoopApp app, Guid customer)
    {
        using var admin = await app.ApiAsAsync("admin");
        return (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/contact-history")).GetProperty("messages").EnumerateArray().ToList();
    }
}
