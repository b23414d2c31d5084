using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Platform.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Modules.WorkOrders.Data;

internal sealed class WorkOrderConfiguration : IEntityTypeConfiguration<WorkOrder>
{
    /// <summary>Open orders (neither Closed = 8 nor Cancelled = 11): what the queues look at; the same SQL on both providers.</summary>
    private const string OpenFilter = "\"State\" NOT IN (8, 11)";

    public void Configure(EntityTypeBuilder<WorkOrder> b)
    {
        b.ToTable("WorkOrders");
        b.HasKey(w => w.Id);
        b.Property(w => w.Number).HasMaxLength(20);
        b.Property(w => w.Description).HasMaxLength(2000);
        b.Property(w => w.ScannedBarcode).HasMaxLength(64);
        b.Property(w => w.BarcodeManualReason).HasMaxLength(WorkOrderRules.ReasonMaxLength);
        b.Property(w => w.FaultCode).HasMaxLength(WorkOrderRules.FaultCodeMaxLength);
        b.Property(w => w.DiagnosisNotes).HasMaxLength(WorkOrderRules.DiagnosisNotesMaxLength);
        b.Ignore(w => w.Window);
        b.Ignore(w => w.IsOpen);
        b.Ignore(w => w.DomainEvents);
        b.Property(w => w.RegionCode).HasMaxLength(6);
        b.HasIndex(w => new { w.TenantId, w.Number }).IsUnique();
        // The list, newest first, unfiltered and by each filter (benchmarked in docs/benchmarks.md): each index is
        // walked backwards in the list's order, so a page stops after its rows instead of sorting every match.
        b.HasIndex(w => new { w.TenantId, w.CreatedAt, w.Id });
        b.HasIndex(w => new { w.TenantId, w.CreatedAt, w.Id }, "IX_WorkOrders_Open").HasFilter(OpenFilter);
        b.HasIndex(w => new { w.TenantId, w.Kind, w.CreatedAt, w.Id }, "IX_WorkOrders_Kind_Open").HasFilter(OpenFilter);
        b.HasIndex(w => new { w.TenantId, w.State, w.CreatedAt });
        b.HasIndex(w => new { w.TenantId, w.AssigneeId, w.CreatedAt, w.Id });
        b.HasIndex(w => new { w.TenantId, w.CustomerId, w.CreatedAt });
        b.HasIndex(w => new { w.TenantId, w.RegionCode, w.CreatedAt });
        b.HasIndex(w => new { w.TenantId, w.SlaDueAt }).HasFilter("\"SlaDueAt\" IS NOT NULL");
        // "At risk" (warned, not yet due): the range on SlaWarnAt with SlaDueAt checked in the index, no row lookups to count.
        b.HasIndex(w => new { w.TenantId, w.SlaWarnAt, w.SlaDueAt }).HasFilter("\"SlaWarnAt\" IS NOT NULL");
        b.HasIndex(w => new { w.TenantId, w.SlaCheckAt }).HasFilter("\"SlaCheckAt\" IS NOT NULL");
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

internal sealed class SlaUpgradeConfiguration : IEntityTypeConfiguration<SlaUpgrade>
{
    public void Configure(EntityTypeBuilder<SlaUpgrade> b)
    {
        b.ToTable("WorkOrderSlaUpgrades");
        b.HasKey(u => u.Id);
        b.Property(u => u.Reason).HasMaxLength(500);
        b.Property(u => u.DecisionNote).HasMaxLength(500);
        b.Property(u => u.RequestedByName).HasMaxLength(256);
        b.Property(u => u.DecidedByName).HasMaxLength(256);
        b.HasIndex(u => new { u.TenantId, u.Status, u.RequestedAt });
        b.HasIndex(u => new { u.TenantId, u.WorkOrderId });
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(u => u.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CompletionPolicyConfiguration : IEntityTypeConfiguration<CompletionPolicy>
{
    public void Configure(EntityTypeBuilder<CompletionPolicy> b)
    {
        b.ToTable("CompletionPolicies");
        b.HasKey(p => new { p.TenantId, p.Kind });
    }
}

internal sealed class ServicePriceConfiguration : IEntityTypeConfiguration<ServicePrice>
{
    public void Configure(EntityTypeBuilder<ServicePrice> b)
    {
        b.ToTable("ServicePrices");
        b.HasKey(p => new { p.TenantId, p.Kind });
    }
}
