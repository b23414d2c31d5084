using System.Security.Claims;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Features.CreateWorkOrder;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders;

/// <summary><see cref="IMaintenanceOrders"/>: the order is opened by <see cref="CreateWorkOrderHandler"/>, then its lines are added.</summary>
internal sealed class MaintenanceOrders(CreateWorkOrderHandler create, CareLoopDbContext db, IAuditLog audit, TimeProvider time) : IMaintenanceOrders
{
    public async Task<Result<WorkOrderRef>> OpenAsync(
        ClaimsPrincipal actor, Guid customerId, Guid unitId, string description, IReadOnlyList<ConsumableLine> consumables, CancellationToken cancellationToken)
    {
        var created = await create.HandleAsync(actor, new CreateWorkOrderRequest(customerId, unitId, WorkOrderKind.Maintenance, WorkOrderPriority.Normal, description), cancellationToken);
        if (!created.IsSuccess)
        {
            return created.Error!;
        }

        var order = created.Value!;
        var now = time.GetUtcNow();
        var tenantId = await db.Set<WorkOrder>().Where(w => w.Id == order.Id).Select(w => w.TenantId).SingleAsync(cancellationToken);
        foreach (var line in consumables)
        {
            // A consumable is a sale at the catalog price (the same online and on site), not a warranty repair: chargeable.
            db.Add(ChargeLine.Create(tenantId, order.Id, ChargeKind.Part, line.Description, line.Quantity, line.UnitPriceFen, covered: false, WorkOrderActors.From(actor).Name, now));
            audit.Record("work-order.charge-added", nameof(WorkOrder), order.Id.ToString(), new { Kind = ChargeKind.Part, line.Description, line.Quantity, line.UnitPriceFen, covered = false });
        }

        await db.SaveChangesAsync(cancellationToken);
        return new WorkOrderRef(order.Id, order.Number, order.State);
    }

    public async Task<CompletedWork?> CompletedWorkAsync(Guid workOrderId, CancellationToken cancellationToken)
    {
        var order = await db.Set<WorkOrder>().AsNoTracking().Where(w => w.Id == workOrderId)
            .Select(w => new { w.Id, w.Kind, w.State, w.CustomerId, w.UnitId, w.CompletedAt }).SingleOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            return null;
        }

        var lines = await db.Set<ChargeLine>().AsNoTracking().Where(c => c.WorkOrderId == workOrderId && c.Kind == ChargeKind.Part)
            .Select(c => c.Description).ToListAsync(cancellationToken);
        return new CompletedWork(order.Id, order.Kind, order.State, order.CustomerId, order.UnitId, order.CompletedAt, lines);
    }
}
