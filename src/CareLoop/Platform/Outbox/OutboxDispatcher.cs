using System.Text.Json;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareLoop.Platform.Outbox;

/// <summary>
/// Delivers pending outbox messages: claim with a lease (so two nodes never work on the same message), then run
/// each handler in its own transaction together with an <see cref="OutboxDelivery"/> row (so each handler's effect
/// happens exactly once), then mark the message delivered — or schedule a retry, or dead-letter it.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxRegistry registry,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    private static readonly string NodeId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Delivers one batch; returns how many messages it settled.</summary>
    public async Task<int> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        List<Guid> candidates;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
            // Delivery works across tenants; each message is then handled inside its own tenant's scope.
            candidates = await db.OutboxMessages.IgnoreQueryFilters()
                .Where(m => m.State == OutboxState.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
                .OrderBy(m => m.NextAttemptAt)
                .Select(m => m.Id)
                .Take(settings.BatchSize)
                .ToListAsync(cancellationToken);
        }

        var settled = 0;
        foreach (var id in candidates)
        {
            if (await TryClaimAsync(id, now, settings, cancellationToken))
            {
                await DeliverAsync(id, settings, cancellationToken);
                settled++;
            }
        }

        return settled;
    }

    private async Task<bool> TryClaimAsync(Guid id, DateTimeOffset now, OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
        var until = now.AddSeconds(settings.LeaseSeconds);
        var claimed = await db.OutboxMessages.IgnoreQueryFilters()
            .Where(m => m.Id == id && m.State == OutboxState.Pending && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until).SetProperty(m => m.LockedBy, NodeId), cancellationToken);
        return claimed == 1;
    }

    private async Task DeliverAsync(Guid id, OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
        var message = await db.OutboxMessages.IgnoreQueryFilters().SingleAsync(m => m.Id == id, cancellationToken);
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(message.TenantId, null);
        try
        {
            if (registry.Find(message.Type) is { } route)
            {
                var domainEvent = (IDomainEvent)JsonSerializer.Deserialize(message.Payload, route.Event, OutboxSerializer.Options)!;
                var context = new OutboxContext(message.Id, message.TenantId, message.OccurredAt, message.Attempts + 1);
                foreach (var subscription in route.Handlers)
                {
                    await RunHandlerOnceAsync(subscription, domainEvent, context, cancellationToken);
                }
            }

            message.MarkDelivered(time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Outbox message {MessageId} ({Type}) failed on attempt {Attempt}", message.Id, message.Type, message.Attempts + 1);
            message.MarkFailed(ex.GetType().Name + ": " + ex.Message, time.GetUtcNow(), settings.MaxAttempts);
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task RunHandlerOnceAsync(OutboxSubscription subscription, IDomainEvent domainEvent, OutboxContext context, CancellationToken cancellationToken)
    {
        var handlerName = subscription.Handler.FullName!;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(context.TenantId, null);
        var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
        if (await db.OutboxDeliveries.AnyAsync(d => d.MessageId == context.MessageId && d.Handler == handlerName, cancellationToken))
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await subscription.Invoke(scope.ServiceProvider.GetRequiredService(subscription.Handler), domainEvent, context, cancellationToken);
        db.OutboxDeliveries.Add(OutboxDelivery.Create(context.MessageId, handlerName, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
