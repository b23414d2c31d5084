using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Outbox;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareLoop.Tests.Platform;

public sealed class OutboxTests
{
    [Theory, AllProviders]
    public async Task A_message_survives_a_restart_and_is_delivered_exactly_once(DatabaseKind kind)
    {
        var database = await TestDatabases.CreateAsync(kind);
        await using var _ = database;
        var probe = new DeliveryProbe();
        Guid userId;

        // 1. A node that does not deliver: the event is stored with the change, then the node goes away.
        await using (var first = new CareLoopApp(database, startOutbox: false, services: s => s.AddProbe(probe)))
        {
            using var admin = await first.ApiAsAsync("admin");
            var created = await admin.PostAsJsonAsync("/api/v1/users", NewUser("outbox-probe"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            userId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            Assert.Equal(OutboxState.Pending, await StateAsync(first, userId));
        }

        // 2. Two delivering nodes on the same database after the restart.
        await using var second = new CareLoopApp(database, startOutbox: true, services: s => s.AddProbe(probe));
        await using var third = new CareLoopApp(database, startOutbox: true, services: s => s.AddProbe(probe));
        second.StartServer();
        third.StartServer();
        await WaitUntilAsync(async () => await StateAsync(second, userId) == OutboxState.Delivered);
        await Task.Delay(1000, TestContext.Current.CancellationToken); // more polling rounds must not deliver again

        Assert.Equal(1, probe.Count(userId));
        var messageId = await second.DbAsync(null, db => db.OutboxMessages.IgnoreQueryFilters()
            .Where(m => m.Payload.Contains(userId.ToString())).Select(m => m.Id).SingleAsync());
        var deliveries = await second.DbAsync(null, db => db.OutboxDeliveries.CountAsync(d => d.MessageId == messageId));
        Assert.Equal(1, deliveries);
    }

    [Theory, AllProviders]
    public async Task A_message_whose_handler_keeps_failing_becomes_dead_and_can_be_retried(DatabaseKind kind)
    {
        var probe = new DeliveryProbe { FailuresBeforeSuccess = int.MaxValue };
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: true, services: s =>
        {
            s.AddProbe(probe);
            s.Configure<OutboxOptions>(o => o.MaxAttempts = 2);
        });
        using var admin = await app.ApiAsAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/users", NewUser("always-fails"));
        var userId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await WaitUntilAsync(async () => await StateAsync(app, userId) == OutboxState.Dead);
        var messageId = (await app.DbAsync(null, db => db.OutboxMessages.IgnoreQueryFilters()
            .Where(m => m.Payload.Contains(userId.ToString())).Select(m => m.Id).SingleAsync())).ToString();
        var dead = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/outbox?state=dead&pageSize=200");
        var row = dead.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == messageId);
        Assert.Contains("probe failure", row.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, row.GetProperty("attempts").GetInt32());

        probe.FailuresBeforeSuccess = 0;
        var retry = await admin.PostAsync($"/api/v1/admin/outbox/{messageId}/retry", null);
        var again = await admin.PostAsync($"/api/v1/admin/outbox/{messageId}/retry", null);
        await WaitUntilAsync(async () => await StateAsync(app, userId) == OutboxState.Delivered);

        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        Assert.True(again.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NoContent);
        Assert.Equal(1, probe.Count(userId));
    }

    private static object NewUser(string userName) =>
        new { userName, displayName = "Outbox probe", password = "Probe-Pass-2026", roles = new[] { "Agent" } };

    private static Task<OutboxState> StateAsync(CareLoopApp app, Guid userId) =>
        app.DbAsync(null, db => db.OutboxMessages.IgnoreQueryFilters()
            .Where(m => m.Type == typeof(StaffUserCreated).FullName && m.Payload.Contains(userId.ToString()))
            .Select(m => m.State)
            .SingleAsync());

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail("Condition not reached within 30 s.");
    }
}

/// <summary>Counts deliveries per user across app instances (the same process hosts every node).</summary>
public sealed class DeliveryProbe
{
    private readonly ConcurrentDictionary<Guid, int> _counts = new();
    private int _failures;

    public int FailuresBeforeSuccess { get; set; }

    public int Count(Guid userId) => _counts.GetValueOrDefault(userId);

    public void Record(Guid userId)
    {
        if (Interlocked.Increment(ref _failures) <= FailuresBeforeSuccess)
        {
            throw new InvalidOperationException("probe failure");
        }

        _counts.AddOrUpdate(userId, 1, (_, n) => n + 1);
    }
}

public sealed class ProbeHandler(DeliveryProbe probe) : IOutboxHandler<StaffUserCreated>
{
    public Task HandleAsync(StaffUserCreated domainEvent, OutboxContext context, CancellationToken cancellationToken)
    {
        probe.Record(domainEvent.UserId);
        return Task.CompletedTask;
    }
}

internal static class ProbeRegistration
{
    public static IServiceCollection AddProbe(this IServiceCollection services, DeliveryProbe probe)
    {
        services.AddSingleton(probe);
        return services.AddOutboxHandler<StaffUserCreated, ProbeHandler>();
    }
}
