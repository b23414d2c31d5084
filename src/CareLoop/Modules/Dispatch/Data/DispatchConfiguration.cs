using CareLoop.Modules.Dispatch.Domain;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Modules.Dispatch.Data;

internal sealed class DispatchDecisionConfiguration : IEntityTypeConfiguration<DispatchDecision>
{
    public void Configure(EntityTypeBuilder<DispatchDecision> b)
    {
        b.ToTable("DispatchDecisions");
        b.HasKey(d => d.Id);
        b.HasIndex(d => new { d.TenantId, d.WorkOrderId, d.WorkOrderVersion, d.Trigger }).IsUnique();
        b.Property(d => d.Trigger).HasMaxLength(20);
        b.Property(d => d.Reason).HasMaxLength(40);
        b.Property(d => d.Note).HasMaxLength(500);
        b.Property(d => d.ActorName).HasMaxLength(100);
        b.Property(d => d.Explanation).HasColumnType("text"); // every candidate of a busy area: often over 4,000 characters
    }
}

internal sealed class GrabOfferConfiguration : IEntityTypeConfiguration<GrabOffer>
{
    public void Configure(EntityTypeBuilder<GrabOffer> b)
    {
        b.ToTable("GrabOffers");
        b.HasKey(o => o.Id);
        b.HasIndex(o => new { o.TenantId, o.WorkOrderId, o.WorkOrderVersion }).IsUnique();
        b.HasIndex(o => new { o.TenantId, o.Status, o.ExpiresAt });
        b.Property(o => o.WorkOrderNumber).HasMaxLength(20);
        b.Property(o => o.RegionCode).HasMaxLength(6);
        b.Property<List<string>>("_offeredTo").HasColumnName("OfferedTo").HasDelimitedList(',', 20000);
        b.Ignore(o => o.OfferedTo);
    }
}

internal sealed class DispatchSettingsConfiguration : IEntityTypeConfiguration<DispatchSettings>
{
    public void Configure(EntityTypeBuilder<DispatchSettings> b)
    {
        b.ToTable("DispatchSettings");
        b.HasKey(s => s.Id);
        b.HasIndex(s => s.TenantId).IsUnique();
        b.Property<List<string>>("_grabAreas").HasColumnName("GrabAreas").HasDelimitedList(',', 4000);
        b.Property<List<string>>("_certificates").HasColumnName("RequiredCertificates").HasDelimitedList(',', 2000);
        b.Ignore(s => s.GrabAreas);
        b.Ignore(s => s.RequiredCertificates);
    }
}

internal sealed class RoutePlanConfiguration : IEntityTypeConfiguration<RoutePlan>
{
    public void Configure(EntityTypeBuilder<RoutePlan> b)
    {
        b.ToTable("RoutePlans");
        b.HasKey(p => p.Id);
        b.HasIndex(p => new { p.TenantId, p.StationId, p.Date, p.CreatedAt });
        b.Property(p => p.CreatedByName).HasMaxLength(100);
        b.Property(p => p.AcceptedByName).HasMaxLength(100);
        b.Property(p => p.Document).HasColumnType("text"); // a station's day: tens of kilobytes
    }
}
