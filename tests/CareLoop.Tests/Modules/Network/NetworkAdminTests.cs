using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Network.Contracts;
using CareLoop.Platform.Tenancy;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareLoop.Tests.Modules.Network;

public sealed class NetworkAdminTests
{
    private static readonly object[] Weekdays = [new { day = 1, start = "09:00", end = "17:00" }, new { day = 3, start = "10:00", end = "19:30" }];

    [Theory, AllProviders]
    public async Task Bad_engineer_input_is_refused_on_the_right_field_with_a_stable_code(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        var engineer = await EngineerAsync(admin, "engineer2");
        var url = $"/api/v1/network/engineers/{engineer.GetProperty("id").GetString()}";

        var noDistricts = await admin.PutAsJsonAsync(url, Body() with { ServiceDistricts = [], ServiceRadiusKm = null });
        var overlapping = await admin.PutAsJsonAsync(url, Body() with { Shifts = [new { day = 2, start = "08:00", end = "12:00" }, new { day = 2, start = "11:00", end = "18:00" }] });
        var backwards = await admin.PutAsJsonAsync(url, Body() with { Shifts = [new { day = 4, start = "18:00", end = "08:00" }] });
        var negative = await admin.PutAsJsonAsync(url, Body() with { DailyCapacity = -1 });
        var swapped = await admin.PutAsJsonAsync(url, Body() with { HomeLatitude = 120.6459, HomeLongitude = 31.1389 });
        var unknown = await admin.PutAsJsonAsync(url, Body() with { ServiceDistricts = ["320509", "999999"], Skills = ["water-purifier", "time-machine"] });
        var other = await admin.PutAsJsonAsync(url, Body() with
        {
            ServiceDistricts = [], ServiceRadiusKm = 15, HomeLatitude = null, HomeLongitude = null,
            Leave = [new { from = "2026-05-05", to = "2026-05-01" }], Certificates = [new { kind = "electrician", expiresOn = (string?)null }],
        });

        Assert.Equal(["serviceDistricts:no_service_area"], await ErrorsAsync(noDistricts));
        Assert.Equal(["shifts[1]:shift_overlap"], await ErrorsAsync(overlapping));
        Assert.Equal(["shifts[0].end:ends_before_start"], await ErrorsAsync(backwards));
        Assert.Equal(["dailyCapacity:out_of_range"], await ErrorsAsync(negative));
        Assert.Equal(["homeLatitude:outside_china"], await ErrorsAsync(swapped));
        Assert.Equal(["serviceDistricts[1]:unknown_region", "skills[1]:unknown_category"], await ErrorsAsync(unknown));
        Assert.Equal(["certificates[0].expiresOn:required", "leave[0].to:ends_before_start", "serviceRadiusKm:radius_needs_home"], await ErrorsAsync(other));
        var swappedMessage = (await admin.PutAsJsonAsync(url, Body() with { HomeLatitude = 120.6459, HomeLongitude = 31.1389 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("填反", (await swappedMessage).GetProperty("errors")[0].GetProperty("message").GetString());
        var unchanged = await EngineerAsync(admin, "engineer2");
        Assert.Equal(engineer.GetProperty("version").GetInt64(), unchanged.GetProperty("version").GetInt64());
    }

    [Theory, AllProviders]
    public async Task A_full_edit_round_trips_is_audited_and_dispatch_sees_it_at_once(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        var before = await EngineerAsync(admin, "engineer2");
        var id = before.GetProperty("id").GetString();
        var userId = before.GetProperty("userId").GetGuid();
        Assert.Equal(6, (await SnapshotAsync(app)).Find(userId)!.DailyCapacity); // warms the cache the edit must evict

        var edited = await admin.PutAsJsonAsync($"/api/v1/network/engineers/{id}", Body() with { ExpectedVersion = before.GetProperty("version").GetInt64() });
        var stale = await admin.PutAsJsonAsync($"/api/v1/network/engineers/{id}", Body() with { ExpectedVersion = before.GetProperty("version").GetInt64() });
        var after = await EngineerAsync(admin, "engineer2");
        var seen = (await SnapshotAsync(app)).Find(userId)!;

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "concurrency_conflict");
        Assert.Equal(["floor-washer", "water-purifier"], Strings(after, "skills"));
        Assert.Equal(["320506", "320509"], Strings(after, "serviceDistricts"));
        Assert.Equal(12, after.GetProperty("serviceRadiusKm").GetDouble());
        Assert.Equal(9, after.GetProperty("dailyCapacity").GetInt32());
        Assert.Equal(31.14, after.GetProperty("homeLatitude").GetDouble());
        Assert.Equal("electrician", after.GetProperty("certificates")[0].GetProperty("kind").GetString());
        Assert.Equal("2027-03-31", after.GetProperty("certificates")[0].GetProperty("expiresOn").GetString());
        Assert.Equal("1 09:00-17:00|3 10:00-19:30", string.Join('|', after.GetProperty("shifts").EnumerateArray()
            .Select(s => $"{s.GetProperty("day").GetInt32()} {s.GetProperty("start").GetString()}-{s.GetProperty("end").GetString()}")));
        Assert.Equal("2026-05-01", after.GetProperty("leave")[0].GetProperty("from").GetString());
        Assert.False(after.GetProperty("profileActive").GetBoolean());
        Assert.Equal(before.GetProperty("version").GetInt64() + 1, after.GetProperty("version").GetInt64());

        Assert.Equal(9, seen.DailyCapacity);
        Assert.False(seen.IsActive);
        Assert.Equal(12, seen.ServiceRadiusKm);
        Assert.Null(seen.ShiftOn(new DateOnly(2026, 5, 4))); // a Monday on leave
        Assert.Equal(new TimeOnly(10, 0), seen.ShiftOn(new DateOnly(2026, 5, 13))!.Start);
        Assert.True(seen.HoldsCertificate("electrician", new DateOnly(2027, 3, 31)));
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.AuditEvents.CountAsync(a => a.Action == "network.engineer-updated" && a.EntityId == id)));
    }

    [Theory, AllProviders]
    public async Task Dispatchers_read_the_network_and_admins_change_providers_contracts_and_stations(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var engineer = await EngineerAsync(admin, "engineer");

        var providers = await dispatcher.GetFromJsonAsync<JsonElement>("/api/v1/network/providers");
        var capacity = await dispatcher.GetFromJsonAsync<JsonElement>("/api/v1/network/capacity?week=2026-05-06");
        var dispatcherEdit = await dispatcher.PutAsJsonAsync($"/api/v1/network/engineers/{engineer.GetProperty("id").GetString()}", Body());
        var dispatcherCreate = await dispatcher.PostAsJsonAsync("/api/v1/network/providers", new { name = "吴中家电维修", isBrandOwned = false });
        var created = await admin.PostAsJsonAsync("/api/v1/network/providers", new { name = "吴中家电维修", isBrandOwned = false });
        var provider = await created.Content.ReadFromJsonAsync<JsonElement>();
        var contractUrl = $"/api/v1/network/providers/{provider.GetProperty("id").GetString()}/contract";
        var badContract = await admin.PutAsJsonAsync(contractUrl, new { districts = new[] { "3", "99", "3205" }, categories = new[] { "nope" } });
        var contract = await admin.PutAsJsonAsync(contractUrl, new { districts = new[] { "320506", "3205", "11" }, categories = new[] { "Water-Purifier" }, endsOn = "2027-12-31" });
        var stationsUrl = $"/api/v1/network/providers/{provider.GetProperty("id").GetString()}/stations";
        var badStation = await admin.PostAsJsonAsync(stationsUrl, new { name = "吴中网点", districtCode = "320599", latitude = 0.5, longitude = 120.6 });
        var station = await admin.PostAsJsonAsync(stationsUrl, new { name = "吴中网点", districtCode = "320506", address = "吴中区东吴北路 1 号", latitude = 31.27, longitude = 120.63 });

        Assert.Equal("苏州自营服务中心", providers[0].GetProperty("name").GetString());
        Assert.Equal(2, providers[0].GetProperty("stations").GetArrayLength());
        Assert.Equal("2026-05-04", capacity.GetProperty("from").GetString());
        Assert.Equal(7, capacity.GetProperty("engineers")[0].GetProperty("days").GetArrayLength());
        await ProblemAssert.IsProblemAsync(dispatcherEdit, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(dispatcherCreate, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["categories[0]:unknown_category", "districts[0]:region_prefix", "districts[1]:unknown_region"], await ErrorsAsync(badContract));
        Assert.Equal(HttpStatusCode.OK, contract.StatusCode);
        var contracted = await contract.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["11", "3205", "320506"], Strings(contracted, "contractDistricts"));
        Assert.Equal(["water-purifier"], Strings(contracted, "contractCategories"));
        Assert.Equal(["districtCode:unknown_region", "latitude:outside_china"], await ErrorsAsync(badStation));
        Assert.Equal(HttpStatusCode.Created, station.StatusCode);
        Assert.Equal("吴中区", (await station.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("districtName").GetString());
        Assert.Equal(3, await app.DbAsync("demo-brand", db => db.AuditEvents.CountAsync(a => a.Action.StartsWith("network.provider") || a.Action.StartsWith("network.station"))));
    }

    [Theory, AllProviders]
    public async Task Deactivating_a_station_takes_its_engineers_out_of_dispatch_at_once_and_a_new_engineer_gets_a_profile(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        var engineer = await EngineerAsync(admin, "engineer");
        var userId = engineer.GetProperty("userId").GetGuid();
        Assert.True((await SnapshotAsync(app)).Find(userId)!.IsActive);
        var providers = await admin.GetFromJsonAsync<JsonElement>("/api/v1/network/providers");
        var gusu = providers[0].GetProperty("stations").EnumerateArray().Single(s => s.GetProperty("id").GetString() == engineer.GetProperty("stationId").GetString());

        var closed = await admin.PutAsJsonAsync($"/api/v1/network/stations/{gusu.GetProperty("id").GetString()}", new
        {
            name = "苏州姑苏服务站（暂停）", districtCode = "320508", address = "姑苏区人民路 1000 号", latitude = 31.301, longitude = 120.621, isActive = false,
            expectedVersion = gusu.GetProperty("version").GetInt64(),
        });
        var seen = (await SnapshotAsync(app)).Find(userId)!;
        var user = await (await admin.PostAsJsonAsync("/api/v1/users", new { userName = "engineer.zhou", displayName = "工程师 周", password = "Engineer-Zhou-2026", roles = new[] { "Engineer" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var candidates = await admin.GetFromJsonAsync<JsonElement>("/api/v1/network/engineer-candidates");
        var profile = await admin.PostAsJsonAsync("/api/v1/network/engineers", Body() with { UserId = user.GetProperty("id").GetString(), IsActive = true });
        var again = await admin.PostAsJsonAsync("/api/v1/network/engineers", Body() with { UserId = user.GetProperty("id").GetString() });

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.False(seen.IsActive);
        Assert.Equal("苏州姑苏服务站（暂停）", seen.StationName);
        Assert.Equal("苏州姑苏服务站（暂停）", (await EngineerAsync(admin, "engineer")).GetProperty("stationName").GetString());
        Assert.Contains(candidates.EnumerateArray(), c => c.GetProperty("userName").GetString() == "engineer.zhou");
        Assert.Equal(HttpStatusCode.Created, profile.StatusCode);
        Assert.True((await SnapshotAsync(app)).Find(user.GetProperty("id").GetGuid())!.IsActive);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "engineer_profile_exists");
    }

    /// <summary>A valid full profile; tests vary one thing with <c>with</c>.</summary>
    private static EngineerBody Body() => new(
        null, ["water-purifier", "floor-washer"], ["320509", "320506"], 12, 9, 31.14, 120.65,
        [new { kind = "electrician", expiresOn = "2027-03-31" }], Weekdays, [new { from = "2026-05-01", to = "2026-05-05" }], false, null);

    private static async Task<JsonElement> EngineerAsync(HttpClient client, string userName) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/network/engineers")).EnumerateArray().Single(e => e.GetProperty("userName").GetString() == userName);

    private static async Task<NetworkSnapshot> SnapshotAsync(CareLoopApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(await app.TenantIdAsync("demo-brand"), "demo-brand");
        return await scope.ServiceProvider.GetRequiredService<INetwork>().SnapshotAsync(CancellationToken.None);
    }

    private static async Task<string[]> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        return problem.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}").Order(StringComparer.Ordinal).ToArray();
    }

    private static string[] Strings(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();

    /// <summary>The request body (camelCase on the wire).</summary>
    private sealed record EngineerBody(
        string? UserId, string[] Skills, string[] ServiceDistricts, double? ServiceRadiusKm, int DailyCapacity, double? HomeLatitude, double? HomeLongitude,
        object[] Certificates, object[] Shifts, object[] Leave, bool IsActive, long? ExpectedVersion);
}
