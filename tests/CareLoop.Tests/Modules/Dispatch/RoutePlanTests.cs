using CareLoop.Modules.Network.Contracts;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Dispatch.Features.PlanRoutes;
using CareLoop.Modules.Network;
using CareLoop.Modules.Network.Domain;
using CareLoop.Modules.Network.Features.PlanRoutes;
using CareLoop.Tests.Infrastructure;
using CareLoop.Tests.Modules.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace CareLoop.Tests.Modules.Dispatch;

/// <summary>
/// Day-route plans of 苏州姑苏服务站 for tomorrow (docs/adr/0017, "In the product"). <c>engineer2</c> is moved to the
/// station (and its district 320508) so the plan has two engineers; orders are platform orders in 320508 with windows.
/// </summary>
public sealed class RoutePlanTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory, AllProviders]
    public async Task A_plan_covers_the_stations_engineers_and_jobs_and_every_route_passes_the_verifier(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind);
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var (station, engineer, engineer2) = await TwoEngineerStationAsync(app);
        var orders = await PlaceDayAsync(app);
        var unlocated = await PlaceAsync(app, "RP-NOWHERE", 11, null);

        var plan = await ComputeAsync(dispatcher, station);

        Assert.Equal("proposed", plan.Status);
        Assert.Equal(new[] { engineer, engineer2 }.Order(), plan.Plan.Engineers.Select(e => e.Id).Order());
        Assert.Equal(orders.Append(unlocated).Order(), plan.Plan.Jobs.Select(j => j.Id).Order());
        Assert.Equal(PlanReasons.NoLocation, plan.Plan.Jobs.Single(j => j.Id == unlocated).Reason);
        Assert.All(plan.Plan.Jobs.Where(j => j.Id != unlocated), j => Assert.NotNull(j.EngineerId));
        Assert.Equal(orders.Count, plan.AssignedCount);
        Assert.Equal(1, plan.UnassignedCount);
        Assert.Empty(Verify(plan.Plan));

        // The dispatcher pins a job to engineer2 and re-plans: the pin holds, the earlier proposal is superseded.
        var moved = plan.Plan.Jobs.First(j => j.EngineerId == engineer).Id;
        var replanned = await ComputeAsync(dispatcher, station, [new PlanPin(moved, engineer2)]);
        Assert.Equal(engineer2, replanned.Plan.Jobs.Single(j => j.Id == moved).EngineerId);
        Assert.Equal(engineer2, replanned.Plan.Jobs.Single(j => j.Id == moved).PinnedEngineerId);
        Assert.Empty(Verify(replanned.Plan));
        var earlier = await dispatcher.GetFromJsonAsync<RoutePlanView>($"/api/v1/dispatch/route-plans/{plan.Id}", Json);
        Assert.Equal("superseded", earlier!.Status);
    }

    [Theory, AllProviders]
    public async Task Accepting_assigns_the_jobs_sets_their_planned_arrival_and_records_decisions(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind);
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var (station, _, _) = await TwoEngineerStationAsync(app);
        var orders = await PlaceDayAsync(app);
        var plan = await ComputeAsync(dispatcher, station);

        var accepted = await dispatcher.PostAsync($"/api/v1/dispatch/route-plans/{plan.Id}/accept", null);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("accepted", (await accepted.Content.ReadFromJsonAsync<RoutePlanView>(Json))!.Status);
        var midnight = Midnight(plan.Plan.Date);
        foreach (var route in plan.Plan.Engineers)
        {
            foreach (var stop in route.Stops)
            {
                var order = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{stop.JobId}");
                Assert.Equal(route.Id, order.GetProperty("assigneeId").GetGuid());
                Assert.Equal(midnight + stop.ServiceStart, order.GetProperty("plannedArrival").GetDateTimeOffset());
                var decision = (await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/dispatch/work-orders/{stop.JobId}/decisions"))[0];
                Assert.Equal("route_plan", decision.GetProperty("trigger").GetString());
                Assert.Equal("manual", decision.GetProperty("outcome").GetString());
                Assert.Equal(route.Id, decision.GetProperty("engineerId").GetGuid());
            }
        }

        Assert.Equal(orders.Count, plan.Plan.Engineers.Sum(e => e.Stops.Count));
        var audited = await app.DbAsync("demo-brand", db => db.AuditEvents.CountAsync(a => a.Action == "dispatch.route_planned"));
        Assert.Equal(orders.Count, audited);
        var again = await dispatcher.PostAsync($"/api/v1/dispatch/route-plans/{plan.Id}/accept", null);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, AcceptRoutePlanHandler.NotProposedCode);
    }

    [Theory, AllProviders]
    public async Task A_plan_whose_orders_changed_since_is_refused_with_the_changed_orders(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind);
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var (station, engineer, _) = await TwoEngineerStationAsync(app);
        var orders = await PlaceDayAsync(app);
        var plan = await ComputeAsync(dispatcher, station);
        var changed = plan.Plan.Jobs.Single(j => j.Id == orders[0]);
        var assigned = await dispatcher.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{changed.Id}/assignment", new { engineerId = engineer, expectedVersion = changed.Version });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);

        var refused = await dispatcher.PostAsync($"/api/v1/dispatch/route-plans/{plan.Id}/accept", null);

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict, AcceptRoutePlanHandler.StaleCode);
        Assert.Equal([changed.Number], problem.GetProperty("stale").EnumerateArray().Select(s => s.GetString()).ToArray());
        var untouched = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{orders[1]}");
        Assert.Equal(JsonValueKind.Null, untouched.GetProperty("assigneeId").ValueKind);
    }

    [Theory, AllProviders]
    public async Task Engineers_may_neither_compute_nor_read_nor_accept_plans(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind);
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var (station, _, _) = await TwoEngineerStationAsync(app);
        var plan = await ComputeAsync(dispatcher, station);

        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/dispatch/route-plans", new { stationId = station, date = Tomorrow() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync($"/api/v1/dispatch/route-plans/{plan.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsync($"/api/v1/dispatch/route-plans/{plan.Id}/accept", null)).StatusCode);
        var invalid = await dispatcher.PostAsJsonAsync("/api/v1/dispatch/route-plans", new { stationId = Guid.NewGuid() });
        await ProblemAssert.HasFieldErrorAsync(invalid, "date", "required");
    }

    /// <summary>The engine's own verifier over the stored inputs and routes, with the product's travel times.</summary>
    private static IReadOnlyList<RouteViolation> Verify(RoutePlanDocument plan)
    {
        var problem = new DayRouteProblem(
            plan.Engineers.Select(e => new RouteEngineer(e.Id.ToString(), new GeoPoint(e.StartLatitude, e.StartLongitude), e.ShiftStart, e.ShiftEnd, e.ReturnBy, e.Capacity, e.Skills)).ToList(),
            plan.Jobs.Where(j => j.Latitude is not null).Select(j => new RouteJob(j.Id.ToString(), new GeoPoint(j.Latitude!.Value, j.Longitude!.Value), j.WindowStart, j.WindowEnd,
                TimeSpan.FromMinutes(j.ServiceMinutes), j.Skill, j.PinnedEngineerId?.ToString())).ToList());
        var routes = new DayRoutePlan("stored",
            plan.Engineers.Select(e => new EngineerRoute(e.Id.ToString(), e.Departure,
                e.Stops.Select(s => new RouteStop(s.JobId.ToString(), s.Arrival, s.ServiceStart, s.ServiceEnd, s.LegMetres, s.LegSeconds)).ToList(),
                e.ReturnAt, e.ReturnLegMetres, e.ReturnLegSeconds)).ToList(),
            plan.Jobs.Where(j => j.Latitude is not null && j.EngineerId is null).Select(j => new UnassignedJob(j.Id.ToString(), j.Reason!)).ToList());
        return RouteVerifier.Verify(problem, new StraightLineTravelTimes().Measure(problem.Points), routes);
    }

    private static async Task<RoutePlanView> ComputeAsync(HttpClient dispatcher, Guid station, PlanPin[]? pins = null)
    {
        var response = await dispatcher.PostAsJsonAsync("/api/v1/dispatch/route-plans", new { stationId = station, date = Tomorrow(), pins });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RoutePlanView>(Json))!;
    }

    private static async Task<CareLoopApp> StartAsync(DatabaseKind kind)
    {
        var app = new CareLoopApp(await TestDatabases.CreateAsync(kind), settings: new Dictionary<string, string?> { ["Dispatch:RoutePlanSeconds"] = "0.5" });
        app.StartServer();
        return app;
    }

    /// <summary>Moves engineer2 to 苏州姑苏服务站 with district 320508; returns the station and both engineers.</summary>
    private static async Task<(Guid Station, Guid Engineer, Guid Engineer2)> TwoEngineerStationAsync(CareLoopApp app)
    {
        var station = await app.DbAsync("demo-brand", db => db.Set<Station>().Where(s => s.Name == "苏州姑苏服务站").Select(s => s.Id).SingleAsync());
        var engineer = await UserIdAsync(app, "engineer");
        var engineer2 = await UserIdAsync(app, "engineer2");
        await app.DbAsync("demo-brand", async db =>
        {
            var profile = await db.Set<EngineerProfile>().SingleAsync(p => p.UserId == engineer2);
            profile.PlaceAt(station, "苏州姑苏服务站", null, isActive: true);
            profile.Assign(profile.Skills, ["320508"], profile.DailyCapacity);
            await db.SaveChangesAsync();
            return 0;
        });
        NetworkDirectory.Evict(app.Services.GetRequiredService<IMemoryCache>(), await app.TenantIdAsync("demo-brand"));
        return (station, engineer, engineer2);
    }

    /// <summary>Five water-purifier installations across 姑苏区 tomorrow, two-hour windows from 09:00 to 15:00.</summary>
    private static async Task<List<Guid>> PlaceDayAsync(CareLoopApp app)
    {
        var places = new (int Hour, double Lat, double Lng)[] { (9, 31.316, 120.628), (9, 31.289, 120.598), (11, 31.325, 120.612), (13, 31.302, 120.641), (15, 31.281, 120.625) };
        var orders = new List<Guid>();
        for (var i = 0; i < places.Length; i++)
        {
            orders.Add(await PlaceAsync(app, $"RP-{i}", places[i].Hour, (places[i].Lat, places[i].Lng)));
        }

        return orders;
    }

    private static async Task<Guid> PlaceAsync(CareLoopApp app, string platformOrderId, int hour, (double Lat, double Lng)? at)
    {
        using var http = app.Http();
        var start = Midnight(Tomorrow()).AddHours(hour);
        var response = await OrderApi.SendAsync(http, new
        {
            platform = "tmall",
            platformOrderId,
            shopId = "tmall-flagship",
            paidAt = TimeProvider.System.GetUtcNow().AddMinutes(-3),
            buyer = new
            {
                name = "顾客" + platformOrderId,
                phone = "1370000" + Math.Abs(platformOrderId.GetHashCode(StringComparison.Ordinal) % 10000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture),
                address = new { regionCode = "320508", detail = "干将西路 " + hour + " 号", lat = at?.Lat, lng = at?.Lng },
            },
            items = new[] { new { sku = "WP-RO600", quantity = 1 } },
            service = "install",
            preferredWindow = new { start, end = start.AddHours(2) },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrderIds")[0].GetGuid();
    }

    private static DateOnly Tomorrow()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), zone).Date).AddDays(1);
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));

    private static Task<Guid> UserIdAsync(CareLoopApp app, string userName) =>
        app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
}
