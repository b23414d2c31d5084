using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Lifecycle.Domain;
using CareLoop.Modules.Lifecycle.Features.Reminders;
using CareLoop.Modules.Lifecycle.Features.Schedules;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Tenancy;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CareLoop.Tests.Modules.Lifecycle;

/// <summary>
/// Lifecycle schedules, the daily run and the call list (issue 9) through <c>/api/v1/lifecycle</c>, on a fake clock:
/// Tuesday 24 November 2026, 10:00 in Shanghai. The demo water purifier WP-RO600 has PP cotton every 90 days
/// (¥59.00) and an RO membrane every 720 days; the robot vacuum RV-X20 a HEPA filter every 90 days.
/// How the contact policy blocks lifecycle reminders and calls is in <see cref="LifecycleContactPolicyTests"/>.
/// </summary>
public sealed class LifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly Today = new(2026, 11, 24);

    [Theory, AllProviders]
    public async Task Due_dates_start_at_installation_with_tips_and_the_warranty_milestone_and_restart_on_a_purchase_or_the_customers_word(DatabaseKind kind)
    {
        var (app, clock) = await StartAsync(kind);
        await using var _ = app;
        var agent = await app.ApiAsAsync("agent");
        var (_, unit) = await CustomerWithUnitAsync(agent, "13900000101", "WP6000000101", "WP-RO600", Today.AddDays(-10));
        await RunAsync(app);

        var schedule = await ScheduleAsync(agent, unit);
        Assert.Equal(Today.AddDays(80), Due(schedule, "PP-COTTON"));
        Assert.Equal(Today.AddDays(710), Due(schedule, "RO-MEMBRANE"));
        Assert.Equal(Today.AddDays(-7), Due(schedule, "lifecycle.tip.3"));
        Assert.Equal(Today.AddDays(4), Due(schedule, "lifecycle.tip.14"));
        // Warranty: 12 months from the purchase (invoice) date, the last day the day before; the message 30 days earlier.
        Assert.Equal(Today.AddDays(-10).AddMonths(12).AddDays(-1).AddDays(-30), Due(schedule, "lifecycle.warranty.30"));

        // A purchase, then the customer's word: each restarts its consumable from the day it happened.
        clock.Advance(TimeSpan.FromDays(20));
        agent = await app.ApiAsAsync("agent"); // tokens live hours, not weeks
        var bought = await agent.PostAsJsonAsync($"/api/v1/lifecycle/units/{unit}/replacements", new { consumableCode = "pp-cotton", source = "purchase" });
        Assert.Equal(HttpStatusCode.OK, bought.StatusCode);
        Assert.Equal(Today.AddDays(20 + 90), Due(await bought.Content.ReadFromJsonAsync<JsonElement>(), "PP-COTTON"));
        var said = await agent.PostAsJsonAsync($"/api/v1/lifecycle/units/{unit}/replacements", new { consumableCode = "RO-MEMBRANE", source = "customerSaid", on = Today.AddDays(15) });
        Assert.Equal(Today.AddDays(15 + 720), Due(await said.Content.ReadFromJsonAsync<JsonElement>(), "RO-MEMBRANE"));
        var wrong = await agent.PostAsJsonAsync($"/api/v1/lifecycle/units/{unit}/replacements", new { consumableCode = "NOPE", source = "workOrder", on = Today.AddDays(40) });
        Assert.Equal(["consumableCode:unknown_consumable", "on:in_future", "source:invalid_format"], Fields(await wrong.Content.ReadFromJsonAsync<JsonElement>()).Order().ToArray());

        Assert.Contains(app.Services.GetServices<OutboxSubscription>(), s => s.Event == typeof(WorkOrderTransitioned) && s.Handler == typeof(ReplacementOnCompletion));
    }

    [Theory, AllProviders]
    public async Task One_reminder_covers_every_item_of_a_customer_and_running_again_or_on_two_nodes_sends_nothing_more(DatabaseKind kind)
    {
        var (app, _) = await StartAsync(kind);
        await using var __ = app;
        using var agent = await app.ApiAsAsync("agent");
        var (customer, _) = await CustomerWithUnitAsync(agent, "13900000102", "WP6000000102", "WP-RO600", Today.AddDays(-85)); // PP cotton due in 5 days
        await RegisterAsync(agent, customer, "RVX2000000102", "RV-X20", Today.AddDays(-86)); // HEPA due in 4 days

        var first = await RunAsync(app);
        var second = await RunAsync(app);
        // Two nodes at once: the claim's unique key lets one of them send.
        var parallel = await Task.WhenAll(RunInScopeAsync(app), RunInScopeAsync(app));

        var claims = await app.DbAsync("demo-brand", db => db.Set<ReminderDispatch>().Where(r => r.CustomerId == customer).ToListAsync());
        var claim = Assert.Single(claims);
        Assert.Equal($"reminder:{customer:N}:2026-11-24", claim.DedupKey);
        Assert.Equal(2, claim.ItemCount);
        Assert.Contains("PP棉滤芯", claim.Items);
        Assert.Contains("HEPA滤网", claim.Items);
        Assert.Equal("queued", claim.Status); // Outreach queues it; its delivery job sends it in the allowed hours
        Assert.True(first.GetProperty("remindersSent").GetInt32() >= 1);
        Assert.Equal(0, second.GetProperty("remindersSent").GetInt32());
        Assert.All(parallel, r => Assert.Equal(0, r.RemindersSent));
        var states = await app.DbAsync("demo-brand", db => db.Set<LifecycleSchedule>()
            .Where(s => s.CustomerId == customer && s.Kind == ScheduleKind.Consumable && s.DueOn <= Today.AddDays(7)).Select(s => s.State).ToListAsync());
        Assert.Equal([ScheduleState.Reminded, ScheduleState.Reminded], states);
        // Nothing of this customer is on the call list yet: nothing is past due.
        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.Set<CallListEntry>().CountAsync(e => e.CustomerId == customer)));
    }

    [Theory, AllProviders]
    public async Task A_day_90_unit_enters_the_call_list_and_engineer_will_bring_it_opens_a_maintenance_order_whose_completion_restarts_the_interval(DatabaseKind kind)
    {
        var (app, clock) = await StartAsync(kind);
        await using var __ = app;
        var agent = await app.ApiAsAsync("agent");
        using var supervisor = await app.ApiAsAsync("supervisor");
        var (customer, unit) = await CustomerWithUnitAsync(agent, "13900000103", "WP6000000103", "WP-RO600", Today.AddDays(-90));
        var agentId = await UserIdAsync(app, "agent");
        var campaign = await supervisor.PostAsJsonAsync("/api/v1/lifecycle/campaigns", new { name = "净水器滤芯回访", regionPrefix = "3205", warranty = "any", agents = new[] { agentId } });
        Assert.Equal(HttpStatusCode.Created, campaign.StatusCode);
        var campaignId = (await campaign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // The unit's reminder a week before went out today too: allow a second contact a day, so the call is not capped.
        using (var admin = await app.ApiAsAsync("admin"))
        {
            var policy = await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/contact-policy");
            (await admin.PutAsJsonAsync("/api/v1/settings/contact-policy", new
            {
                allowedHours = new[] { "09:00-20:00" }, noContactDates = Array.Empty<string>(), unsolicitedPerDay = 2, unsolicitedPerWeek = 5, callAttemptsPerDay = 5,
                timeZone = "Asia/Shanghai", version = policy.GetProperty("version").GetInt64(),
            })).EnsureSuccessStatusCode();
        }

        await RunAsync(app);

        var list = await agent.GetFromJsonAsync<JsonElement>("/api/v1/lifecycle/call-list?mine=true");
        var row = list.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("customerId").GetGuid() == customer);
        Assert.Equal("PP-COTTON", row.GetProperty("consumableCode").GetString());
        Assert.Equal(0, row.GetProperty("daysOverdue").GetInt32());
        Assert.Equal(campaignId, row.GetProperty("campaignId").GetGuid());
        var id = row.GetProperty("id").GetGuid();
        var entry = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/lifecycle/call-list/{id}");
        Assert.Equal(5900, entry.GetProperty("priceFen").GetInt64());
        Assert.Contains("****", entry.GetProperty("customer").GetProperty("maskedPhone").GetString());
        Assert.Contains("¥59.00", entry.GetProperty("script").GetString());
        Assert.True(entry.GetProperty("contact").GetProperty("allowed").GetBoolean(), entry.GetProperty("contact").ToString());

        var missing = await agent.PostAsJsonAsync($"/api/v1/lifecycle/call-list/{id}/attempts", new { expectedVersion = entry.GetProperty("version").GetInt64() });
        Assert.Equal(["outcome:required"], Fields(await missing.Content.ReadFromJsonAsync<JsonElement>()));
        var sale = await agent.PostAsJsonAsync($"/api/v1/lifecycle/call-list/{id}/attempts",
            new { outcome = "engineerWillBring", note = "周六上午", expectedVersion = entry.GetProperty("version").GetInt64() });
        Assert.Equal(HttpStatusCode.OK, sale.StatusCode);
        var result = await sale.Content.ReadFromJsonAsync<JsonElement>();
        var orderId = result.GetProperty("workOrder").GetProperty("id").GetGuid();
        var order = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{orderId}");
        Assert.Equal("maintenance", order.GetProperty("kind").GetString(), ignoreCase: true);
        Assert.Equal(unit, order.GetProperty("unitId").GetGuid());
        var charges = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{orderId}/charges");
        var line = Assert.Single(charges.GetProperty("lines").EnumerateArray());
        Assert.Equal("PP棉滤芯 [PP-COTTON]", line.GetProperty("description").GetString());
        Assert.Equal(5900, line.GetProperty("unitPriceFen").GetInt64());
        Assert.False(line.GetProperty("covered").GetBoolean());
        Assert.Equal("closed", result.GetProperty("entry").GetProperty("entry").GetProperty("status").GetString(), ignoreCase: true);

        // The schedule waits for the order; the entry is off the list; the campaign counts the sale.
        Assert.Equal("ordered", (await ScheduleAsync(agent, unit)).EnumerateArray().Single(s => s.GetProperty("itemKey").GetString() == "PP-COTTON").GetProperty("state").GetString(), ignoreCase: true);
        Assert.DoesNotContain((await agent.GetFromJsonAsync<JsonElement>("/api/v1/lifecycle/call-list")).GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
        var progress = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/lifecycle/campaigns/{campaignId}");
        Assert.Equal(1, progress.GetProperty("contacted").GetInt32());
        Assert.Equal(1, progress.GetProperty("reached").GetInt32());
        Assert.Equal(1, progress.GetProperty("bought").GetInt32());
        Assert.Equal(5900, progress.GetProperty("revenueFen").GetInt64());
        Assert.Equal(0, progress.GetProperty("optOuts").GetInt32());

        // A second run the same day does not list it again.
        await RunAsync(app);
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.Set<CallListEntry>().CountAsync(e => e.CustomerId == customer)));

        // The engineer completes the order that carried the PP cotton five days later: the interval restarts on that day.
        clock.Advance(TimeSpan.FromDays(5));
        agent = await app.ApiAsAsync("agent");
        await app.InTenantAsync(async sp =>
        {
            await sp.GetRequiredService<ReplacementOnCompletion>().HandleAsync(
                new WorkOrderTransitioned(orderId, order.GetProperty("number").GetString()!, "complete", WorkOrderState.OnSite, WorkOrderState.Completed, null, null, false),
                new OutboxContext(Guid.NewGuid(), Guid.Empty, Now, 1), default);
            return 0;
        });
        var reset = (await ScheduleAsync(agent, unit)).EnumerateArray().Single(s => s.GetProperty("itemKey").GetString() == "PP-COTTON");
        Assert.Equal(Today.AddDays(5 + 90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reset.GetProperty("dueOn").GetString());
        Assert.Equal("workOrder", reset.GetProperty("lastReplacedBy").GetString());
    }

    [Theory, AllProviders]
    public async Task Unreachable_is_retried_the_next_day_and_opt_out_goes_to_the_contact_policy(DatabaseKind kind)
    {
        var (app, clock) = await StartAsync(kind);
        await using var __ = app;
        var agent = await app.ApiAsAsync("agent");
        var (customer, _) = await CustomerWithUnitAsync(agent, "13900000104", "WP6000000104", "WP-RO600", Today.AddDays(-95));
        await RunAsync(app);
        var id = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/lifecycle/call-list")).GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("customerId").GetGuid() == customer).GetProperty("id").GetGuid();

        var first = await AttemptAsync(agent, id, "unreachable");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.DoesNotContain((await agent.GetFromJsonAsync<JsonElement>("/api/v1/lifecycle/call-list")).GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
        clock.Advance(TimeSpan.FromDays(1));
        agent = await app.ApiAsAsync("agent");
        Assert.Contains((await agent.GetFromJsonAsync<JsonElement>("/api/v1/lifecycle/call-list")).GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);

        Assert.Equal(HttpStatusCode.OK, (await AttemptAsync(agent, id, "optOut")).StatusCode);
        var after = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/lifecycle/call-list/{id}");
        Assert.False(after.GetProperty("contact").GetProperty("allowed").GetBoolean());
        Assert.Equal(2, after.GetProperty("history").GetArrayLength());
        await ProblemAssert.IsProblemAsync(await AttemptAsync(agent, id, "informed"), HttpStatusCode.Conflict, "entry_closed");
    }

    [Theory, AllProviders]
    public async Task Lifecycle_templates_live_in_the_outreach_store_where_zero_days_unknown_keys_and_placeholders_it_cannot_fill_are_refused(DatabaseKind kind)
    {
        var (app, _) = await StartAsync(kind);
        await using var __ = app;
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        var (_, unit) = await CustomerWithUnitAsync(agent, "13900000105", "WP6000000105", "WP-RO600", Today.AddDays(-10));
        await RunAsync(app);

        // The first run registered the defaults in the one template store; the lifecycle API has no templates of its own.
        var keys = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/outreach/templates")).EnumerateArray().Select(t => t.GetProperty("key").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "lifecycle.reminder.7", "lifecycle.warranty.30", "lifecycle.tip.3", "lifecycle.tip.14" }, keys.ToHashSet());

        var zero = await SaveTemplateAsync(admin, "lifecycle.tip.0", "{customerName}您好");
        Assert.Equal(["key:lifecycle_template_days"], Fields(await zero.Content.ReadFromJsonAsync<JsonElement>()));
        var unknownKey = await SaveTemplateAsync(admin, "lifecycle.birthday.1", "{customerName}生日快乐");
        var keyProblem = await unknownKey.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["key:lifecycle_template_key"], Fields(keyProblem));
        Assert.Contains("lifecycle.tip.{days}", keyProblem.GetProperty("errors")[0].GetProperty("message").GetString());
        var coupon = await SaveTemplateAsync(admin, "lifecycle.tip.30", "{customerName}，送您{coupon}");
        var couponProblem = await ProblemAssert.IsProblemAsync(coupon, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["text:unknown_placeholder"], Fields(couponProblem));
        Assert.Contains("{coupon}", couponProblem.GetProperty("errors")[0].GetProperty("message").GetString());
        // {model} is a placeholder Outreach knows, but a tip does not fill it: refused, offering what a tip has.
        var model = await SaveTemplateAsync(admin, "lifecycle.tip.30", "{customerName}，{model}用了一个月啦");
        var modelProblem = await model.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["text:unknown_placeholder"], Fields(modelProblem));
        Assert.Contains("{customerName} {days}", modelProblem.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await SaveTemplateAsync(agent, "lifecycle.tip.30", "{customerName}您好")).StatusCode);

        // A new tip template gives the units registered before it that milestone on the next run.
        Assert.Equal(HttpStatusCode.Created, (await SaveTemplateAsync(admin, "lifecycle.tip.30", "{customerName}，产品用了{days}天啦")).StatusCode);
        await RunAsync(app);
        Assert.Equal(Today.AddDays(20), Due(await ScheduleAsync(agent, unit), "lifecycle.tip.30"));
    }

    private static Task<HttpResponseMessage> SaveTemplateAsync(HttpClient client, string key, string text) =>
        client.PostAsJsonAsync("/api/v1/outreach/templates", new { key, channel = "sms", text, providerTemplateId = "SMS_LIFECYCLE_TEST" });

    private static async Task<(CareLoopApp App, FakeTimeProvider Clock)> StartAsync(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(Now);
        var app = await CareLoopApp.StartAsync(kind, startOutbox: false, services: s => s.AddSingleton<TimeProvider>(clock));
        return (app, clock);
    }

    internal static async Task<JsonElement> RunAsync(CareLoopApp app)
    {
        using var supervisor = await app.ApiAsAsync("supervisor");
        var response = await supervisor.PostAsync("/api/v1/lifecycle/runs", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<DailyRunResult> RunInScopeAsync(CareLoopApp app) =>
        app.InTenantAsync(sp => sp.GetRequiredService<DailyLifecycleRun>().RunAsync(default));

    private static Task<HttpResponseMessage> AttemptAsync(HttpClient agent, Guid id, string outcome) =>
        Task.Run(async () =>
        {
            var version = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/lifecycle/call-list/{id}")).GetProperty("version").GetInt64();
            return await agent.PostAsJsonAsync($"/api/v1/lifecycle/call-list/{id}/attempts", new { outcome, expectedVersion = version });
        });

    internal static async Task<(Guid Customer, Guid Unit)> CustomerWithUnitAsync(HttpClient agent, string phone, string serial, string sku, DateOnly installed)
    {
        var created = await agent.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "陈静" + phone[^3..], phones = new[] { phone }, addresses = new[] { new { regionCode = "320506", detail = "人民路 8 号" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customer = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (customer, await RegisterAsync(agent, customer, serial, sku, installed));
    }

    internal static async Task<Guid> RegisterAsync(HttpClient agent, Guid customer, string serial, string sku, DateOnly installed)
    {
        var unit = await agent.PostAsJsonAsync($"/api/v1/customers/{customer}/units", new
        {
            serialNumber = serial, sku, purchaseDate = installed, channel = "offline", deliveryDate = installed, installDate = installed,
        });
        Assert.Equal(HttpStatusCode.Created, unit.StatusCode);
        return (await unit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> ScheduleAsync(HttpClient client, Guid unit) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/lifecycle/units/{unit}/schedule");

    private static DateOnly Due(JsonElement schedule, string key) =>
        DateOnly.Parse(schedule.EnumerateArray().Single(s => s.GetProperty("itemKey").GetString() == key).GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    internal static string[] Fields(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("code").GetString()).ToArray();

    internal static Task<Guid> UserIdAsync(CareLoopApp app, string userName) =>
        app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
}

internal static class LifecycleScopes
{
    /// <summary>Runs code in a fresh scope acting for the demo brand (as a job does).</summary>
    public static async Task<T> InTenantAsync<T>(this CareLoopApp app, Func<IServiceProvider, Task<T>> work)
    {
        var tenantId = await app.TenantIdAsync("demo-brand");
        await using var scope = app.Services.GetRequiredService<TenantScopes>().For(tenantId, "demo-brand");
        return await work(scope.ServiceProvider);
    }
}
