using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.WorkOrders;

public sealed class SlaUpgradeTests
{
    /// <summary>Monday 23 November 2026, 09:00 in Shanghai.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory, AllProviders]
    public async Task An_approved_upgrade_retimes_the_clock_once_a_supervisor_other_than_the_asker_decides(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(Monday.ToUniversalTime());
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false, services: s => s.AddSingleton<TimeProvider>(clock));
        using var agent = await app.ApiAsAsync("agent");
        using var supervisor = await app.ApiAsAsync("supervisor");
        var order = await CreateOrderAsync(agent);

        var asked = await agent.PostAsJsonAsync($"/api/v1/work-orders/{order}/sla-upgrades", new { target = "arrival", budgetMinutes = 240, reason = "VIP 客户投诉，需 4 小时内上门" });
        var twice = await agent.PostAsJsonAsync($"/api/v1/work-orders/{order}/sla-upgrades", new { target = "completion", budgetMinutes = 480, reason = "再次申请" });
        var upgradeId = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var byAgent = await agent.PostAsJsonAsync($"/api/v1/sla-upgrades/{upgradeId}/decision", new { approve = true });
        var queue = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/sla-upgrades");
        var rejectWithoutNote = await supervisor.PostAsJsonAsync($"/api/v1/sla-upgrades/{upgradeId}/decision", new { approve = false });
        clock.Advance(TimeSpan.FromMinutes(30));
        var approved = await supervisor.PostAsJsonAsync($"/api/v1/sla-upgrades/{upgradeId}/decision", new { approve = true, note = "同意" });
        var again = await supervisor.PostAsJsonAsync($"/api/v1/sla-upgrades/{upgradeId}/decision", new { approve = false, note = "改主意" });
        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");
        var tracked = await app.DbAsync("demo-brand", db => db.Set<WorkOrder>().Where(w => w.Id == Guid.Parse(order)).Select(w => new { w.SlaDueAt, w.SlaCheckAt }).SingleAsync());
        var audited = await app.DbAsync("demo-brand", db => db.AuditEvents.Where(a => a.Action.StartsWith("work-order.sla-upgrade")).Select(a => a.Action).ToListAsync());

        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        await ProblemAssert.IsProblemAsync(twice, HttpStatusCode.Conflict, "upgrade_pending");
        await ProblemAssert.IsProblemAsync(byAgent, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(upgradeId, queue[0].GetProperty("id").GetString());
        Assert.True(queue[0].GetProperty("mayDecide").GetBoolean());
        Assert.Equal(["note:required"], Fields(await ProblemAssert.IsProblemAsync(rejectWithoutNote, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "already_decided");

        // "On site within 4 hours", wall time from the approval at 09:30: the arrival clock runs although nothing is booked.
        var arrival = view.GetProperty("sla").EnumerateArray().Single(c => c.GetProperty("target").GetString() == "arrival");
        var due = new DateTimeOffset(2026, 11, 23, 13, 30, 0, TimeSpan.FromHours(8));
        Assert.Equal(due, arrival.GetProperty("deadline").GetDateTimeOffset());
        Assert.True(arrival.GetProperty("upgraded").GetBoolean());
        Assert.Equal(due, tracked.SlaDueAt); // the list's "breached" filter and the SLA job see it at once
        Assert.Equal(due.AddHours(-0.8), tracked.SlaCheckAt); // the next threshold: 80 % of 4 h, at 12:42
        Assert.Equal(["slaUpgradeRequested", "slaUpgradeApproved"], view.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("action").GetString()).Where(a => a!.StartsWith("sla", StringComparison.Ordinal)));
        Assert.Equal(["work-order.sla-upgrade-requested", "work-order.sla-upgrade-approved"], audited.Order(StringComparer.Ordinal).Reverse());
    }

    [Theory, AllProviders]
    public async Task Nobody_approves_their_own_request_and_bad_requests_save_nothing(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var supervisor = await app.ApiAsAsync("supervisor");
        var order = await CreateOrderAsync(agent);

        var bad = await agent.PostAsJsonAsync($"/api/v1/work-orders/{order}/sla-upgrades", new { target = "repairTurnaround", budgetMinutes = 10 });
        var own = await supervisor.PostAsJsonAsync($"/api/v1/work-orders/{order}/sla-upgrades", new { target = "completion", budgetMinutes = 480, reason = "加急" });
        var upgradeId = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var selfApproved = await supervisor.PostAsJsonAsync($"/api/v1/sla-upgrades/{upgradeId}/decision", new { approve = true });
        var unknownOrder = await agent.PostAsJsonAsync($"/api/v1/work-orders/{Guid.NewGuid()}/sla-upgrades", new { target = "completion", budgetMinutes = 480, reason = "加急" });

        Assert.Equal(["reason:required", "target:invalid_format", "budgetMinutes:out_of_range"],
            Fields(await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        await ProblemAssert.IsProblemAsync(selfApproved, HttpStatusCode.Forbidden, "own_request");
        await ProblemAssert.IsProblemAsync(unknownOrder, HttpStatusCode.NotFound, "not_found");
        var upgrades = await app.DbAsync("demo-brand", db => db.Set<SlaUpgrade>().Select(u => u.Status).ToListAsync());
        Assert.Equal([SlaUpgradeStatus.Pending], upgrades);
    }

    [Theory, AllProviders]
    public async Task The_orders_SLA_columns_follow_its_running_clocks_through_a_suspension(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(Monday.ToUniversalTime());
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false, services: s => s.AddSingleton<TimeProvider>(clock));
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var order = Guid.Parse(await CreateOrderAsync(agent));
        var engineer = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        async Task<(DateTimeOffset? Warn, DateTimeOffset? Due, DateTimeOffset? Check)> TrackedAsync()
        {
            var row = await app.DbAsync("demo-brand", db => db.Set<WorkOrder>().Where(w => w.Id == order).Select(w => new { w.SlaWarnAt, w.SlaDueAt, w.SlaCheckAt }).SingleAsync());
            return (row.SlaWarnAt, row.SlaDueAt, row.SlaCheckAt);
        }

        var created = await TrackedAsync();
        await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "assign", expectedVersion = 0, assigneeId = engineer });
        var suspend = await agent.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "suspend", expectedVersion = 1, reason = "客户出差" });
        var suspended = await TrackedAsync();
        clock.Advance(TimeSpan.FromMinutes(45));
        var resume = await agent.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "resume", expectedVersion = 2 });
        var resumed = await TrackedAsync();

        // 48 business hours (Mon–Fri 09:00–18:00) from Monday 09:00: 5 days × 9 h = 45 h, then 3 h on the next Monday.
        var due = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(due, created.Due);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 11, 24, 0, TimeSpan.FromHours(8)), created.Warn); // 38.4 h in: Friday 11:24
        Assert.Equal(created.Warn, created.Check);
        Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        Assert.Equal((null, null, null), suspended); // paused: no promise runs, nothing for the job to do
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        // First contact (2 business hours from the assignment at 09:00, paused 45 min) is now the earliest promise.
        Assert.Equal(Monday.AddHours(2.75), resumed.Due);
    }

    private static async Task<string> CreateOrderAsync(HttpClient agent)
    {
        var customer = await CustomerIdAsync(agent, "13812345678");
        var unit = UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}"), "RVX2000000001");
        var created = await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", description = "不开机" });
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
