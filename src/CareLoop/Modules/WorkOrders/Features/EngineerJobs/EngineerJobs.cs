using System.Security.Claims;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Features.TransitionWorkOrder;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders.Features.EngineerJobs;

/// <summary><see cref="IEngineerJobs"/>: reads project straight to the contract; answers go through <see cref="TransitionWorkOrderHandler"/>.</summary>
internal sealed class EngineerJobs(CareLoopDbContext db, TransitionWorkOrderHandler transitions) : IEngineerJobs
{
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

    private static EngineerJob ToJob(WorkOrder w) => new(
        w.Id, w.Number, w.Kind, w.State, w.Version, w.Priority.ToString().ToLowerInvariant(), w.Description, w.CustomerId, w.AddressId, w.RegionCode,
        w.WindowStart ?? w.PreferredStart, w.WindowStart == null ? w.PreferredEnd : w.WindowEnd, w.SlaWarnAt, w.SlaDueAt, w.AssigneeId);
}
