using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders;

/// <summary>The customer 360's service history: the customer's work orders, newest first.</summary>
internal sealed class WorkOrderServiceHistory(CareLoopDbContext db) : ICustomerServiceHistory
{
    public async Task<IReadOnlyList<ServiceRecord>> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var orders = await db.Set<WorkOrder>().AsNoTracking().Where(w => w.CustomerId == customerId).OrderByDescending(w => w.CreatedAt).Take(50)
            .Select(w => new { w.Id, w.Number, w.Kind, w.State, w.CreatedAt, w.ClosedAt })
            .ToListAsync(cancellationToken);
        return orders.Select(w => new ServiceRecord(w.Id, w.Number, w.Kind.ToString(), WorkOrderStateNames.Of(w.State), w.CreatedAt, w.ClosedAt,
            !WorkOrderTransitions.Final.Contains(w.State))).ToList();
    }
}
