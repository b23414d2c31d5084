using System.Security.Claims;
using CareLoop.Modules.Dispatch.Domain;
using CareLoop.Modules.Dispatch.Features.AutoDispatch;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Realtime;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Dispatch.Features.PlanRoutes;

/// <summary>
/// Applies a proposed plan in one unit of work: every routed job goes to its planned engineer (a dispatch decision
/// <c>route_plan</c>, outcome manual, audited, when the engineer changes) and gets its planned arrival (the planned
/// start of service); a job the plan left out loses any earlier planned arrival. Refused (409
/// <c>route_plan_stale</c>, with the changed orders' numbers) when any job changed since the plan was computed.
/// </summary>
public sealed class AcceptRoutePlanHandler(
    CareLoopDbContext db, ITenantContext tenant, IWorkOrderDesk desk, Dispatcher dispatcher, IAuditLog audit, IChangeFeed changes, TimeProvider time)
{
    public const string StaleCode = "route_plan_stale";
    public const string NotProposedCode = "route_plan_not_proposed";

    public async Task<Result<RoutePlanView>> HandleAsync(ClaimsPrincipal actor, Guid planId, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.DispatchAssign))
        {
            return Error.Forbidden();
        }

        var plan = await db.Set<RoutePlan>().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return Error.NotFound();
        }

        if (plan.Status != RoutePlanStatus.Proposed)
        {
            return Error.Conflict(NotProposedCode) with { Extensions = new Dictionary<string, object?> { ["planStatus"] = plan.Status.ToString().ToLowerInvariant() } };
        }

        var document = RoutePlanQueries.Read(plan);
        var stale = new List<string>();
        foreach (var job in document.Jobs)
        {
            if (await desk.DispatchFactsAsync(job.Id, cancellationToken) is not { } facts || facts.Version != job.Version)
            {
                stale.Add(job.Number);
            }
        }

        if (stale.Count > 0)
        {
            return Error.Conflict(StaleCode) with { Extensions = new Dictionary<string, object?> { ["stale"] = stale } };
        }

        var midnight = TimeDisplay.ToUtc(document.Date, TimeOnly.MinValue);
        var stops = document.Engineers.SelectMany(e => e.Stops.Select(s => (Engineer: e, Stop: s))).ToDictionary(x => x.Stop.JobId);
        var actorId = actor.UserId();
        var actorName = actor.DisplayName();
        var now = time.GetUtcNow();
        var tenantId = tenant.RequireTenantId();
        var decisions = new List<DispatchDecision>();
        foreach (var job in document.Jobs)
        {
            DateTimeOffset? eta = null;
            if (stops.TryGetValue(job.Id, out var routed))
            {
                eta = midnight + routed.Stop.ServiceStart;
                if (job.AssigneeId != routed.Engineer.Id)
                {
                    var assigned = await desk.StageAssignAsync(job.Id, job.Version, routed.Engineer.Id, actorId, actorName, "路线规划", cancellationToken);
                    if (!assigned.IsSuccess)
                    {
                        return assigned.Error!;
                    }

                    await dispatcher.WithdrawOffersAsync(job.Id, cancellationToken);
                    var decision = DispatchDecision.Record(tenantId, job.Id, job.Version, DispatchTriggers.RoutePlan, DispatchOutcome.Manual, routed.Engineer.Id,
                        null, null, actorId, actorName, "", now);
                    decisions.Add(decision);
                    db.Add(decision);
                    audit.Record(tenantId, actorId, actorName, "dispatch.route_planned", "WorkOrder", job.Id.ToString(),
                        new { engineerId = routed.Engineer.Id, planId, eta });
                }
            }

            var timed = await desk.StagePlannedArrivalAsync(job.Id, job.Version, eta, cancellationToken);
            if (!timed.IsSuccess)
            {
                return timed.Error!;
            }
        }

        plan.Accept(actorName, now);
        audit.Record(tenantId, actorId, actorName, "dispatch.route_plan_accepted", nameof(RoutePlan), plan.Id.ToString(),
            new { stationId = plan.StationId, date = plan.Date, jobs = stops.Count });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict(StaleCode) with { Extensions = new Dictionary<string, object?> { ["stale"] = Array.Empty<string>() } }; // someone changed an order meanwhile
        }

        foreach (var job in document.Jobs)
        {
            desk.AnnounceSaved(job.Id, "plan");
        }

        changes.Publish(ChangeTopics.Topic(tenantId, DispatchTopics.Board), new ChangeNotice(plan.Id, 0, "route_plan"));
        return RoutePlanQueries.View(plan, document);
    }
}
