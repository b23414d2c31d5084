using CareLoop.Modules.Service.Contracts;
using CareLoop.Modules.Service.Domain;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Service;

/// <summary><see cref="IServiceRequestLinks"/> over the requests of the current tenant.</summary>
internal sealed class ServiceRequestLinks(CareLoopDbContext db, ITenantContext tenant, TimeProvider time) : IServiceRequestLinks
{
    public async Task<WorkOrderRequest?> ForWorkOrderAsync(Guid workOrderId, CancellationToken cancellationToken) =>
        await db.Set<ServiceRequest>().AsNoTracking()
            .Where(r => r.WorkOrders.Any(w => w.WorkOrderId == workOrderId))
            .OrderBy(r => r.CreatedAt)
            .Select(r => new WorkOrderRequest(r.Id, r.OwnerId))
            .FirstOrDefaultAsync(cancellationToken);

    public Guid StageFollowUp(Guid customerId, Guid? unitId, ServiceRequestKind kind, string description, string workOrderNumber, Guid? ownerId)
    {
        var text = description.Trim();
        var request = ServiceRequest.Open(
            tenant.RequireTenantId(), kind, ServiceChannel.Phone, workOrderNumber, text.Length > ServiceRequestRules.DescriptionMaxLength ? text[..ServiceRequestRules.DescriptionMaxLength] : text,
            customerId, unitId, ServicePriority.Normal, ServiceRequestRules.DefaultEmotion, ownerId, time.GetUtcNow());
        db.Add(request);
        return request.Id;
    }
}
