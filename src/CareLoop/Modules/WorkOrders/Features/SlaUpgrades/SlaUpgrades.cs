using System.Security.Claims;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Domain.Sla;
using CareLoop.Modules.WorkOrders.Features.EvaluateSla;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Realtime;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders.Features.SlaUpgrades;

public sealed record RequestSlaUpgradeRequest(SlaTarget? Target, int? BudgetMinutes, SlaClockMode? Mode, string? Reason);

public sealed record DecideSlaUpgradeRequest(bool? Approve, string? Note);

public sealed record SlaUpgradeView(
    Guid Id, Guid WorkOrderId, string WorkOrderNumber, SlaTarget Target, int BudgetMinutes, SlaClockMode Mode, string Reason, string RequestedBy,
    DateTimeOffset RequestedAt, SlaUpgradeStatus Status, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote, bool MayDecide);

/// <summary>
/// Special approval of a tighter SLA (特批): an agent asks with a reason, a supervisor other than the asker approves or
/// rejects. An approval re-times the order's clocks at once; both steps are on the timeline and in the audit log.
/// </summary>
public sealed class SlaUpgradesHandler(CareLoopDbContext db, SlaTracker tracker, IAuditLog audit, IChangeFeed changes, TimeProvider time)
{
    public async Task<Result<IReadOnlyList<SlaUpgradeView>>> ForOrderAsync(ClaimsPrincipal actor, Guid workOrderId, CancellationToken cancellationToken)
    {
        if (await FindOrderAsync(actor, workOrderId, cancellationToken) is not { } order)
        {
            return Error.NotFound();
        }

        var upgrades = await db.Set<SlaUpgrade>().AsNoTracking().Where(u => u.WorkOrderId == workOrderId).OrderByDescending(u => u.RequestedAt).ToListAsync(cancellationToken);
        return upgrades.Select(u => View(u, order.Number, actor)).ToList();
    }

    /// <summary>The supervisors' queue: pending requests, oldest first (they are waiting longest).</summary>
    public async Task<Result<IReadOnlyList<SlaUpgradeView>>> PendingAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SlaUpgradesDecide))
        {
            return Error.Forbidden();
        }

        var pending = await db.Set<SlaUpgrade>().AsNoTracking().Where(u => u.Status == SlaUpgradeStatus.Pending).OrderBy(u => u.RequestedAt).Take(200)
            .Join(db.Set<WorkOrder>(), u => u.WorkOrderId, w => w.Id, (u, w) => new { Upgrade = u, w.Number })
            .ToListAsync(cancellationToken);
        return pending.Select(p => View(p.Upgrade, p.Number, actor)).ToList();
    }

    public async Task<Result<SlaUpgradeView>> RequestAsync(ClaimsPrincipal actor, Guid workOrderId, RequestSlaUpgradeRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SlaUpgradesRequest))
        {
            return Error.Forbidden();
        }

        if (await FindOrderAsync(actor, workOrderId, cancellationToken, track: true) is not { } order)
        {
            return Error.NotFound();
        }

        // A promise can only be tightened while the work is still to be done.
        if (!SlaEvaluator.Running.Contains(order.State))
        {
            return new Error(ErrorCodes.IllegalTransition, 422, null, "slaUpgrade", order.State.ToString());
        }

        if (await db.Set<SlaUpgrade>().AnyAsync(u => u.WorkOrderId == workOrderId && u.Status == SlaUpgradeStatus.Pending, cancellationToken))
        {
            return Error.Conflict(ErrorCodes.UpgradePending);
        }

        var who = WorkOrderActors.From(actor);
        var now = time.GetUtcNow();
        var requested = SlaUpgrade.Request(order, request.Target, request.BudgetMinutes, request.Mode, request.Reason, who, now);
        if (!requested.IsSuccess)
        {
            return requested.Error!;
        }

        var upgrade = requested.Value!;
        db.Add(upgrade);
        order.Note(who, "slaUpgradeRequested", upgrade.Reason, now);
        db.Entry(order).State = EntityState.Modified; // a new version: open pages reload, a stale write elsewhere gets its 409
        audit.Record("work-order.sla-upgrade-requested", nameof(WorkOrder), order.Id.ToString(), new { upgrade.Id, upgrade.Target, upgrade.BudgetMinutes, upgrade.Mode, upgrade.Reason });
        await db.SaveChangesAsync(cancellationToken);
        Publish(order, "slaUpgradeRequested");
        return View(upgrade, order.Number, actor);
    }

    public async Task<Result<SlaUpgradeView>> DecideAsync(ClaimsPrincipal actor, Guid upgradeId, DecideSlaUpgradeRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SlaUpgradesDecide))
        {
            return Error.Forbidden();
        }

        var upgrade = await db.Set<SlaUpgrade>().SingleOrDefaultAsync(u => u.Id == upgradeId, cancellationToken);
        var order = upgrade is null ? null : await FindOrderAsync(actor, upgrade.WorkOrderId, cancellationToken, track: true);
        if (upgrade is null || order is null)
        {
            return Error.NotFound();
        }

        if (request.Approve is null)
        {
            return new Validation().Add("approve", ErrorCodes.Required).ToError()!;
        }

        // Four eyes: whoever asked does not approve their own request.
        if (upgrade.RequestedById == actor.UserId())
        {
            return new Error(ErrorCodes.OwnRequest, StatusCodes.Status403Forbidden);
        }

        var who = WorkOrderActors.From(actor);
        var now = time.GetUtcNow();
        if (upgrade.Decide(request.Approve.Value, request.Note, who, now) is { } refused)
        {
            return refused;
        }

        var action = upgrade.Status == SlaUpgradeStatus.Approved ? "slaUpgradeApproved" : "slaUpgradeRejected";
        order.Note(who, action, upgrade.DecisionNote ?? "", now);
        audit.Record("work-order.sla-upgrade-" + (upgrade.Status == SlaUpgradeStatus.Approved ? "approved" : "rejected"), nameof(WorkOrder), order.Id.ToString(),
            new { upgrade.Id, upgrade.Target, upgrade.BudgetMinutes, upgrade.DecisionNote });
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);

            // The decision is saved, so the tracker reads it: the order's thresholds move now, not at the next job run.
            await tracker.TrackAsync(order, cancellationToken);
            db.Entry(order).State = EntityState.Modified;
            await db.SaveChangesAsync(cancellationToken);

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        Publish(order, action);
        return View(upgrade, order.Number, actor);
    }

    private async Task<WorkOrder?> FindOrderAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken, bool track = false)
    {
        var query = db.Set<WorkOrder>().AsQueryable();
        var order = track
            ? await query.Include(w => w.Timeline).SingleOrDefaultAsync(w => w.Id == id, cancellationToken)
            : await query.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        return order is null || !WorkOrderActors.Sees(actor, order) ? null : order;
    }

    private void Publish(WorkOrder order, string what)
    {
        changes.Publish(ChangeTopics.Topic(order.TenantId, WorkOrderTopics.Order, order.Id), new ChangeNotice(order.Id, order.Version, what));
        changes.Publish(ChangeTopics.Topic(order.TenantId, WorkOrderTopics.List), new ChangeNotice(order.Id, order.Version, what));
    }

    private static SlaUpgradeView View(SlaUpgrade u, string number, ClaimsPrincipal actor) => new(
        u.Id, u.WorkOrderId, number, u.Target, u.BudgetMinutes, u.Mode, u.Reason, u.RequestedByName, u.RequestedAt, u.Status, u.DecidedByName, u.DecidedAt,
        u.DecisionNote, u.Status == SlaUpgradeStatus.Pending && actor.HasPermission(Permissions.SlaUpgradesDecide) && u.RequestedById != actor.UserId());
}

public static class SlaUpgradesEndpoints
{
    public static void MapSlaUpgrades(this RouteGroupBuilder api)
    {
        api.MapGet("/work-orders/{id:guid}/sla-upgrades", async (Guid id, ClaimsPrincipal user, SlaUpgradesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.ForOrderAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.WorkOrdersRead).WithTags("Work orders")
            .WithSummary("The order's SLA upgrade requests (special approvals), newest first.");
        api.MapPost("/work-orders/{id:guid}/sla-upgrades", async (Guid id, RequestSlaUpgradeRequest body, ClaimsPrincipal user, SlaUpgradesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.RequestAsync(user, id, body, ct)).ToHttp(http, u => TypedResults.Created($"/api/v1/work-orders/{id}/sla-upgrades", u)))
            .RequireAuthorization(Permissions.SlaUpgradesRequest).WithTags("Work orders")
            .WithSummary("Ask for a tighter SLA: { target: firstContact|arrival|completion|repairTurnaround, budgetMinutes, mode?, reason }. 409 while one is pending.");
        api.MapGet("/sla-upgrades", async (ClaimsPrincipal user, SlaUpgradesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.PendingAsync(user, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SlaUpgradesDecide).WithTags("Work orders")
            .WithSummary("Pending SLA upgrade requests, oldest first (the supervisors' queue).");
        api.MapPost("/sla-upgrades/{id:guid}/decision", async (Guid id, DecideSlaUpgradeRequest body, ClaimsPrincipal user, SlaUpgradesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.DecideAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SlaUpgradesDecide).WithTags("Work orders")
            .WithSummary("Approve or reject: { approve, note? } (a rejection needs a note; nobody decides their own request).");
    }
}
