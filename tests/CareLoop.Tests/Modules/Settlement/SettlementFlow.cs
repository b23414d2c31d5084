using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Callbacks.Contracts;
using CareLoop.Modules.Network.Domain;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Platform.Outbox;
using CareLoop.Tests.Infrastructure;
using CareLoop.Tests.Modules.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CareLoop.Tests.Modules.Settlement;

/// <summary>
/// Drives jobs to completion through the real APIs on a fake clock and delivers the outbox by hand (the callback module
/// raises <see cref="CallbackConfirmed"/>; until it lands, the tests put that event in the outbox as it would).
/// Installations need no evidence here (the tenant's completion policy is set to none), so a job is: a platform order at
/// a chosen position, assign, accept, schedule, check in, complete.
/// </summary>
internal sealed class SettlementFlow : IAsyncDisposable
{
    /// <summary>苏州姑苏服务站, the demo engineer's station (the distance allowance is measured from it).</summary>
    public const double StationLat = 31.3010;
    public const double StationLng = 120.6210;

    /// <summary>Monday 2 November 2026, 09:00 in Shanghai: a month with room for ten days of jobs.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, HttpClient> _clients = [];
    private int _orders;

    private SettlementFlow(CareLoopApp app, FakeTimeProvider clock)
    {
        App = app;
        Clock = clock;
    }

    public CareLoopApp App { get; }

    public FakeTimeProvider Clock { get; }

    public static async Task<SettlementFlow> StartAsync(DatabaseKind kind, bool contractedProvider = false)
    {
        var clock = new FakeTimeProvider(Start.ToUniversalTime());
        var app = await CareLoopApp.StartAsync(kind, startOutbox: false, services: s => s.AddSingleton<TimeProvider>(clock));
        var flow = new SettlementFlow(app, clock);
        await app.DbAsync("demo-brand", async db =>
        {
            db.Add(CompletionPolicy.Create(db.Tenants.Single(t => t.Slug == "demo-brand").Id, WorkOrderKind.Installation));
            if (contractedProvider)
            {
                // The demo's provider is the brand's own organisation; as a contracted one, the brand settles with it.
                await db.Set<Provider>().ExecuteUpdateAsync(s => s.SetProperty(p => p.IsBrandOwned, false));
            }

            return await db.SaveChangesAsync();
        });
        return flow;
    }

    public async Task<HttpClient> AsAsync(string user)
    {
        if (!_clients.TryGetValue(user, out var client))
        {
            client = await App.ApiAsAsync(user);
            _clients[user] = client;
        }

        return client;
    }

    /// <summary>After moving the clock past the tokens' hour: sign everyone in again.</summary>
    public void ForgetTokens()
    {
        foreach (var c in _clients.Values)
        {
            c.Dispose();
        }

        _clients.Clear();
    }

    public Task<Guid> UserIdAsync(string userName) =>
        App.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    /// <summary>A completed installation of <paramref name="sku"/> <paramref name="km"/> north of the station, done by <paramref name="engineer"/>.</summary>
    public async Task<Guid> CompletedJobAsync(string sku, double km, string engineer = "engineer")
    {
        var order = await PlaceAsync(sku, km);
        await CompleteAsync(order, engineer);
        return order;
    }

    public async Task<Guid> PlaceAsync(string sku, double km)
    {
        var n = Interlocked.Increment(ref _orders);
        using var http = App.Http();
        var now = Clock.GetUtcNow();
        var response = await OrderApi.SendAsync(http, new
        {
            platform = "tmall",
            platformOrderId = "ST-" + n.ToString(CultureInfo.InvariantCulture),
            shopId = "tmall-flagship",
            paidAt = now.AddMinutes(-3),
            buyer = new { name = "顾客" + n, phone = "1390000" + n.ToString("0000", CultureInfo.InvariantCulture), address = new { regionCode = "320508", detail = $"人民路 {n} 号", lat = StationLat + (km / 111.19), lng = StationLng } },
            items = new[] { new { sku, quantity = 1 } },
            service = "install",
        }, now);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());
        return body.GetProperty("workOrderIds")[0].GetGuid();
    }

    public async Task CompleteAsync(Guid order, string engineer = "engineer")
    {
        var dispatcher = await AsAsync("dispatcher");
        var me = await AsAsync(engineer);
        var day = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(14, 0)), TimeSpan.FromHours(8));
        var version = await VersionAsync(dispatcher, order);
        version = await MoveAsync(dispatcher, order, version, new { action = "assign", assigneeId = await UserIdAsync(engineer) });
        version = await MoveAsync(me, order, version, new { action = "accept" });
        version = await MoveAsync(me, order, version, new { action = "schedule", window = new { start, end = start.AddHours(2) } });
        version = await MoveAsync(me, order, version, new { action = "checkIn", latitude = StationLat, longitude = StationLng });
        await MoveAsync(me, order, version, new { action = "complete" });
    }

    public async Task ReopenAsync(Guid order, string reason = "又不出水了")
    {
        var agent = await AsAsync("agent");
        await MoveAsync(agent, order, await VersionAsync(agent, order), new { action = "reopen", reason });
    }

    /// <summary>Puts an event in the outbox as its module would (the callback module raises these).</summary>
    public Task EnqueueAsync(IDomainEvent domainEvent) =>
        App.DbAsync("demo-brand", db =>
        {
            var tenant = db.Tenants.Single(t => t.Slug == "demo-brand").Id;
            db.OutboxMessages.Add(OutboxMessage.Create(tenant, domainEvent.GetType().FullName!,
                JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), Web), Clock.GetUtcNow()));
            return db.SaveChangesAsync();
        });

    /// <summary>The customer confirmed on the callback: the event the callback module raises, through the outbox.</summary>
    public async Task ConfirmAsync(Guid order, int? csat)
    {
        await EnqueueAsync(new CallbackConfirmed(Guid.NewGuid(), order, "", null, csat, csat is null ? null : 9, Clock.GetUtcNow()));
        await DeliverAsync();
    }

    /// <summary>Runs the real outbox dispatcher until nothing is pending (everything due on the fake clock).</summary>
    public async Task DeliverAsync()
    {
        var dispatcher = App.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DeliverBatchAsync(CancellationToken.None) > 0)
        {
        }

        var dead = await App.DbAsync(null, db => db.OutboxMessages.IgnoreQueryFilters().Where(m => m.LastError != null).Select(m => m.Type + ": " + m.LastError).ToListAsync());
        Assert.True(dead.Count == 0, string.Join("\n", dead));
    }

    public static async Task<long> VersionAsync(HttpClient client, Guid order) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("version").GetInt64();

    private static async Task<long> MoveAsync(HttpClient client, Guid order, long expectedVersion, object transition)
    {
        var body = JsonSerializer.SerializeToNode(transition)!.AsObject();
        body["expectedVersion"] = expectedVersion;
        var response = await client.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", body);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{body["action"]}: {result}");
        return result.GetProperty("version").GetInt64();
    }

    public async ValueTask DisposeAsync()
    {
        ForgetTokens();
        await App.DisposeAsync();
    }
}
