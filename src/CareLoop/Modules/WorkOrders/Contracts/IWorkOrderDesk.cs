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
}

/// <summary>A work order to open; <paramref name="Priority"/> is the API's name (low, normal, high, urgent), normal when null.</summary>
public sealed record OpenWorkOrder(Guid CustomerId, Guid? UnitId, WorkOrderKind Kind, string? Priority, string Description);

/// <summary>A work order an order channel opens: who for, which unit, where (address and district), when the customer would like it.</summary>
public sealed record StagedWorkOrder(
    Guid CustomerId, Guid? UnitId, Guid? AddressId, string? RegionCode, WorkOrderKind Kind, string Description, string ActorName,
    DateTimeOffset? PreferredStart = null, DateTimeOffset? PreferredEnd = null);

public sealed record WorkOrderRef(Guid Id, string Number, WorkOrderState State);

public sealed record WorkOrderSummary(Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, DateTimeOffset CreatedAt);
