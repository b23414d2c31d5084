using System.Security.Claims;
using CareLoop.Modules.Callbacks.Domain;
using CareLoop.Modules.Callbacks.Features.Queue;
using CareLoop.Modules.Callbacks.Features.Settings;
using CareLoop.Modules.Service.Contracts;
using CareLoop.Modules.Staff.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Callbacks.Features.CreateCallback;

public sealed record CreateCallbackRequest(Guid? WorkOrderId);

/// <summary>
/// Opens the callback of a completed work order, once per completion: owned by the agent who took the case (the
/// owner of the service request the order was opened for, else the agent who opened the order), else the team queue;
/// due within the tenant's deadline. The order moves to callback-pending in the same commit.
/// </summary>
public sealed class CallbackScheduler(
    CareLoopDbContext db, ITenantContext tenant, IWorkOrderDesk desk, IServiceRequestLinks requests, IStaffDirectory staff, CallbackSettingsHandler settings,
    TimeProvider time)
{
    /// <summary>The existing callback of the order's completion, or a new one; a not-completed order is refused.</summary>
    public async Task<Result<CallbackTask>> OpenAsync(Guid workOrderId, CancellationToken cancellationToken)
    {
        var job = await desk.CallbackJobAsync(workOrderId, cancellationToken);
        if (job is null)
        {
            return Error.NotFound();
        }

        var existing = await db.Set<CallbackTask>().AsNoTracking()
            .Where(c => c.WorkOrderId == workOrderId).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null && (existing.IsOpen || job.State != WorkOrderState.Completed))
        {
            return existing;
        }

        if (job.State != WorkOrderState.Completed || job.CompletedAt is not { } completedAt)
        {
            return new Error(ErrorCodes.WorkOrderNotCompleted, 422, null, job.Number, WorkOrderStateNames(job.State));
        }

        var request = await requests.ForWorkOrderAsync(workOrderId, cancellationToken);
        var owner = await OwnerAsync(request?.OwnerId, cancellationToken) ?? await OwnerAsync(job.CreatedById, cancellationToken);
        var policy = await settings.CurrentAsync(cancellationToken);
        var now = time.GetUtcNow();
        var task = CallbackTask.Create(tenant.RequireTenantId(), job.Id, completedAt, job.Number, job.Kind, job.CustomerId, job.UnitId, job.AssigneeId,
            request?.RequestId, owner, now, TimeSpan.FromHours(policy.DueHours));
        var moved = await desk.StageCallbackStepAsync(job.Id, CallbackStep.RequestCallback, null, null, "system", cancellationToken);
        if (!moved.IsSuccess)
        {
            return moved.Error!;
        }

        db.Add(task);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node (or a redelivery) opened it first: the unique key (order, completion) keeps one.
            db.ChangeTracker.Clear();
            return await db.Set<CallbackTask>().AsNoTracking().SingleAsync(c => c.WorkOrderId == workOrderId && c.WorkOrderCompletedAt == completedAt, cancellationToken);
        }

        desk.AnnounceSaved(job.Id, "requestCallback");
        return task;
    }

    /// <summary>An agent (or supervisor) who can still work: the case follows them; anybody else leaves it to the team.</summary>
    private async Task<Guid?> OwnerAsync(Guid? userId, CancellationToken cancellationToken) =>
        userId is { } id && await staff.FindAsync(id, cancellationToken) is { IsLocked: false } member &&
        member.Roles.Any(r => r is Roles.Agent or Roles.Supervisor)
            ? id
            : null;

    private static string WorkOrderStateNames(WorkOrderState state) => char.ToLowerInvariant(state.ToString()[0]) + state.ToString()[1..];
}

/// <summary>Completing a work order opens its callback (the outbox delivers the event once per handler; the unique key covers a second node).</summary>
public sealed class OpenCallbackOnCompletion(CallbackScheduler scheduler) : IOutboxHandler<WorkOrderTransitioned>
{
    public async Task HandleAsync(WorkOrderTransitioned domainEvent, OutboxContext context, CancellationToken cancellationToken)
    {
        if (domainEvent.To == WorkOrderState.Completed)
        {
            // A refusal here means the order moved on before the event arrived (reopened, say): nothing to call about.
            await scheduler.OpenAsync(domainEvent.WorkOrderId, cancellationToken);
        }
    }
}

public sealed class CreateCallbackHandler(CallbackScheduler scheduler, CallbackQueries queries)
{
    public async Task<Result<CallbackView>> HandleAsync(ClaimsPrincipal actor, CreateCallbackRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CallbacksWork))
        {
            return Error.Forbidden();
        }

        if (request.WorkOrderId is not { } id)
        {
            return new Validation().Add("workOrderId", ErrorCodes.Required).ToError()!;
        }

        var opened = await scheduler.OpenAsync(id, cancellationToken);
        return opened.IsSuccess ? (await queries.GetAsync(actor, opened.Value!.Id, cancellationToken)) : opened.Error!;
    }
}

public static class CreateCallbackEndpoint
{
    public static void MapCreateCallback(this RouteGroupBuilder callbacks) =>
        callbacks.MapPost("/", async (CreateCallbackRequest body, ClaimsPrincipal user, CreateCallbackHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.CallbacksWork)
            .WithSummary("Open the callback of a completed work order by hand ({ workOrderId }); returns the existing one when it is already open. 422 work_order_not_completed otherwise.");
}
