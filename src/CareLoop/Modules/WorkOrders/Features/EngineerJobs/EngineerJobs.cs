using System.Security.Claims;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Domain.Sla;
using CareLoop.Modules.WorkOrders.Features.EvaluateSla;
using CareLoop.Modules.WorkOrders.Features.SlaSettings;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Realtime;
using CareLoop.Modules.WorkOrders.Features.TransitionWorkOrder;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders.Features.EngineerJobs;

/// <summary><see cref="IEngineerJobs"/>: reads project straight to the contract; answers go through <see cref="TransitionWorkOrderHandler"/>.</summary>
internal sealed class EngineerJobs(
    CareLoopDbContext db, TransitionWorkOrderHandler transitions, SlaTracker tracker, SlaSettingsHandler sla, IAuditLog audit, IChangeFeed changes, TimeProvider time)
    : IEngineerJobs
{
    private static readonly WorkOrderState[] Contactable = [WorkOrderState.Accepted, WorkOrderState.Scheduled, WorkOrderState.OnSite];

    private static readonly WorkOrderState[] Holding = [WorkOrderState.Assigned, WorkOrderState.Accepted, WorkOrderState.Scheduled, WorkOrderState.OnSite];

    public async Task<IReadOnlyList<EngineerJob>> MineAsync(ClaimsPrincipal engineer, CancellationToken cancellationToken)
    {
        if (engineer.UserId() is not { } me)
        {
            return [];
        }

        var jobs = await db.Set<WorkOrder>().AsNoTracking().Where(w => w.AssigneeId == me && Holding.Contains(w.State))
            .OrderBy(w => w.CreatedAt).Take(200).ToListAsync(cancellationToken);
        return jobs.Select(ToJob).OrderBy(j => j.AppointmentStart ?? DateTimeOffset.MaxValue).ToList();
    }

    public async Task<EngineerJob?> FindMineAsync(ClaimsPrincipal engineer, Guid id, CancellationToken cancellationToken) =>
        engineer.UserId() is { } me
            && await db.Set<WorkOrder>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == id && w.AssigneeId == me, cancellationToken) is { } order
            ? ToJob(order)
            : null;

    public async Task<IReadOnlyList<EngineerJob>> OfferedAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? [] : (await db.Set<WorkOrder>().AsNoTracking().Where(w => ids.Contains(w.Id)).ToListAsync(cancellationToken)).Select(ToJob).ToList();

    public async Task<Result<WorkOrderRef>> AnswerAsync(
        ClaimsPrincipal engineer, Guid id, EngineerAnswer answer, long expectedVersion, string? reason, CancellationToken cancellationToken)
    {
        var action = answer == EngineerAnswer.Accept ? "accept" : "decline";
        var moved = await transitions.HandleAsync(engineer, id, new TransitionRequest(action, expectedVersion, reason), cancellationToken);
        return moved.IsSuccess ? new WorkOrderRef(moved.Value!.Id, moved.Value.Number, moved.Value.State) : moved.Error!;
    }

    public async Task<Result<WorkOrderRef>> MoveAsync(ClaimsPrincipal engineer, Guid id, EngineerMove move, CancellationToken cancellationToken)
    {
        var window = move.WindowStart is { } start && move.WindowEnd is { } end ? new AppointmentWindow(start, end) : null;
        var cause = move.Action is "reschedule" ? (move.CausedByEngineer ? RescheduleCause.Engineer : RescheduleCause.Customer) : (RescheduleCause?)null;
        var request = new TransitionRequest(
            move.Action, move.ExpectedVersion, move.Reason, Window: window, Cause: cause, Latitude: move.Latitude, Longitude: move.Longitude,
            Barcode: move.Barcode, VerificationCode: move.VerificationCode);
        var moved = await transitions.HandleAsync(engineer, id, request, cancellationToken);
        return moved.IsSuccess ? new WorkOrderRef(moved.Value!.Id, moved.Value.Number, moved.Value.State) : moved.Error!;
    }

    public async Task<Result<WorkOrderRef>> LogContactAsync(ClaimsPrincipal engineer, Guid id, bool reached, string? note, CancellationToken cancellationToken)
    {
        if (!engineer.HasPermission(Permissions.WorkOrdersTransition) || engineer.UserId() is not { } me)
        {
            return Error.Forbidden();
        }

        if (new Validation().MaxLength("note", note, 500).ToError() is { } invalid)
        {
            return invalid;
        }

        var order = await db.Set<WorkOrder>().Include(w => w.Timeline).SingleOrDefaultAsync(w => w.Id == id && w.AssigneeId == me, cancellationToken);
        if (order is null)
        {
            return Error.NotFound();
        }

        var action = reached ? WorkOrderSla.ContactAction : WorkOrderSla.ContactFailedAction;
        if (!Contactable.Contains(order.State))
        {
            return new Error(ErrorCodes.IllegalTransition, StatusCodes.Status422UnprocessableEntity, null, action, order.State.ToString());
        }

        order.Note(WorkOrderActors.From(engineer), action, note?.Trim() ?? "", time.GetUtcNow());
        await tracker.TrackAsync(order, cancellationToken); // a reached customer stops the first-contact clock now, not at the next job run
        db.Entry(order).State = EntityState.Modified;
        audit.Record("work-order." + action, nameof(WorkOrder), order.Id.ToString(), new { reached });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        changes.Publish(ChangeTopics.Topic(order.TenantId, WorkOrderTopics.Order, order.Id), new ChangeNotice(order.Id, order.Version, action));
        return new WorkOrderRef(order.Id, order.Number, order.State);
    }

    public async Task<IReadOnlyList<WorkingDay>> WorkingDaysAsync(DateOnly from, int days, CancellationToken cancellationToken)
    {
        var calendar = (await sla.ConfigurationAsync(cancellationToken)).Calendar;
        return Enumerable.Range(0, Math.Clamp(days, 0, 60)).Select(from.AddDays)
            .Select(day => new WorkingDay(day, calendar.HoursOn(day).Select(h => (TimeOnly.FromTimeSpan(h.From), ToTime(h.To))).ToList()))
            .Where(d => d.Hours.Count > 0).ToList();
    }

    private static TimeOnly ToTime(TimeSpan span) => span >= TimeSpan.FromDays(1) ? TimeOnly.MaxValue : TimeOnly.FromTimeSpan(span);

    private static EngineerJob ToJob(WorkOrder w) => new(
        w.Id, w.Number, w.Kind, w.State, w.Version, w.Priority.ToString().ToLowerInvariant(), w.Description, w.CustomerId, w.AddressId, w.RegionCode,
        w.WindowStart ?? w.PreferredStart, w.WindowStart == null ? w.PreferredEnd : w.WindowEnd, w.SlaWarnAt, w.SlaDueAt, w.AssigneeId);
}
