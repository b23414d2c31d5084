using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Dispatch.Domain;
using CareLoop.Modules.Dispatch.Features.AutoDispatch;
using CareLoop.Modules.Dispatch.Features.Grab;
using CareLoop.Modules.Network;
using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.Network.Domain;
using CareLoop.Platform.Tenancy;
using CareLoop.Tests.Infrastructure;
using CareLoop.Tests.Modules.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace CareLoop.Tests.Modules.Dispatch;

/// <summary>
/// Automatic dispatch, grab mode and manual assignment on the demo network: <c>engineer</c> (姑苏 station, districts
/// 320505–320508) and <c>engineer2</c> (吴江 station, 320506, 320509, 320583), both water-purifier engineers on shift
/// every day 08:00–20:00. Orders are platform orders for a water purifier with a window tomorrow 10:00–12:00.
/// </summary>
public sealed class DispatchTests
{
    private static readonly (double Lat, double Lng) NearWujiang = (31.15, 120.64);

    [Theory, AllProviders]
    public async Task A_new_order_goes_to_the_best_engineer_and_the_decision_explains_every_candidate(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind, automatic: true);
        using var http = app.Http();
        using var dispatcher = await app.ApiAsAsync("dispatcher");

        var order = await PlaceAsync(http, "D-BEST-1", "320506", NearWujiang);
        var assignee = await AssigneeEventuallyAsync(dispatcher, order);

        Assert.Equal(await UserIdAsync(app, "engineer2"), assignee);
        var decisions = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/dispatch/work-orders/{order}/decisions");
        var decision = decisions[0];
        Assert.Equal("assigned", decision.GetProperty("outcome").GetString());
        Assert.Equal("created", decision.GetProperty("trigger").GetString());
        var candidates = decision.GetProperty("explanation").GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(2, candidates.Count);
        Assert.Equal(assignee, candidates[0].GetProperty("engineerId").GetGuid());
        Assert.All(candidates, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("excluded").ValueKind));
        Assert.True(candidates[0].GetProperty("total").GetDouble() > candidates[1].GetProperty("total").GetDouble());
        Assert.True(candidates[0].GetProperty("distanceKm").GetDouble() < candidates[1].GetProperty("distanceKm").GetDouble());
    }

    [Theory, AllProviders]
    public async Task Each_hard_rule_excludes_the_engineer_with_its_reason(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind, automatic: false);
        using var http = app.Http();
        using var admin = await app.ApiAsAsync("admin");
        var order = await PlaceAsync(http, "D-RULES-1", "320506", NearWujiang);
        var tomorrow = await TomorrowAsync(app);

        var cases = new (string Rule, Action<EngineerProfile> Break, Action<EngineerProfile> Mend)[]
        {
            (Exclusions.Skill, p => p.Assign(["robot-vacuum"], p.ServiceDistricts, p.DailyCapacity), p => p.Assign(["water-purifier", "robot-vacuum", "floor-washer"], p.ServiceDistricts, p.DailyCapacity)),
            (Exclusions.OffShift, p => p.Schedule(p.Shifts, [new Leave(tomorrow, tomorrow)]), p => p.Schedule(p.Shifts, [])),
            (Exclusions.Capacity, p => p.Assign(p.Skills, p.ServiceDistricts, 0), p => p.Assign(p.Skills, p.ServiceDistricts, 6)),
            (Exclusions.Inactive, p => p.PlaceAt(p.StationId, p.StationName, null, isActive: false), p => p.PlaceAt(p.StationId, p.StationName, null, isActive: true)),
            (Exclusions.Certificate, p => p.Certify([new Certificate("electrician", tomorrow.AddDays(-1))]), p => p.Certify([new Certificate("electrician", tomorrow.AddYears(1))])),
        };
        await SaveSettingsAsync(admin, s => s with { RequiredCertificates = ["water-purifier:electrician"] });
        await MutateAsync(app, "engineer", p => p.Certify([new Certificate("electrician", tomorrow.AddYears(1))]));
        await MutateAsync(app, "engineer2", p => p.Certify([new Certificate("electrician", tomorrow.AddYears(1))]));

        foreach (var (rule, breakIt, mend) in cases)
        {
            await MutateAsync(app, "engineer2", breakIt);
            var excluded = await CandidateAsync(admin, order, await UserIdAsync(app, "engineer2"));
            Assert.Equal(rule, excluded.GetProperty("excluded").GetString());
            await MutateAsync(app, "engineer2", mend);
            Assert.Equal(JsonValueKind.Null, (await CandidateAsync(admin, order, await UserIdAsync(app, "engineer2"))).GetProperty("excluded").ValueKind);
        }

        // The provider's contract ended yesterday: nobody of that provider is sent.
        await app.DbAsync("demo-brand", async db =>
        {
            var provider = await db.Set<Provider>().SingleAsync();
            provider.Contract(provider.ContractDistricts, provider.ContractCategories, tomorrow.AddDays(-2));
            await db.SaveChangesAsync();
            return 0;
        });
        await EvictAsync(app);
        Assert.Equal(Exclusions.NoContract, (await CandidateAsync(admin, order, await UserIdAsync(app, "engineer"))).GetProperty("excluded").GetString());

        // Beyond the tenant's maximum distance.
        await app.DbAsync("demo-brand", async db =>
        {
            var provider = await db.Set<Provider>().SingleAsync();
            provider.Contract(provider.ContractDistricts, provider.ContractCategories, null);
            await db.SaveChangesAsync();
            return 0;
        });
        await EvictAsync(app);
        await SaveSettingsAsync(admin, s => s with { MaxDistanceKm = 1 });
        Assert.Equal(Exclusions.TooFar, (await CandidateAsync(admin, order, await UserIdAsync(app, "engineer"))).GetProperty("excluded").GetString());

        // Out of the engineer's area: not even a candidate (counted), and refused by hand with the rule named.
        await MutateAsync(app, "engineer2", p => p.Assign(p.Skills, ["320509"], p.DailyCapacity));
        var preview = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/dispatch/work-orders/{order}/candidates");
        Assert.Equal(1, preview.GetProperty("outOfArea").GetInt32());
        var refused = await admin.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{order}/assignment",
            new { engineerId = await UserIdAsync(app, "engineer2"), expectedVersion = await VersionAsync(admin, order) });
        await ProblemAssert.HasFieldErrorAsync(refused, "engineerId", "dispatch_out_of_area");
    }

    [Theory, AllProviders]
    public async Task After_a_decline_dispatch_never_picks_the_decliner_and_with_nobody_left_the_order_waits_in_the_queue(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind, automatic: true);
        using var http = app.Http();
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        using var engineer2 = await app.ApiAsAsync("engineer2");
        var order = await PlaceAsync(http, "D-DECLINE-1", "320506", NearWujiang);
        Assert.Equal(await UserIdAsync(app, "engineer2"), await AssigneeEventuallyAsync(dispatcher, order));

        await DeclineAsync(engineer2, order);
        Assert.Equal(await UserIdAsync(app, "engineer"), await AssigneeEventuallyAsync(dispatcher, order));
        var decisions = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/dispatch/work-orders/{order}/decisions");
        Assert.Equal("declined", decisions[0].GetProperty("trigger").GetString());
        var engineer2Id = await UserIdAsync(app, "engineer2");
        var decliner = decisions[0].GetProperty("explanation").GetProperty("candidates").EnumerateArray()
            .Single(c => c.GetProperty("engineerId").GetGuid() == engineer2Id);
        Assert.Equal(Exclusions.Declined, decliner.GetProperty("excluded").GetString());

        await DeclineAsync(engineer, order);
        var queued = await EventuallyAsync(async () =>
            (await dispatcher.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/queue")).EnumerateArray()
            .FirstOrDefault(q => q.GetProperty("id").GetGuid() == order && q.GetProperty("lastReason").GetString() == DispatchReasons.NoCandidate) is { ValueKind: JsonValueKind.Object } q ? q : (JsonElement?)null);
        Assert.Equal("queued", queued.GetProperty("lastOutcome").GetString());
    }

    [Theory, AllProviders]
    public async Task An_order_nobody_covers_waits_in_the_queue_with_the_reason_until_a_retry_after_the_network_grew(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind, automatic: true);
        using var http = app.Http();
        using var dispatcher = await app.ApiAsAsync("dispatcher");

        var order = await PlaceAsync(http, "D-BEIJING-1", "110101", (39.92, 116.41));

        var queued = await EventuallyAsync(async () =>
            (await dispatcher.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/queue?region=11")).EnumerateArray()
            .FirstOrDefault(q => q.GetProperty("id").GetGuid() == order && q.GetProperty("lastOutcome").ValueKind == JsonValueKind.String) is { ValueKind: JsonValueKind.Object } q ? q : (JsonElement?)null);
        Assert.Equal(DispatchReasons.NoCandidate, queued.GetProperty("lastReason").GetString());
        var work = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");
        Assert.Equal(JsonValueKind.Null, work.GetProperty("assigneeId").ValueKind);
        Assert.Empty((await dispatcher.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/queue?region=3205")).EnumerateArray());

        // The brand extends its network to Beijing; the dispatcher re-runs dispatch (twice: the second finds it assigned).
        await app.DbAsync("demo-brand", async db =>
        {
            var provider = await db.Set<Provider>().SingleAsync();
            provider.Contract([.. provider.ContractDistricts, "1101"], provider.ContractCategories, null);
            await db.SaveChangesAsync();
            return 0;
        });
        await MutateAsync(app, "engineer", p =>
        {
            p.Assign(p.Skills, [.. p.ServiceDistricts, "110101"], p.DailyCapacity);
            p.LocateHome(39.90, 116.40); // moved to Beijing
        });
        var retried = await dispatcher.PostAsync($"/api/v1/dispatch/work-orders/{order}/auto", null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("assigned", (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(await UserIdAsync(app, "engineer"), (await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("assigneeId").GetGuid());
        await ProblemAssert.IsProblemAsync(await dispatcher.PostAsync($"/api/v1/dispatch/work-orders/{order}/auto", null), HttpStatusCode.Conflict, "not_waiting");
    }

    [Theory, AllProviders]
    public async Task Of_a_hundred_concurrent_grabs_of_one_order_exactly_one_wins(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind, automatic: true);
        using var http = app.Http();
        using var admin = await app.ApiAsAsync("admin");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        await SaveSettingsAsync(admin, s => s with { GrabAreas = ["3205"] });
        var order = await PlaceAsync(http, "D-GRAB-1", "320506", NearWujiang);
        using var engineer = await app.ApiAsAsync("engineer");
        using var engineer2 = await app.ApiAsAsync("engineer2");
        var offer = await EventuallyAsync(async () =>
            (await engineer.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/grab-pool")).EnumerateArray()
            .FirstOrDefault(o => o.GetProperty("workOrderId").GetGuid() == order) is { ValueKind: JsonValueKind.Object } o ? o.GetProperty("id").GetGuid() : (Guid?)null);
        Assert.Contains((await engineer2.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/grab-pool")).EnumerateArray(), o => o.GetProperty("id").GetGuid() == offer);

        using var go = new SemaphoreSlim(0);
        var grabs = Enumerable.Range(0, 100).Select(async i =>
        {
            await go.WaitAsync();
            return await (i % 2 == 0 ? engineer : engineer2).PostAsync($"/api/v1/dispatch/offers/{offer}/grab", null);
        }).ToList();
        go.Release(100);
        var responses = await Task.WhenAll(grabs);

        var winners = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Single(winners);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var winner = (await winners[0].Content.ReadFromJsonAsync<JsonElement>()).GetProperty("engineerId").GetGuid();
        Assert.Equal(winner, (await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("assigneeId").GetGuid());
        Assert.Empty((await engineer.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/grab-pool")).EnumerateArray());
        var decisions = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/dispatch/work-orders/{order}/decisions");
        Assert.Equal(["grabbed", "offered"], decisions.EnumerateArray().Select(d => d.GetProperty("outcome").GetString()).ToArray());
    }

    [Theory, AllProviders]
    public async Task An_offer_nobody_grabs_in_time_goes_back_to_the_dispatcher(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind, automatic: true);
        using var http = app.Http();
        using var admin = await app.ApiAsAsync("admin");
        using var engineer = await app.ApiAsAsync("engineer");
        await SaveSettingsAsync(admin, s => s with { GrabAreas = ["320506"] });
        var order = await PlaceAsync(http, "D-TIMEOUT-1", "320506", NearWujiang);
        var offer = await EventuallyAsync(async () =>
            (await engineer.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/grab-pool")).EnumerateArray()
            .FirstOrDefault(o => o.GetProperty("workOrderId").GetGuid() == order) is { ValueKind: JsonValueKind.Object } o ? o.GetProperty("id").GetGuid() : (Guid?)null);

        var past = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        await app.DbAsync("demo-brand", db => db.Set<GrabOffer>().Where(o => o.Id == offer).ExecuteUpdateAsync(u => u.SetProperty(o => o.ExpiresAt, past)));
        await using (var scope = await TenantScopeAsync(app))
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<GrabEscalation>().RunAsync(CancellationToken.None));
        }

        var queue = await admin.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/queue");
        var entry = queue.EnumerateArray().Single(q => q.GetProperty("id").GetGuid() == order);
        Assert.Equal(DispatchReasons.GrabTimeout, entry.GetProperty("lastReason").GetString());
        Assert.False(entry.GetProperty("offered").GetBoolean());
        await ProblemAssert.IsProblemAsync(await engineer.PostAsync($"/api/v1/dispatch/offers/{offer}/grab", null), HttpStatusCode.Conflict, "offer_gone");
    }

    [Theory, AllProviders]
    public async Task A_supervisor_may_override_a_hard_rule_with_a_reason_and_a_dispatcher_may_not(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind, automatic: false);
        using var http = app.Http();
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var supervisor = await app.ApiAsAsync("supervisor");
        var order = await PlaceAsync(http, "D-OVERRIDE-1", "320508", (31.31, 120.62));
        var engineer2 = await UserIdAsync(app, "engineer2");
        var version = await VersionAsync(dispatcher, order);

        var refused = await dispatcher.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{order}/assignment", new { engineerId = engineer2, expectedVersion = version });
        var forbidden = await dispatcher.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{order}/assignment", new { engineerId = engineer2, expectedVersion = version, @override = true, note = "客户指定" });
        var noReason = await supervisor.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{order}/assignment", new { engineerId = engineer2, expectedVersion = version, @override = true });
        var overridden = await supervisor.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{order}/assignment", new { engineerId = engineer2, expectedVersion = version, @override = true, note = "客户指定该工程师" });

        await ProblemAssert.HasFieldErrorAsync(refused, "engineerId", "dispatch_out_of_area");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        await ProblemAssert.HasFieldErrorAsync(noReason, "note", "required");
        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        var decision = await overridden.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("override", decision.GetProperty("outcome").GetString());
        Assert.Equal(Exclusions.OutOfArea, decision.GetProperty("reason").GetString());
        Assert.Equal(engineer2, (await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("assigneeId").GetGuid());
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.AuditEvents.CountAsync(a => a.Action == "dispatch.overridden" && a.EntityId == order.ToString())));

        // Reassigning (the order has an engineer now) needs a reason, and the old version is stale.
        var engineer = await UserIdAsync(app, "engineer");
        await ProblemAssert.HasFieldErrorAsync(
            await dispatcher.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{order}/assignment", new { engineerId = engineer, expectedVersion = await VersionAsync(dispatcher, order) }),
            "note", "required");
        Assert.Equal(HttpStatusCode.Conflict,
            (await dispatcher.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{order}/assignment", new { engineerId = engineer, expectedVersion = version, note = "回到片区工程师" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await dispatcher.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{order}/assignment", new { engineerId = engineer, expectedVersion = await VersionAsync(dispatcher, order), note = "回到片区工程师" })).StatusCode);
    }

    [Theory, AllProviders]
    public async Task The_same_dispatch_handled_twice_at_once_decides_and_assigns_once(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind, automatic: false);
        using var http = app.Http();
        var order = await PlaceAsync(http, "D-TWICE-1", "320506", NearWujiang);

        var runs = Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = await TenantScopeAsync(app);
            try
            {
                return await scope.ServiceProvider.GetRequiredService<Dispatcher>().DispatchAsync(order, DispatchTriggers.Created, CancellationToken.None);
            }
            catch (DbUpdateException)
            {
                return null; // the other node's decision won the unique key (the outbox retries, and then finds it)
            }
        });
        await Task.WhenAll(runs);

        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.Set<DispatchDecision>().CountAsync(d => d.WorkOrderId == order)));
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var work = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");
        Assert.Equal(1, work.GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("action").GetString() == "assign"));
    }

    [Theory, AllProviders]
    public async Task Dispatch_settings_refuse_out_of_range_weights_and_malformed_areas(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind, automatic: false);
        using var admin = await app.ApiAsAsync("admin");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var current = await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/dispatch");

        var bad = await admin.PutAsJsonAsync("/api/v1/settings/dispatch", new
        {
            autoDispatch = true, distanceWeight = 101, loadWeight = -1, urgencyWeight = 0, ratingWeight = 0, affinityWeight = 0, maxDistanceKm = 0,
            grabAreas = new[] { "32A" }, grabTimeoutMinutes = 0, requiredCertificates = new[] { "water-purifier" }, version = current.GetProperty("version").GetInt64(),
        });

        await ProblemAssert.HasFieldErrorAsync(bad, "distanceWeight", "out_of_range");
        await ProblemAssert.HasFieldErrorAsync(bad, "loadWeight", "out_of_range");
        await ProblemAssert.HasFieldErrorAsync(bad, "maxDistanceKm", "out_of_range");
        await ProblemAssert.HasFieldErrorAsync(bad, "grabAreas[0]", "region_prefix");
        await ProblemAssert.HasFieldErrorAsync(bad, "grabTimeoutMinutes", "out_of_range");
        await ProblemAssert.HasFieldErrorAsync(bad, "requiredCertificates[0]", "invalid_format");
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PutAsJsonAsync("/api/v1/settings/dispatch", current)).StatusCode);
    }

    private sealed record Settings(
        bool AutoDispatch, int DistanceWeight, int LoadWeight, int UrgencyWeight, int RatingWeight, int AffinityWeight, int MaxDistanceKm,
        string[] GrabAreas, int GrabTimeoutMinutes, string[] RequiredCertificates, long Version);

    private static async Task SaveSettingsAsync(HttpClient admin, Func<Settings, Settings> change)
    {
        var current = (await admin.GetFromJsonAsync<Settings>("/api/v1/settings/dispatch"))!;
        var saved = await admin.PutAsJsonAsync("/api/v1/settings/dispatch", change(current));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static async Task<CareLoopApp> StartAsync(DatabaseKind kind, bool automatic)
    {
        var app = new CareLoopApp(await TestDatabases.CreateAsync(kind), settings: new Dictionary<string, string?> { ["Dispatch:Automatic"] = automatic ? "true" : "false" });
        app.StartServer();
        return app;
    }

    /// <summary>A paid platform order for one water purifier with installation tomorrow 10:00–12:00 (Shanghai); returns its work order.</summary>
    private static async Task<Guid> PlaceAsync(HttpClient http, string platformOrderId, string district, (double Lat, double Lng) at)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var now = TimeProvider.System.GetUtcNow();
        var tomorrow = TimeZoneInfo.ConvertTime(now, zone).Date.AddDays(1);
        var start = new DateTimeOffset(tomorrow.AddHours(10), TimeSpan.FromHours(8));
        var response = await OrderApi.SendAsync(http, new
        {
            platform = "tmall",
            platformOrderId,
            shopId = "tmall-flagship",
            paidAt = now.AddMinutes(-3),
            buyer = new { name = "周敏", phone = "1360000" + Math.Abs(platformOrderId.GetHashCode(StringComparison.Ordinal) % 10000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture), address = new { regionCode = district, detail = "人民路 8 号", lat = at.Lat, lng = at.Lng } },
            items = new[] { new { sku = "WP-RO600", quantity = 1 } },
            service = "install",
            preferredWindow = new { start, end = start.AddHours(2) },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrderIds")[0].GetGuid();
    }

    private static Task<Guid> AssigneeEventuallyAsync(HttpClient client, Guid order, Guid? not = null) => EventuallyAsync(async () =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("assigneeId") is { ValueKind: JsonValueKind.String } a && a.GetGuid() != not
            ? a.GetGuid()
            : (Guid?)null);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : struct
    {
        for (var i = 0; i < 150; i++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The outbox did not dispatch within 15 s.");
    }

    private static async Task DeclineAsync(HttpClient engineer, Guid order)
    {
        var response = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions",
            new { action = "decline", expectedVersion = await VersionAsync(engineer, order), reason = "明天不在该片区" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<long> VersionAsync(HttpClient client, Guid order) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("version").GetInt64();

    private static async Task<JsonElement> CandidateAsync(HttpClient client, Guid order, Guid engineer) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/dispatch/work-orders/{order}/candidates")).GetProperty("candidates").EnumerateArray()
        .Single(c => c.GetProperty("engineerId").GetGuid() == engineer);

    private static Task<Guid> UserIdAsync(CareLoopApp app, string userName) =>
        app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static async Task<DateOnly> TomorrowAsync(CareLoopApp app)
    {
        await Task.CompletedTask;
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), zone).Date).AddDays(1);
    }

    private static async Task MutateAsync(CareLoopApp app, string userName, Action<EngineerProfile> change)
    {
        var id = await UserIdAsync(app, userName);
        await app.DbAsync("demo-brand", async db =>
        {
            var profile = await db.Set<EngineerProfile>().SingleAsync(p => p.UserId == id);
            change(profile);
            await db.SaveChangesAsync();
            return 0;
        });
        await EvictAsync(app);
    }

    private static async Task EvictAsync(CareLoopApp app) =>
        NetworkDirectory.Evict(app.Services.GetRequiredService<IMemoryCache>(), await app.TenantIdAsync("demo-brand"));

    private static async Task<AsyncServiceScope> TenantScopeAsync(CareLoopApp app)
    {
        var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(await app.TenantIdAsync("demo-brand"), "demo-brand");
        return scope;
    }
}
