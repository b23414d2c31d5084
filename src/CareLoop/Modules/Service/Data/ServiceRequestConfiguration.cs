using CareLoop.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Modules.Service.Data;

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> b)
    {
        b.ToTable("ServiceRequests");
        b.HasKey(r => r.Id);
        b.Property(r => r.ChannelReference).HasMaxLength(ServiceRequestRules.ChannelReferenceMaxLength);
        b.Property(r => r.Description).HasMaxLength(ServiceRequestRules.DescriptionMaxLength);
        b.Property(r => r.Resolution).HasMaxLength(ServiceRequestRules.ResolutionMaxLength);
        b.Property(r => r.CancelReason).HasMaxLength(ServiceRequestRules.ReasonMaxLength);
        b.Ignore(r => r.IsOpen);

        // Duplicate detection (open requests of a customer's unit and kind), the queues by state, an agent's own requests.
        b.HasIndex(r => new { r.TenantId, r.CustomerId, r.State, r.Kind });
        b.HasIndex(r => new { r.TenantId, r.State, r.CreatedAt });
        b.HasIndex(r => new { r.TenantId, r.OwnerId, r.State });
        b.HasMany(r => r.WorkOrders).WithOne().HasForeignKey(l => l.ServiceRequestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.WorkOrders).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ServiceRequestWorkOrderConfiguration : IEntityTypeConfiguration<ServiceRequestWorkOrder>
{
    public void Configure(EntityTypeBuilder<ServiceRequestWorkOrder> b)
    {
        b.ToTable("ServiceRequestWorkOrders");
        b.HasKey(l => new { l.ServiceRequestId, l.WorkOrderId });

        // From a work order back to the request that spawned it.
        b.HasIndex(l => l.WorkOrderId);
    }
}
