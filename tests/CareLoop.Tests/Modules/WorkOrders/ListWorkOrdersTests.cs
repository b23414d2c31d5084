using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Features.ListWorkOrders;
using CareLoop.Platform.Web;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.WorkOrders;

public sealed class ListWorkOrdersTests
{
    /// <summary>Tuesday 24 November 2026, 10:00 in Shanghai.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    [Theory, AllProviders]
    public async Task Sla_filter_sorts_running_clocks_into_on_track_at_risk_and_breached_as_time_passes(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(Now);
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false, services: s => s.AddSingleton<TimeProvider>(clock));
        await SeedAsync(app,
            new Order("WO261124ONTRK", WarnAt: Now.AddMinutes(20), DueAt: Now.AddHours(2)),
            new Order("WO261124RISKY", WarnAt: Now.AddHours(-1), DueAt: Now.AddMinutes(20)),
            new Order("WO261124LATE1", WarnAt: Now.AddHours(-3), DueAt: Now.AddHours(-1)),
            new Order("WO261124NOSLA"));
        using var agent = await app.ApiAsAsync("agent");

        var all = await ListAsync(agent, "");
        Assert.Equal(["WO261124ONTRK"], Numbers(await ListAsync(agent, "sla=ok")));
        Assert.Equal(["WO261124RISKY"], Numbers(await ListAsync(agent, "sla=atRisk")));
        Assert.Equal(["WO261124LATE1"], Numbers(await ListAsync(agent, "sla=breached")));
        Assert.Equal(["ok", "atRisk", "breached", null], Items(all).Select(r => r.GetProperty("slaRisk").GetString()).ToArray());

        clock.Advance(TimeSpan.FromMinutes(30)); // the on-track order passes its warning, the risky one its deadline
        Assert.Empty(Numbers(await ListAsync(agent, "sla=ok")));
        Assert.Equal(["WO261124ONTRK"], Numbers(await ListAsync(agent, "sla=atRisk")));
        Assert.Equal(["WO261124RISKY", "WO261124LATE1"], Numbers(await ListAsync(agent, "sla=breached")));
    }

    [Theory, AllProviders]
    public async Task Area_filter_matches_a_province_a_city_or_a_district_by_its_code_prefix(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        await SeedAsync(app,
            new Order("WO261124SZNS1", Region: "440305"),
            new Order("WO261124SZFT1", Region: "440304"),
            new Order("WO261124GZTH1", Region: "440106"),
            new Order("WO261124SUZ01", Region: "320505"),
            new Order("WO261124BJCY1", Region: "110105"),
            new Order("WO261124NOREG"));
        using var agent = await app.ApiAsAsync("agent");

        Assert.Equal(["WO261124SZNS1", "WO261124SZFT1", "WO261124GZTH1"], Numbers(await ListAsync(agent, "region=44")));
        Assert.Equal(["WO261124SZNS1", "WO261124SZFT1"], Numbers(await ListAsync(agent, "region=4403")));
        Assert.Equal(["WO261124SZNS1"], Numbers(await ListAsync(agent, "region=440305")));
        Assert.Equal(["WO261124BJCY1"], Numbers(await ListAsync(agent, "region=11")));
        Assert.Empty(Numbers(await ListAsync(agent, "region=45")));
        // Dense areas page through the same rows written as a scan (see RegionPrefix.Scans).
        foreach (var prefix in new[] { "44", "4403", "32" })
        {
            var (range, scan) = await app.DbAsync("demo-brand", async db => (
                await db.Set<WorkOrder>().Where(RegionPrefix.Matches(prefix)).Select(w => w.Number).OrderBy(n => n).ToListAsync(),
                await db.Set<WorkOrder>().Where(RegionPrefix.Scans(prefix)).Select(w => w.Number).OrderBy(n => n).ToListAsync()));
            Assert.Equal(range, scan);
        }

        var names = Items(await ListAsync(agent, "")).ToDictionary(r => r.GetProperty("number").GetString()!, r => r.GetProperty("regionName").GetString());
        Assert.Equal("深圳市 南山区", names["WO261124SZNS1"]);
        Assert.Equal("北京市 朝阳区", names["WO261124BJCY1"]);
        Assert.Null(names["WO261124NOREG"]);
    }

    [Theory, AllProviders]
    public async Task A_malformed_area_code_or_sla_risk_is_a_localized_field_error(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");

        foreach (var bad in new[] { "4", "440", "44030", "4403051", "44a3", "４４" })
        {
            var problem = await ProblemAssert.IsProblemAsync(
                await agent.GetAsync($"/api/v1/work-orders?region={Uri.EscapeDataString(bad)}"), HttpStatusCode.UnprocessableEntity, "validation_failed");
            Assert.Equal("region:region_prefix", Fields(problem).Single());
            Assert.Contains("2、4 或 6 位数字", problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using var english = new HttpRequestMessage(HttpMethod.Get, "/api/v1/work-orders?region=4&sla=late");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var both = await ProblemAssert.IsProblemAsync(await agent.SendAsync(english), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["sla:invalid_format", "region:region_prefix"], Fields(both));
        Assert.Contains("2, 4 or 6 digits", both.GetProperty("errors")[1].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task Unassigned_lists_orders_without_an_engineer_and_an_engineer_sees_only_their_own_whatever_the_filter(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        await SeedAsync(app,
            new Order("WO261124MINE1", Region: "320505", Engineer: "engineer"),
            new Order("WO261124OTHER", Region: "320505", Engineer: "engineer2"),
            new Order("WO261124NOENG", Region: "320505"));
        var engineer2 = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer2").Select(u => u.Id).SingleAsync());
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");

        Assert.Equal(["WO261124NOENG"], Numbers(await ListAsync(dispatcher, "unassigned=true")));
        Assert.Equal(["WO261124OTHER"], Numbers(await ListAsync(dispatcher, $"assigneeId={engineer2}")));
        Assert.Equal(3, (await ListAsync(dispatcher, "unassigned=false")).GetProperty("total").GetInt32());
        Assert.Equal(["WO261124MINE1"], Numbers(await ListAsync(engineer, "")));
        Assert.Equal(["WO261124MINE1"], Numbers(await ListAsync(engineer, "region=32")));
        Assert.Empty(Numbers(await ListAsync(engineer, "unassigned=true")));
        Assert.Empty(Numbers(await ListAsync(engineer, $"assigneeId={engineer2}")));
    }

    [Theory, AllProviders]
    public async Task The_total_is_exact_up_to_the_cap_and_beyond_it_says_there_are_more(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        await SeedAsync(app, Enumerable.Range(1, 5).Select(i => new Order($"WO261124CAP{i:D2}", Region: i <= 3 ? "440305" : "320505")).ToArray());
        using var agent = await app.ApiAsAsync("agent");

        var page = await ListAsync(agent, "pageSize=2&page=2");
        var (three, five, secondPage) = await app.DbAsync("demo-brand", async db =>
        {
            var orders = db.Set<WorkOrder>().AsNoTracking();
            var five = await orders.CountCappedAsync(default, cap: 3);
            return (await orders.Where(w => w.RegionCode == "440305").CountCappedAsync(default, cap: 3), five,
                await orders.OrderBy(w => w.Number).Select(w => w.Number).ToPageAsync(2, 2, five, default));
        });

        Assert.Equal(5, page.GetProperty("total").GetInt32());
        Assert.False(page.GetProperty("totalIsCapped").GetBoolean());
        Assert.Equal(["WO261124CAP03", "WO261124CAP04"], Numbers(page)); // newest first: CAP01 is the newest
        Assert.Equal((3, false), three);
        Assert.Equal((3, true), five);
        Assert.Equal((3, true), (secondPage.Total, secondPage.TotalIsCapped));
        Assert.Equal(["WO261124CAP03", "WO261124CAP04"], secondPage.Items); // the rows themselves are not capped
        Assert.Equal(10_000, Paging.CountCap);
    }

    /// <param name="Engineer">A demo engineer's user name: assigned by the dispatcher.</param>
    private sealed record Order(string Number, string? Region = null, string? Engineer = null, DateTimeOffset? WarnAt = null, DateTimeOffset? DueAt = null);

    /// <summary>Orders straight into the demo brand, the first one newest; SLA columns set through <see cref="WorkOrder.TrackSla"/>.</summary>
    private static Task<int> SeedAsync(CareLoopApp app, params Order[] orders) =>
        app.DbAsync("demo-brand", async db =>
        {
            var tenantId = await db.Tenants.Where(t => t.Slug == "demo-brand").Select(t => t.Id).SingleAsync();
            var customerId = await db.Set<CareLoop.Modules.Customers.Domain.Customer>().Select(c => c.Id).FirstAsync();
            var users = await db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id);
            var dispatcher = new WorkOrderActor(users["dispatcher"], "dispatcher", new HashSet<string> { "Dispatcher" });
            for (var i = 0; i < orders.Length; i++)
            {
                var o = orders[i];
                var created = Now.AddMinutes(-10 - i);
                var order = WorkOrder.Create(tenantId, o.Number, WorkOrderKind.OnSiteRepair, WorkOrderPriority.Normal, customerId, null, o.Region, "测试", dispatcher, created);
                if (o.Engineer is { } engineer)
                {
                    Assert.True(order.Apply(WorkOrderAction.Assign, new TransitionInput(AssigneeId: users[engineer]), dispatcher, created.AddMinutes(1)).IsSuccess);
                }

                db.Add(order);
            }

            await db.SaveChangesAsync();
            var numbers = orders.Select(o => o.Number).ToList();
            foreach (var order in await db.Set<WorkOrder>().Where(w => numbers.Contains(w.Number)).ToListAsync())
            {
                var o = orders.Single(x => x.Number == order.Number);
                order.TrackSla(o.WarnAt, o.DueAt, null);
            }

            return await db.SaveChangesAsync();
        });

    private static async Task<JsonElement> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/work-orders?" + query);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{query}: {body}");
        return body;
    }

    private static JsonElement[] Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToArray();

    private static string?[] Numbers(JsonElement page) => Items(page).Select(r => r.GetProperty("number").GetString()).ToArray();
}
