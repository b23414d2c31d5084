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

    /// <summary>The orders of these ids that exist in the current tenant, in no particular order.</summary>
    Task<IReadOnlyList<WorkOrderSummary>> SummariesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}

/// <summary>A work order to open; <paramref name="Priority"/> is the API's name (low, normal, high, urgent), normal when null.</summary>
public sealed record OpenWorkOrder(Guid CustomerId, Guid? UnitId, WorkOrderKind Kind, string? Priority, string Description);

public sealed record WorkOrderRef(Guid Id, string Number, WorkOrderState State);

public sealed record WorkOrderSummary(Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, DateTimeOffset CreatedAt);
