using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Field.Domain;
using CareLoop.Modules.Field.Features.ForgetOldReceipts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Telephony;
using CareLoop.Tests.Infrastructure;
using CareLoop.Tests.Modules.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace CareLoop.Tests.Modules.Field;

/// <summary>
/// What the phone leaves behind (issue 7): exactly-once receipts are swept after their retention (ADR 0020), and the
/// privacy numbers bound for a job are released when the job is completed or cancelled (ADR 0021).
/// </summary>
public sealed class FieldHousekeepingTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The job's own schedule, out of the way: the test runs the sweep itself (the fake clock would make Quartz fire it).</summary>
    private const string Never = "0 0 3 1 1 ? 2099";

    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory, AllProviders]
    public async Task Receipts_older_than_the_retention_are_swept_in_batches_and_a_fresh_key_still_replays_its_answer(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(Start.ToUniversalTime());
        await using var app = new CareLoopApp(
            await TestDatabases.CreateAsync(kind), startOutbox: false,
            settings: new Dictionary<string, string?> { ["Field:Receipts:BatchSize"] = "2", ["Field:Receipts:Cron"] = Never },
            services: s => s.AddSingleton<TimeProvider>(clock));
        app.StartServer();
        using var http = app.Http();

        // Five actions a month ago, one 29 days ago (inside the 30-day retention), one today.
        using (var dispatcher = await app.ApiAsAsync("dispatcher"))
        using (var engineer = await app.ApiAsAsync("engineer"))
        {
            for (var i = 1; i <= 5; i++)
            {
                await AcceptAsync(app, http, dispatcher, engineer, clock, $"H-OLD-{i}", $"k-old-{i}");
            }
        }

        clock.Advance(TimeSpan.FromDays(2));
        using (var dispatcher = await app.ApiAsAsync("dispatcher"))
        using (var engineer = await app.ApiAsAsync("engineer"))
        {
            await AcceptAsync(app, http, dispatcher, engineer, clock, "H-KEEP", "k-keep");
        }

        clock.Advance(TimeSpan.FromDays(29));
        using var dispatcherNow = await app.ApiAsAsync("dispatcher");
        using var engineerNow = await app.ApiAsAsync("engineer");
        var fresh = await AcceptAsync(app, http, dispatcherNow, engineerNow, clock, "H-FRESH", "k-fresh");

        var swept = await SweepAsync(app);
        var again = await SweepAsync(app);
        var replay = await PostActionAsync(engineerNow, fresh.Order, "k-fresh", new { action = "accept", expectedVersion = fresh.Version });

        Assert.Equal(5, swept);
        Assert.Equal(0, again);
        var keys = await app.DbAsync("demo-brand", db => db.Set<ActionReceipt>().Select(r => r.Key).ToListAsync());
        Assert.DoesNotContain(keys, k => k.StartsWith("k-old-", StringComparison.Ordinal));
        Assert.Contains("k-keep", keys);
        Assert.Contains("k-fresh", keys);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var body = await replay.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("replayed").GetBoolean());
        Assert.Equal("accepted", body.GetProperty("state").GetString());

        // The sweep is a Quartz job on the configured cron (Shanghai time).
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(ForgetOldReceiptsJob.Key)));
        Assert.Equal(Never, trigger.CronExpressionString);
        Assert.Equal("Asia/Shanghai", trigger.TimeZone.Id);
    }

    [Theory, AllProviders]
    public async Task Cancelling_or_completing_a_job_releases_its_privacy_number_once_and_leaves_other_jobs_bound(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(Start.ToUniversalTime());
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false, services: s => s.AddSingleton<TimeProvider>(clock));
        using var http = app.Http();
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var settings = await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/field");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/settings/field",
            new { usePrivacyNumbers = true, farCheckInMeters = 1000, expectedVersion = settings.GetProperty("version").GetInt64() })).StatusCode);
        var engineerId = await EngineerIdAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{engineerId}/mobile", new { mobile = "13800002222" })).StatusCode);
        var cancelled = await AcceptAsync(app, http, dispatcher, engineer, clock, "H-PRIV-CANCEL", "k-acc-cancel", phone: "13600007001");
        var completed = await AcceptAsync(app, http, dispatcher, engineer, clock, "H-PRIV-DONE", "k-acc-done", phone: "13600007002");
        var open = await AcceptAsync(app, http, dispatcher, engineer, clock, "H-PRIV-OPEN", "k-acc-open", phone: "13600007003");
        foreach (var job in new[] { cancelled, completed, open })
        {
            Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsync($"/api/v1/field/jobs/{job.Order}/customer-phone", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsync($"/api/v1/field/jobs/{cancelled.Order}/customer-phone", null)).StatusCode); // the same binding again
        Assert.Equal(3, await app.DbAsync("demo-brand", db => db.Set<PrivacyBinding>().CountAsync()));

        // Cancelled by the agent (a real transition); completed as WorkOrders announces it, delivered twice over.
        var cancel = await agent.PostAsJsonAsync($"/api/v1/work-orders/{cancelled.Order}/transitions",
            new { action = "cancel", reason = "客户取消", expectedVersion = await VersionAsync(agent, cancelled.Order) });
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var done = new WorkOrderTransitioned(completed.Order, "H-PRIV-DONE", "complete", WorkOrderState.OnSite, WorkOrderState.Completed, engineerId, engineerId, false);
        await EnqueueAsync(app, done, clock);
        await DeliverAsync(app);
        await EnqueueAsync(app, done, clock);
        await DeliverAsync(app);

        var rows = await app.DbAsync("demo-brand", db => db.Set<PrivacyBinding>().AsNoTracking().ToListAsync());
        var local = app.Services.GetRequiredService<LocalPrivacyNumbers>().Bindings;
        foreach (var (job, action) in new[] { (cancelled.Order, "cancel"), (completed.Order, "complete") })
        {
            var row = rows.Single(r => r.WorkOrderId == job);
            Assert.Equal((PrivacyBindingRelease.Unbound, action), (row.Release, row.ReleasedOn));
            Assert.NotNull(row.ReleasedAt);
            var binding = local.Single(b => b.SubsId == row.SubsId);
            Assert.True(binding.Unbound);
            using var wire = JsonDocument.Parse(binding.UnbindWireBody!);
            Assert.Equal("UnbindSubscription", wire.RootElement.GetProperty("Action").GetString());
            Assert.Equal(row.SubsId, wire.RootElement.GetProperty("SubsId").GetString());
            Assert.Equal(row.SecretNo[3..], wire.RootElement.GetProperty("SecretNo").GetString());
        }

        var stillOpen = rows.Single(r => r.WorkOrderId == open.Order);
        Assert.Null(stillOpen.ReleasedAt);
        Assert.False(local.Single(b => b.SubsId == stillOpen.SubsId).Unbound);
        Assert.Equal(2, await app.DbAsync("demo-brand", db => db.Set<AuditEvent>().CountAsync(a => a.Action == "field.privacy-number-released")));

        var page = await http.GetStringAsync("/dev/privacy-numbers");
        Assert.Equal(2, page.Split("data-testid=\"privacy-released\"").Length - 1);
        Assert.Contains("UnbindSubscription", page);
    }

    private sealed record Accepted(Guid Order, long Version);

    private static async Task<Accepted> AcceptAsync(
        CareLoopApp app, HttpClient http, HttpClient dispatcher, HttpClient engineer, TimeProvider clock, string platformOrderId, string key, string phone = "13600006000")
    {
        var now = clock.GetUtcNow();
        var placed = await OrderApi.SendAsync(http, OrderApi.Order(platformOrderId, phone, now: now), at: now);
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        var order = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrderIds")[0].GetGuid();
        var assigned = await dispatcher.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{order}/assignment",
            new { engineerId = await EngineerIdAsync(app), expectedVersion = await VersionAsync(dispatcher, order) });
        Assert.True(assigned.StatusCode == HttpStatusCode.OK, await assigned.Content.ReadAsStringAsync());
        var version = await VersionAsync(dispatcher, order);
        var accepted = await PostActionAsync(engineer, order, key, new { action = "accept", expectedVersion = version });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        return new Accepted(order, version);
    }

    private static Task<HttpResponseMessage> PostActionAsync(HttpClient client, Guid order, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/field/jobs/{order}/actions") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static async Task<int> SweepAsync(CareLoopApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReceiptSweeper>().SweepAsync(CancellationToken.None);
    }

    private static Task<Guid> EngineerIdAsync(CareLoopApp app) =>
        app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());

    private static async Task<long> VersionAsync(HttpClient client, Guid order) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("version").GetInt64();

    private static Task<int> EnqueueAsync(CareLoopApp app, IDomainEvent domainEvent, TimeProvider clock) =>
        app.DbAsync("demo-brand", db =>
        {
            var tenant = db.Tenants.Single(t => t.Slug == "demo-brand").Id;
            db.OutboxMessages.Add(OutboxMessage.Create(tenant, domainEvent.GetType().FullName!,
                JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), Web), clock.GetUtcNow()));
            return db.SaveChangesAsync();
        });

    private static async Task DeliverAsync(CareLoopApp app)
    {
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DeliverBatchAsync(CancellationToken.None) > 0)
        {
        }

        var failed = await app.DbAsync(null, db => db.OutboxMessages.IgnoreQueryFilters().Where(m => m.LastError != null).Select(m => m.Type + ": " + m.LastError).ToListAsync());
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }
}
