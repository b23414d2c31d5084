using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Platform.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Modules.WorkOrders.Data;

internal sealed class WorkOrderConfiguration : IEntityTypeConfiguration<WorkOrder>
{
    public void Configure(EntityTypeBuilder<WorkOrder> b)
    {
        b.ToTable("WorkOrders");
        b.HasKey(w => w.Id);
        b.Property(w => w.Number).HasMaxLength(20);
        b.Property(w => w.Description).HasMaxLength(2000);
        b.Property(w => w.ScannedBarcode).HasMaxLength(64);
        b.Ignore(w => w.Window);
        b.Ignore(w => w.IsOpen);
        b.Ignore(w => w.DomainEvents);
        b.HasIndex(w => new { w.TenantId, w.Number }).IsUnique();
        // The list's filters: by state (the queues), by engineer (their day), by customer (the 360).
        b.HasIndex(w => new { w.TenantId, w.State, w.CreatedAt });
        b.HasIndex(w => new { w.TenantId, w.AssigneeId, w.State });
        b.HasIndex(w => new { w.TenantId, w.CustomerId, w.CreatedAt });
        b.HasMany(w => w.Timeline).WithOne().HasForeignKey(t => t.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.Timeline).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> b)
    {
        b.ToTable("WorkOrderTimeline");
        b.HasKey(t => t.Id);
        b.Property(t => t.ActorName).HasMaxLength(256);
        b.Property(t => t.Action).HasMaxLength(32);
        b.Property(t => t.Reason).HasMaxLength(500);
        b.Property(t => t.TrackingNumber).HasMaxLength(64);
        b.Property(t => t.Barcode).HasMaxLength(64);
        b.HasIndex(t => new { t.WorkOrderId, t.At });
    }
}

internal sealed class SlaSettingsConfiguration : IEntityTypeConfiguration<SlaSettings>
{
    public void Configure(EntityTypeBuilder<SlaSettings> b)
    {
        b.ToTable("SlaSettings");
        b.HasKey(s => s.TenantId);
        b.Property(s => s.WeekJson).HasMaxLength(4000);
        b.Property(s => s.SpecialDays).HasMaxLength(20000);
        b.Property(s => s.PoliciesJson).HasMaxLength(20000);
    }
}

internal sealed class WorkOrderAttachmentConfiguration : IEntityTypeConfiguration<WorkOrderAttachment>
{
    public void Configure(EntityTypeBuilder<WorkOrderAttachment> b)
    {
        b.ToTable("WorkOrderAttachments");
        b.HasKey(a => a.Id);
        b.Property(a => a.Caption).HasMaxLength(200);
        b.Property(a => a.UploadedByName).HasMaxLength(256);
        b.HasIndex(a => new { a.TenantId, a.WorkOrderId, a.UploadedAt });
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(a => a.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(a => a.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SlaAlertConfiguration : IEntityTypeConfiguration<SlaAlert>
{
    public void Configure(EntityTypeBuilder<SlaAlert> b)
    {
        b.ToTable("SlaAlerts");
        b.HasKey(a => a.Id);
        b.Ignore(a => a.DomainEvents);
        b.HasIndex(a => new { a.TenantId, a.WorkOrderId, a.Target, a.Level }).IsUnique();
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(a => a.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChargeLineConfiguration : IEntityTypeConfiguration<ChargeLine>
{
    public void Configure(EntityTypeBuilder<ChargeLine> b)
    {
        b.ToTable("WorkOrderCharges");
        b.HasKey(c => c.Id);
        b.Property(c => c.Description).HasMaxLength(200);
        b.Property(c => c.AddedByName).HasMaxLength(256);
        b.Ignore(c => c.TotalFen);
        b.HasIndex(c => new { c.TenantId, c.WorkOrderId });
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(c => c.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
