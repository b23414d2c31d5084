using System.Security.Claims;
using CareLoop.Modules.Dispatch.Domain;
using CareLoop.Modules.Dispatch.Features.AutoDispatch;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Realtime;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CareLoop.Modules.Dispatch.Features.Grab;

public sealed record OfferView(Guid Id, Guid WorkOrderId, string WorkOrderNumber, string? RegionCode, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt);

public sealed record GrabResult(Guid OfferId, Guid WorkOrderId, string WorkOrderNumber, Guid EngineerId);

/// <summary>
/// Grab mode for engineers: the open offers made to me, and grabbing one. Taking an offer is a single conditional
/// update (open, unexpired → taken by me) inside the transaction that also assigns the order: under any race exactly
/// one engineer's update matches, on SQLite (one writer) and PostgreSQL (the row lock; the loser re-checks and misses).
/// </summary>
public sealed class GrabPool(CareLoopDbContext db, ITenantContext tenant, IWorkOrderDesk desk, IChangeFeed changes, TimeProvider time)
{
    public async Task<Result<IReadOnlyList<OfferView>>> MineAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.DispatchGrab) || actor.UserId() is not { } me)
        {
            return Error.Forbidden();
        }

        var now = time.GetUtcNow();
        var open = await db.Set<GrabOffer>().AsNoTracking().Where(o => o.Status == GrabOfferStatus.Open && o.ExpiresAt > now)
            .OrderBy(o => o.ExpiresAt).Take(500).ToListAsync(cancellationToken);
        return open.Where(o => o.IsOfferedTo(me))
            .Select(o => new OfferView(o.Id, o.WorkOrderId, o.WorkOrderNumber, o.RegionCode, o.CreatedAt, o.ExpiresAt)).ToList();
    }

    public async Task<Result<GrabResult>> GrabAsync(ClaimsPrincipal actor, Guid offerId, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.DispatchGrab) || actor.UserId() is not { } me)
        {
            return Error.Forbidden();
        }

        var offer = await db.Set<GrabOffer>().AsNoTracking().SingleOrDefaultAsync(o => o.Id == offerId, cancellationToken);
        if (offer is null || !offer.IsOfferedTo(me))
        {
            return Error.NotFound();
        }

        var now = time.GetUtcNow();
        var name = actor.DisplayName();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var won = await db.Set<GrabOffer>()
            .Where(o => o.Id == offerId && o.Status == GrabOfferStatus.Open && o.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, GrabOfferStatus.Taken).SetProperty(o => o.WinnerId, me).SetProperty(o => o.ClosedAt, now), cancellationToken);
        if (won != 1)
        {
            return Error.Conflict(ErrorCodes.OfferGone);
        }

        var assigned = await desk.StageAssignAsync(offer.WorkOrderId, offer.WorkOrderVersion, me, me, name, null, cancellationToken);
        if (!assigned.IsSuccess)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Error.Conflict(ErrorCodes.OfferGone); // the order changed meanwhile (cancelled, assigned by a dispatcher)
        }

        db.Add(DispatchDecision.Record(tenant.RequireTenantId(), offer.WorkOrderId, offer.WorkOrderVersion, DispatchTriggers.Grab, DispatchOutcome.Grabbed, me, null, null,
            me, name, "", now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        desk.AnnounceSaved(offer.WorkOrderId, "assign");
        changes.Publish(ChangeTopics.Topic(offer.TenantId, DispatchTopics.Board), new ChangeNotice(offer.WorkOrderId, 0, "grab"));
        return new GrabResult(offer.Id, offer.WorkOrderId, offer.WorkOrderNumber, me);
    }
}

/// <summary>
/// Every 30 s: offers nobody grabbed in time go back to the dispatcher (a queued decision with reason
/// <c>grab_timeout</c>); offers whose order was meanwhile assigned or cancelled are withdrawn.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EscalateGrabOffersJob(TenantScopes tenants, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new("escalate-grab-offers", "dispatch");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var tenantId in await tenants.TenantsWithAsync<GrabOffer>(o => o.Status == GrabOfferStatus.Open && o.ExpiresAt <= now, cancellationToken))
        {
            await using var scope = tenants.For(tenantId);
            await scope.ServiceProvider.GetRequiredService<GrabEscalation>().RunAsync(cancellationToken);
        }
    }
}

public sealed class GrabEscalation(CareLoopDbContext db, ITenantContext tenant, IWorkOrderDesk desk, IChangeFeed changes, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = await db.Set<GrabOffer>().Where(o => o.Status == GrabOfferStatus.Open && o.ExpiresAt <= now).Take(500).ToListAsync(cancellationToken);
        foreach (var offer in expired)
        {
            var facts = await desk.DispatchFactsAsync(offer.WorkOrderId, cancellationToken);
            var waiting = facts is { AssigneeId: null } && facts.Version == offer.WorkOrderVersion;
            offer.Close(waiting ? GrabOfferStatus.Escalated : GrabOfferStatus.Withdrawn, now);
            if (waiting)
            {
                db.Add(DispatchDecision.Record(tenant.RequireTenantId(), offer.WorkOrderId, offer.WorkOrderVersion, DispatchTriggers.GrabTimeout, DispatchOutcome.Queued,
                    null, DispatchReasons.GrabTimeout, null, null, Dispatcher.SystemActor, "", now));
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return 0; // an engineer grabbed one at the last moment, or another node escalated first: the next round sees the truth
        }

        foreach (var offer in expired.Where(o => o.Status == GrabOfferStatus.Escalated))
        {
            changes.Publish(ChangeTopics.Topic(offer.TenantId, DispatchTopics.Board), new ChangeNotice(offer.WorkOrderId, 0, "escalate"));
        }

        return expired.Count;
    }
}
