using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.WorkOrders;

public sealed class SlaTests
{
    /// <summary>Wednesday 30 September 2026, 17:00 in Shanghai: one working hour left before the National Day holiday.</summary>
    private static readonly DateTimeOffset EveOfHoliday = new(2026, 9, 30, 17, 0, 0, TimeSpan.FromHours(8));

    private const string NationalDay = """
        # 2026 国庆节（测试数据）
        2026-10-01 off
        2026-10-02 off
        2026-10-05 off
        2026-10-06 off
        2026-10-07 off
        """;

    [Theory, AllProviders]
    public async Task Clocks_follow_the_tenants_working_week_holidays_and_suspensions(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(EveOfHoliday.ToUniversalTime());
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false, services: s => s.AddSingleton<TimeProvider>(clock));
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var saved = await admin.PutAsJsonAsync("/api/v1/settings/sla", new
        {
            week = new Dictionary<string, string[]>
            {
                ["monday"] = ["09:00-18:00"], ["tuesday"] = ["09:00-18:00"], ["wednesday"] = ["09:00-18:00"], ["thursday"] = ["09:00-18:00"], ["friday"] = ["09:00-18:00"],
            },
            specialDays = NationalDay,
            policies = new object[]
            {
                new { kind = (string?)null, priority = (string?)null, firstContactMinutes = 120, completionMinutes = 2880, repairTurnaroundMinutes = 4320, mode = "businessHours" },
                new { kind = "onSiteRepair", priority = "high", firstContactMinutes = 60, completionMinutes = 480, repairTurnaroundMinutes = 4320, mode = "businessHours" },
            },
            expectedVersion = 0,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var customer = await CustomerIdAsync(agent, "13812345678");
        var unit = UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}"), "RVX2000000001");
        var created = await (await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", priority = "high", description = "不开机" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var order = created.GetProperty("id").GetString();
        var engineer = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());

        var fresh = Sla(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}"));
        clock.Advance(TimeSpan.FromMinutes(30));
        await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "assign", expectedVersion = 0, assigneeId = engineer });
        var suspend = await agent.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "suspend", expectedVersion = 1, reason = "等配件" });
        var paused = Sla(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}"));
        clock.SetUtcNow(new DateTimeOffset(2026, 10, 8, 10, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        using var agentAfterHoliday = await app.ApiAsAsync("agent"); // the first token expired during the holiday
        var resume = await agentAfterHoliday.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "resume", expectedVersion = 2 });
        var resumed = Sla(await agentAfterHoliday.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}"));
        clock.Advance(TimeSpan.FromMinutes(50));
        var late = Sla(await agentAfterHoliday.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}"));

        // 8 business hours from Wed 17:00: 1 h on Wednesday, the holiday, then 7 h on Thursday 8 October → 16:00.
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 16, 0, 0, TimeSpan.FromHours(8)), fresh["completion"].Deadline);
        Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.Equal("paused", paused["completion"].Status);
        Assert.Null(paused["completion"].Deadline);
        // Suspended Wed 17:30 → Thu 8 Oct 10:00 overlaps 1.5 business hours: the deadline moves to 17:30.
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 17, 30, 0, TimeSpan.FromHours(8)), resumed["completion"].Deadline);
        Assert.Equal("onTrack", resumed["completion"].Status);
        // First contact: 60 business minutes from the assignment (Wed 17:30, suspended at once) → 8 Oct 11:00.
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 11, 0, 0, TimeSpan.FromHours(8)), resumed["firstContact"].Deadline);
        Assert.Equal("onTrack", resumed["firstContact"].Status);
        Assert.Equal("warning", late["firstContact"].Status); // 50 of 60 minutes used
        Assert.Equal("onTrack", late["completion"].Status);
    }

    [Theory, AllProviders]
    public async Task A_bad_holiday_calendar_is_refused_line_by_line_and_only_administrators_change_it(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        var current = await agent.GetFromJsonAsync<JsonElement>("/api/v1/settings/sla");

        var bad = await admin.PutAsJsonAsync("/api/v1/settings/sla", new
        {
            week = new Dictionary<string, string[]> { ["monday"] = ["09:00-18:00"], ["funday"] = ["09:00-18:00"] },
            specialDays = "2026-13-01 off\n2026-10-10 work\n2026-10-11 holiday",
            policies = new[] { new { firstContactMinutes = 0, completionMinutes = 2880, repairTurnaroundMinutes = 4320 } },
            expectedVersion = 0,
        });
        var byAgent = await agent.PutAsJsonAsync("/api/v1/settings/sla", new { week = new Dictionary<string, string[]>(), specialDays = "", expectedVersion = 0 });

        Assert.Equal("09:00-18:00", current.GetProperty("week").GetProperty("Monday")[0].GetString());
        var problem = await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["week.funday:invalid_format", "specialDays[1]:calendar.bad_date", "specialDays[2]:calendar.missing_hours", "specialDays[3]:calendar.unknown_kind",
            "policies[0].firstContactMinutes:out_of_range"], Fields(problem));
        Assert.Contains("第 2 行", problem.GetProperty("errors")[2].GetProperty("message").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(byAgent, HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory, AllProviders]
    public async Task At_risk_and_breached_clocks_raise_one_alert_event_each_however_often_they_are_evaluated(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime()); // a Monday
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false, services: s => s.AddSingleton<TimeProvider>(clock));
        using var agent = await app.ApiAsAsync("agent");
        var customer = await CustomerIdAsync(agent, "13812345678");
        var unit = UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}"), "RVX2000000001");
        await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", description = "不开机" });

        var tenantId = await app.DbAsync("demo-brand", db => db.Tenants.Where(t => t.Slug == "demo-brand").Select(t => t.Id).SingleAsync());
        async Task<int> EvaluateAsync()
        {
            // What EvaluateSlaJob does for each tenant, called directly so the test decides when.
            await using var scope = app.Services.GetRequiredService<CareLoop.Platform.Tenancy.TenantScopes>().For(tenantId);
            return await scope.ServiceProvider.GetRequiredService<CareLoop.Modules.WorkOrders.Features.EvaluateSla.SlaEvaluator>().EvaluateAsync(CancellationToken.None);
        }

        var fresh = await EvaluateAsync();
        clock.Advance(TimeSpan.FromDays(4).Add(TimeSpan.FromHours(8)));  // Friday 17:00: 4 × 9 h + 8 h = 44 of 48 business hours (92 %)
        var atRisk = await EvaluateAsync();
        var again = await EvaluateAsync();
        clock.Advance(TimeSpan.FromDays(3));                              // Monday 17:00: breached
        var breached = await EvaluateAsync();
        var events = await app.DbAsync("demo-brand", db => db.OutboxMessages.Where(m => m.Type.Contains("SlaThresholdReached")).CountAsync());

        Assert.Equal((0, 1, 0, 1), (fresh, atRisk, again, breached));
        Assert.Equal(2, events);
    }

    private sealed record Clock(string Status, DateTimeOffset? Deadline);

    private static Dictionary<string, Clock> Sla(JsonElement order) =>
        order.GetProperty("sla").EnumerateArray().ToDictionary(
            c => c.GetProperty("target").GetString()!,
            c => new Clock(c.GetProperty("status").GetString()!, c.GetProperty("deadline").ValueKind == JsonValueKind.Null ? null : c.GetProperty("deadline").GetDateTimeOffset()));
}
