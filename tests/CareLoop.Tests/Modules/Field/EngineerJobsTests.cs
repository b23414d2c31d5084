using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Field.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Tests.Infrastructure;
using CareLoop.Tests.Modules.Integrations;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Tests.Modules.Field;

/// <summary>
/// The engineer's phone (issue 7) through <c>/api/v1/field</c>, the same handlers the <c>/m</c> pages call: own jobs
/// only, each action once per idempotency key, an audited call, grabbing from the pool. Orders are platform orders for
/// a water purifier in 320506 (both demo engineers' area) with a window tomorrow 10:00–12:00.
/// </summary>
public sealed class EngineerJobsTests
{
    [Theory, AllProviders]
    public async Task An_engineer_sees_and_answers_only_their_own_jobs(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind, automatic: false);
        using var http = app.Http();
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        using var engineer2 = await app.ApiAsAsync("engineer2");
        var order = await PlaceAsync(http, "F-OWN-1");
        await AssignAsync(app, dispatcher, order, "engineer");

        var jobs = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/field/jobs");
        var card = jobs.GetProperty("upcoming").EnumerateArray().Single(j => j.GetProperty("id").GetGuid() == order);
        Assert.Equal("installation", card.GetProperty("kind").GetString(), ignoreCase: true);
        Assert.Contains("人民路 8 号", card.GetProperty("address").GetString());
        Assert.NotEqual(JsonValueKind.Undefined, card.GetProperty("sla").ValueKind);
        Assert.Empty(jobs.GetProperty("today").EnumerateArray());
        var detail = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/field/jobs/{order}");
        Assert.StartsWith("https://uri.amap.com/marker?position=120.64,31.15", detail.GetProperty("mapLink").GetString());
        Assert.Contains("****", detail.GetProperty("maskedPhone").GetString());

        // Somebody else's job does not exist for engineer2: not listed, not readable, not answerable, no phone.
        Assert.DoesNotContain((await engineer2.GetFromJsonAsync<JsonElement>("/api/v1/field/jobs")).GetProperty("upcoming").EnumerateArray(),
            j => j.GetProperty("id").GetGuid() == order);
        Assert.Equal(HttpStatusCode.NotFound, (await engineer2.GetAsync($"/api/v1/field/jobs/{order}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ActAsync(engineer2, order, "k-other-1", new { action = "accept", expectedVersion = card.GetProperty("version").GetInt64() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await engineer2.PostAsync($"/api/v1/field/jobs/{order}/customer-phone", null)).StatusCode);
        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.Set<AuditEvent>().CountAsync(a => a.Action == "customer.phone-revealed")));

        // The owner calls: the full number, and the reveal is audited with the job's number.
        var line = await engineer.PostAsync($"/api/v1/field/jobs/{order}/customer-phone", null);
        Assert.Equal(HttpStatusCode.OK, line.StatusCode);
        Assert.StartsWith("+86136", (await line.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phone").GetString());
        var audit = await app.DbAsync("demo-brand", db => db.Set<AuditEvent>().SingleAsync(a => a.Action == "customer.phone-revealed"));
        Assert.Contains(detail.GetProperty("card").GetProperty("number").GetString()!, audit.Details);
        Assert.Equal(await UserIdAsync(app, "engineer"), audit.ActorId);

        // Declining needs a reason (the work-order rules), then it counts.
        var bare = await ActAsync(engineer, order, "k-decline-1", new { action = "decline", expectedVersion = card.GetProperty("version").GetInt64() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bare.StatusCode);
        var declined = await ActAsync(engineer, order, "k-decline-2", new { action = "decline", expectedVersion = card.GetProperty("version").GetInt64(), reason = "车坏了" });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal("declined", (await declined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString(), ignoreCase: true);
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync($"/api/v1/field/jobs/{order}")).StatusCode);
    }

    [Theory, AllProviders]
    public async Task An_accept_resent_with_its_key_moves_the_order_once_and_gets_the_first_answer(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind, automatic: false);
        using var http = app.Http();
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var order = await PlaceAsync(http, "F-ONCE-1");
        await AssignAsync(app, dispatcher, order, "engineer");
        var version = await VersionAsync(engineer, order);

        // The phone resends a post whose answer it never saw, several times at once and once more later.
        var accept = new { action = "accept", expectedVersion = version };
        using var go = new SemaphoreSlim(0);
        var resends = Enumerable.Range(0, 4).Select(async _ =>
        {
            await go.WaitAsync();
            return await ActAsync(engineer, order, "k-accept-1", accept);
        }).ToList();
        go.Release(4);
        var answers = await Task.WhenAll(resends);
        var later = await ActAsync(engineer, order, "k-accept-1", accept);

        Assert.All(answers.Append(later), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var bodies = await Task.WhenAll(answers.Append(later).Select(a => a.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.All(bodies, b => Assert.Equal("accepted", b.GetProperty("state").GetString(), ignoreCase: true));
        Assert.Single(bodies, b => !b.GetProperty("replayed").GetBoolean());
        Assert.True(bodies[^1].GetProperty("replayed").GetBoolean());
        var work = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");
        Assert.Equal(1, work.GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("action").GetString() == "accept"));
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.Set<ActionReceipt>().CountAsync(r => r.WorkOrderId == order)));

        // A key belongs to one action: reused for another, it is refused, not replayed.
        var reused = await ActAsync(engineer, order, "k-accept-1", new { action = "decline", expectedVersion = version, reason = "x" });
        await ProblemAssert.IsProblemAsync(reused, HttpStatusCode.Conflict, "idempotency_key_reused");
        var keyless = await engineer.PostAsJsonAsync($"/api/v1/field/jobs/{order}/actions", accept);
        await ProblemAssert.HasFieldErrorAsync(keyless, "idempotencyKey", "required");
    }

    [Theory, AllProviders]
    public async Task A_pool_offer_is_grabbed_once_and_the_slower_engineer_hears_it_is_gone(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind, automatic: true);
        using var http = app.Http();
        using var admin = await app.ApiAsAsync("admin");
        var settings = await admin.GetFromJsonAsync<Dictionary<string, JsonElement>>("/api/v1/settings/dispatch");
        settings!["grabAreas"] = JsonSerializer.SerializeToElement(new[] { "3205" });
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/settings/dispatch", settings)).StatusCode);
        var order = await PlaceAsync(http, "F-GRAB-1");
        using var engineer = await app.ApiAsAsync("engineer");
        using var engineer2 = await app.ApiAsAsync("engineer2");

        var offer = await EventuallyAsync(async () =>
            (await engineer.GetFromJsonAsync<JsonElement>("/api/v1/field/jobs")).GetProperty("pool").EnumerateArray()
            .FirstOrDefault(j => j.GetProperty("id").GetGuid() == order) is { ValueKind: JsonValueKind.Object } j ? j.GetProperty("offerId").GetGuid() : (Guid?)null);
        var pooled = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/field/jobs/{order}");
        Assert.Equal(JsonValueKind.Null, pooled.GetProperty("card").GetProperty("address").ValueKind); // the street only once it is yours

        var grabbed = await ActAsync(engineer, order, "k-grab-1", new { action = "grab", offerId = offer });
        var again = await ActAsync(engineer, order, "k-grab-1", new { action = "grab", offerId = offer });
        var late = await ActAsync(engineer2, order, "k-grab-2", new { action = "grab", offerId = offer });

        Assert.Equal(HttpStatusCode.OK, grabbed.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetBoolean());
        await ProblemAssert.IsProblemAsync(late, HttpStatusCode.Conflict, "offer_gone");
        var mine = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/field/jobs");
        Assert.Contains(mine.GetProperty("upcoming").EnumerateArray(), j => j.GetProperty("id").GetGuid() == order);
        Assert.Equal(HttpStatusCode.NotFound, (await engineer2.GetAsync($"/api/v1/field/jobs/{order}")).StatusCode);
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, Guid order, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/field/jobs/{order}/actions") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static async Task<CareLoopApp> StartAsync(DatabaseKind kind, bool automatic)
    {
        var app = new CareLoopApp(await TestDatabases.CreateAsync(kind), settings: new Dictionary<string, string?> { ["Dispatch:Automatic"] = automatic ? "true" : "false" });
        app.StartServer();
        return app;
    }

    /// <summary>A paid platform order for one water purifier in 320506 with installation tomorrow 10:00–12:00 (Shanghai); returns its work order.</summary>
    private static async Task<Guid> PlaceAsync(HttpClient http, string platformOrderId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var now = TimeProvider.System.GetUtcNow();
        var start = new DateTimeOffset(TimeZoneInfo.ConvertTime(now, zone).Date.AddDays(1).AddHours(10), TimeSpan.FromHours(8));
        var response = await OrderApi.SendAsync(http, new
        {
            platform = "tmall",
            platformOrderId,
            shopId = "tmall-flagship",
            paidAt = now.AddMinutes(-3),
            buyer = new { name = "周敏", phone = "1360000" + Math.Abs(platformOrderId.GetHashCode(StringComparison.Ordinal) % 10000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture), address = new { regionCode = "320506", detail = "人民路 8 号", lat = 31.15, lng = 120.64 } },
            items = new[] { new { sku = "WP-RO600", quantity = 1 } },
            service = "install",
            preferredWindow = new { start, end = start.AddHours(2) },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrderIds")[0].GetGuid();
    }

    private static async Task AssignAsync(CareLoopApp app, HttpClient dispatcher, Guid order, string engineer)
    {
        var assigned = await dispatcher.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{order}/assignment",
            new { engineerId = await UserIdAsync(app, engineer), expectedVersion = await VersionAsync(dispatcher, order) });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
    }

    private static async Task<long> VersionAsync(HttpClient client, Guid order) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("version").GetInt64();

    private static Task<Guid> UserIdAsync(CareLoopApp app, string userName) =>
        app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

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

        throw new TimeoutException("The outbox did not offer the order within 15 s.");
    }
}
