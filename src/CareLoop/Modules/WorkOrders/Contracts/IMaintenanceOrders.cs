using System.Security.Claims;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.WorkOrders.Contracts;

/// <summary>
/// Consumable replacements as work orders (Lifecycle): open a maintenance order that carries the consumable as a
/// chargeable line (a sale at the one catalog price, not a warranty repair), and read what a finished order replaced.
/// </summary>
public interface IMaintenanceOrders
{
    /// <summary>
    /// Opens a maintenance order for the unit on behalf of <paramref name="actor"/> (the rules and permission of
    /// <c>POST /api/v1/work-orders</c>) with one chargeable part line per consumable.
    /// </summary>
    Task<Result<WorkOrderRef>> OpenAsync(ClaimsPrincipal actor, Guid customerId, Guid unitId, string description, IReadOnlyList<ConsumableLine> consumables, CancellationToken cancellationToken);

    /// <summary>A completed order's kind, unit, completion time and part lines (null when the order is unknown in this tenant).</summary>
    Task<CompletedWork?> CompletedWorkAsync(Guid workOrderId, CancellationToken cancellationToken);
}

/// <summary>A consumable to bring: its catalog code (kept in the line's description so a completion can be matched back), name and price.</summary>
public sealed record ConsumableLine(string Code, string Name, int Quantity, long UnitPriceFen)
{
    /// <summary>How the line reads on the order: <c>PP棉滤芯 [PP-COTTON]</c>.</summary>
    public string Description => $"{Name} [{Code}]";
}

public sealed record CompletedWork(Guid Id, WorkOrderKind Kind, WorkOrderState State, Guid CustomerId, Guid? UnitId, DateTimeOffset? CompletedAt, IReadOnlyList<string> PartLines);
