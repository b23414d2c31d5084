using CareLoop.Modules.Lifecycle.Domain;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Modules.Lifecycle.Data;

internal sealed class LifecycleScheduleConfiguration : IEntityTypeConfiguration<LifecycleSchedule>
{
    public void Configure(EntityTypeBuilder<LifecycleSchedule> b)
    {
        b.ToTable("LifecycleSchedules");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.TenantId, s.UnitId, s.Kind, s.ItemKey }).IsUnique();
        // The daily computation: "state = X and due date <= D" within a tenant is one range scan of this index.
        b.HasIndex(s => new { s.TenantId, s.State, s.DueOn });
        b.Property(s => s.ItemKey).HasMaxLength(64);
        b.Property(s => s.ItemName).HasMaxLength(200);
        b.Property(s => s.LastReplacedBy).HasMaxLength(20);
    }
}

internal sealed class CallListEntryConfiguration : IEntityTypeConfiguration<CallListEntry>
{
    public void Configure(EntityTypeBuilder<CallListEntry> b)
    {
        b.ToTable("CallListEntries");
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.TenantId, e.ScheduleId, e.DueOn }).IsUnique();
        b.HasIndex(e => new { e.TenantId, e.Status, e.NextAttemptAt });
        b.HasIndex(e => new { e.TenantId, e.CampaignId, e.Status });
        b.Property(e => e.ConsumableCode).HasMaxLength(64);
        b.Property(e => e.ConsumableName).HasMaxLength(200);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.Tags).HasMaxLength(1000);
        b.Ignore(e => e.TagList);
    }
}

internal sealed class CallAttemptConfiguration : IEntityTypeConfiguration<CallAttempt>
{
    public void Configure(EntityTypeBuilder<CallAttempt> b)
    {
        b.ToTable("CallAttempts");
        b.HasKey(a => a.Id);
        b.HasIndex(a => new { a.TenantId, a.EntryId, a.At });
        b.HasIndex(a => new { a.TenantId, a.CampaignId });
        b.Property(a => a.AgentName).HasMaxLength(100);
        b.Property(a => a.ReasonCode).HasMaxLength(40);
        b.Property(a => a.Note).HasMaxLength(500);
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("Campaigns");
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.TenantId, c.IsActive, c.CreatedAt });
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.RegionPrefix).HasMaxLength(6);
        b.Property(c => c.Tag).HasMaxLength(50);
        b.Property<List<string>>("_agents").HasColumnName("Agents").HasDelimitedList(',', 4000);
        b.Ignore(c => c.Agents);
    }
}

internal sealed class ReminderDispatchConfiguration : IEntityTypeConfiguration<ReminderDispatch>
{
    public void Configure(EntityTypeBuilder<ReminderDispatch> b)
    {
        b.ToTable("ReminderDispatches");
        b.HasKey(r => r.Id);
        b.HasIndex(r => new { r.TenantId, r.DedupKey }).IsUnique();
        b.HasIndex(r => new { r.TenantId, r.CustomerId, r.Day });
        b.Property(r => r.DedupKey).HasMaxLength(100);
        b.Property(r => r.Items).HasMaxLength(1000);
        b.Property(r => r.Status).HasMaxLength(20);
        b.Property(r => r.ReasonCode).HasMaxLength(40);
    }
}

internal sealed class ScheduleCursorConfiguration : IEntityTypeConfiguration<ScheduleCursor>
{
    public void Configure(EntityTypeBuilder<ScheduleCursor> b)
    {
        b.ToTable("LifecycleCursors");
        b.HasKey(c => c.Id);
        b.HasIndex(c => c.TenantId).IsUnique();
    }
}
