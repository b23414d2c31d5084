using System.Security.Claims;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Domain.Sla;
using CareLoop.Modules.WorkOrders.Features.EvaluateSla;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders.Features.GetWorkOrder;

public sealed record TimelineView(
    DateTimeOffset At, string ActorName, string Action, WorkOrderState? From, WorkOrderState To, string? Reason, Guid? AssigneeId,
    AppointmentWindow? Window, RescheduleCause? Cause, double? Latitude, double? Longitude, string? TrackingNumber);

/// <summary>One SLA clock: its target, status now, deadline (null while paused), time left (negative when overdue), whether a special approval set it.</summary>
public sealed record SlaView(SlaTarget Target, SlaStatus Status, DateTimeOffset? Deadline, long RemainingSeconds, double PercentUsed, bool Upgraded = false);

public sealed record AttachmentView(Guid Id, AttachmentKind Kind, string? Caption, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>A work order as the API and the page show it; <c>AllowedActions</c> is what the caller may do now.</summary>
public sealed record WorkOrderView(
    Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, WorkOrderPriority Priority, Guid CustomerId, Guid? UnitId,
    string Description, Guid? AssigneeId, AppointmentWindow? Window, IReadOnlyList<SlaView> Sla, bool IsRepeatRepair, int RescheduleCount,
    WorkOrderState? SuspendedFrom, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, DateTimeOffset? ClosedAt, long Version,
    IReadOnlyList<string> AllowedActions, IReadOnlyList<TimelineView> Timeline, IReadOnlyList<AttachmentView> Attachments, string? ScannedBarcode,
    DateTimeOffset? PlannedArrival, string? FaultCode = null, string? DiagnosisNotes = null, string? BarcodeManualReason = null);

public sealed class GetWorkOrderHandler(CareLoopDbContext db, SlaTracker sla)
{
    public async Task<Result<WorkOrderView>> HandleAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        var order = await db.Set<WorkOrder>().AsNoTracking().Include(w => w.Timeline).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (order is null || !WorkOrderActors.Sees(actor, order))
        {
            return Error.NotFound();
        }

        var clocks = (await sla.ReadAsync(order, cancellationToken))
            .Select(c => new SlaView(c.Target, c.Reading.Status, c.Reading.Deadline, (long)c.Reading.Remaining.TotalSeconds, Math.Round(c.Reading.PercentUsed, 3), c.Upgraded))
            .ToList();
        var attachments = await db.Set<WorkOrderAttachment>().AsNoTracking().Where(a => a.WorkOrderId == id).OrderBy(a => a.UploadedAt)
            .Select(a => new AttachmentView(a.Id, a.Kind, a.Caption, a.UploadedByName, a.UploadedAt)).ToListAsync(cancellationToken);
        return View(order, WorkOrderActors.From(actor), clocks, attachments);
    }

    internal static WorkOrderView View(WorkOrder o, WorkOrderActor actor, IReadOnlyList<SlaView> sla, IReadOnlyList<AttachmentView> attachments) => new(
        o.Id, o.Number, o.Kind, o.State, o.Priority, o.CustomerId, o.UnitId, o.Description, o.AssigneeId, o.Window, sla, o.IsRepeatRepair,
        o.RescheduleCount, o.SuspendedFrom, o.CreatedAt, o.CompletedAt, o.ClosedAt, o.Version,
        o.ActionsFor(actor).Select(WorkOrder.ToCamel).ToList(),
        o.Timeline.OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => new TimelineView(
            t.At, t.ActorName, t.Action, t.FromState, t.ToState, t.Reason, t.AssigneeId,
            t.WindowStart is { } s && t.WindowEnd is { } e ? new AppointmentWindow(s, e) : null, t.Cause, t.Latitude, t.Longitude, t.TrackingNumber)).ToList(),
        attachments, o.ScannedBarcode, o.PlannedArrival, o.FaultCode, o.DiagnosisNotes, o.BarcodeManualReason);
}

public static class GetWorkOrderEndpoint
{
    public static void MapGetWorkOrder(this RouteGroupBuilder orders) =>
        orders.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, GetWorkOrderHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.WorkOrdersRead)
            .WithSummary("A work order with its timeline and the actions the caller may take now.");
}
