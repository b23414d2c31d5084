using System.Security.Claims;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.WorkOrders.Contracts;

/// <summary>
/// What other modules (the service desk) may do with work orders: open one on behalf of the signed-in user, with the
/// same rules, permissions and audit as <c>POST /api/v1/work-orders</c>, and read a few orders' headlines.
/// </summary>
public interface IWorkOrderDesk
{
    /// <summary>Opens a work order (state: created). Field errors use the work-order API's names (kind, priority, unitId, description…).</summary>
    Task<Result<WorkOrderRef>> OpenAsync(ClaimsPrincipal actor, OpenWorkOrder request, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a work order opened by an order channel (platform orders) to the caller's unit of work without saving:
    /// the caller commits it with the rest of the order. No permission check: the channel was authenticated by its key.
    /// </summary>
    Task<WorkOrderRef> StageAsync(StagedWorkOrder request, CancellationToken cancellationToken);

    /// <summary>Cancels the orders of these ids that have not started (created, assigned, accepted, scheduled), with the reason; returns those cancelled.</summary>
    Task<IReadOnlyList<Guid>> CancelNotStartedAsync(IReadOnlyCollection<Guid> ids, string actorName, string reason, CancellationToken cancellationToken);

    /// <summary>The orders of these ids that exist in the current tenant, in no particular order.</summary>
    Task<IReadOnlyList<WorkOrderSummary>> SummariesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>What dispatch needs to know of one order (null: no such order in this tenant).</summary>
    Task<DispatchFacts?> DispatchFactsAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Open on-site jobs of these engineers on a local day: booked (or preferred) for that day, or assigned and not yet
    /// booked (counted on every day until booked). Engineers without jobs are absent.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, int>> LoadsAsync(IReadOnlyCollection<Guid> engineerIds, DateOnly day, CancellationToken cancellationToken);

    /// <summary>
    /// Assigns (or reassigns) the order to an engineer in the caller's unit of work without saving, if it is still at
    /// <paramref name="expectedVersion"/> and the state machine allows it: the caller commits it with its own record
    /// of the decision. <paramref name="actorId"/> null: the system (automatic dispatch).
    /// </summary>
    Task<Result<WorkOrderRef>> StageAssignAsync(
        Guid id, long expectedVersion, Guid engineerId, Guid? actorId, string actorName, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the order's planned arrival (from an accepted day-route plan; null clears it) in the caller's unit of work
    /// without saving, if the order is still at <paramref name="expectedVersion"/> (or already tracked by this unit of work).
    /// </summary>
    Task<Result<WorkOrderRef>> StagePlannedArrivalAsync(Guid id, long expectedVersion, DateTimeOffset? arrival, CancellationToken cancellationToken);

    /// <summary>Tells live screens (the order's page, the list, the board) that a staged change to the order was saved.</summary>
    void AnnounceSaved(Guid id, string action);

    /// <summary>Open on-site orders nobody holds (created, declined, reopened), oldest first; the dispatcher's queue.</summary>
    Task<IReadOnlyList<DispatchFacts>> UnassignedAsync(string? regionPrefix, int take, CancellationToken cancellationToken);

    /// <summary>Open orders assigned to these engineers that have not started on site, for the board's load view.</summary>
    Task<IReadOnlyList<DispatchFacts>> AssignedToAsync(IReadOnlyCollection<Guid> engineerIds, CancellationToken cancellationToken);

    /// <summary>What the satisfaction callback shows and decides on: the job, who opened it, its photos and charges (null: no such order).</summary>
    Task<CallbackJob?> CallbackJobAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the order through its callback steps (requestCallback, close, reopen with a reason) in the caller's unit of
    /// work without saving, by the work-order state machine as the service desk: an illegal step is an error value.
    /// </summary>
    Task<Result<WorkOrderRef>> StageCallbackStepAsync(Guid id, CallbackStep step, string? reason, Guid? actorId, string actorName, CancellationToken cancellationToken);

    /// <summary>What settlement needs of one order to pay its engineer (null: no such order in this tenant).</summary>
    Task<SettlementFacts?> SettlementFactsAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Orders this engineer completed since an instant (and that are not reopened), newest first: the phone's earnings page.</summary>
    Task<IReadOnlyList<CompletedJob>> CompletedByAsync(Guid engineerId, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>The work-order moves the satisfaction callback drives.</summary>
public enum CallbackStep
{
    RequestCallback = 1,
    Close = 2,
    Reopen = 3,
}

/// <summary>
/// A finished job as the callback agent sees it. <paramref name="CreatedById"/>: the user who opened the order (null:
/// an order channel or the system); <paramref name="PhotoIds"/>: photo attachments, served at
/// <c>/downloads/work-orders/{id}/attachments/{attachmentId}</c>; <paramref name="Steps"/>: the timeline, oldest first.
/// </summary>
public sealed record CallbackJob(
    Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, long Version, Guid CustomerId, Guid? UnitId, Guid? AddressId, string? RegionCode,
    string Description, Guid? AssigneeId, Guid? CreatedById, DateTimeOffset? CompletedAt, bool IsRepeatRepair, IReadOnlyList<Guid> PhotoIds,
    IReadOnlyList<CallbackCharge> Charges, IReadOnlyList<CallbackJobStep> Steps)
{
    public long CustomerPaysFen => Charges.Where(c => !c.Covered).Sum(c => c.TotalFen);
}

public sealed record CallbackCharge(string Description, int Quantity, long TotalFen, bool Covered);

public sealed record CallbackJobStep(DateTimeOffset At, string Action, string ActorName, string? Reason);

/// <summary>
/// One order as settlement sees it: its kind, unit, where, who did it, when it was completed, whether an SLA clock of it was
/// breached and whether it is a repeat repair (reopened within 30 days of completion).
/// </summary>
public sealed record SettlementFacts(
    Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, Guid CustomerId, Guid? UnitId, Guid? AddressId, Guid? EngineerId,
    DateTimeOffset? CompletedAt, bool SlaBreached, bool IsRepeatRepair);

/// <summary>An order an engineer completed.</summary>
public sealed record CompletedJob(Guid Id, string Number, WorkOrderKind Kind, DateTimeOffset CompletedAt);

/// <summary>
/// One order as dispatch sees it: where, when, how urgent, who declined it and who served this customer before
/// (<paramref name="PastEngineers"/>: engineers of the customer's earlier completed orders, most recent first).
/// </summary>
public sealed record DispatchFacts(
    Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, long Version, string Priority, Guid CustomerId, Guid? UnitId, Guid? AddressId,
    string? RegionCode, DateTimeOffset? PreferredStart, DateTimeOffset? PreferredEnd, DateTimeOffset? WindowStart, DateTimeOffset? WindowEnd,
    DateTimeOffset? SlaDueAt, Guid? AssigneeId, DateTimeOffset CreatedAt, IReadOnlyList<Guid> Decliners, IReadOnlyList<Guid> PastEngineers)
{
    /// <summary>Jobs done at the customer's place (the rest are video guidance or mail-in repair: not dispatched to the field).</summary>
    public bool IsOnSite => Kind is WorkOrderKind.Installation or WorkOrderKind.OnSiteRepair or WorkOrderKind.OnSiteGuidance or WorkOrderKind.Maintenance;

    /// <summary>The start of the booked window, else of the customer's preferred one.</summary>
    public DateTimeOffset? AppointmentStart => WindowStart ?? PreferredStart;

    public DateTimeOffset? AppointmentEnd => WindowStart is null ? PreferredEnd : WindowEnd;
}

/// <summary>A work order to open; <paramref name="Priority"/> is the API's name (low, normal, high, urgent), normal when null.</summary>
public sealed record OpenWorkOrder(Guid CustomerId, Guid? UnitId, WorkOrderKind Kind, string? Priority, string Description);

/// <summary>A work order an order channel opens: who for, which unit, where (address and district), when the customer would like it.</summary>
public sealed record StagedWorkOrder(
    Guid CustomerId, Guid? UnitId, Guid? AddressId, string? RegionCode, WorkOrderKind Kind, string Description, string ActorName,
    DateTimeOffset? PreferredStart = null, DateTimeOffset? PreferredEnd = null);

public sealed record WorkOrderRef(Guid Id, string Number, WorkOrderState State);

public sealed record WorkOrderSummary(Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, DateTimeOffset CreatedAt);
