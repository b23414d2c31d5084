using CareLoop.Modules.Callbacks.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Modules.Callbacks.Data;

internal sealed class CallbackTaskConfiguration : IEntityTypeConfiguration<CallbackTask>
{
    public void Configure(EntityTypeBuilder<CallbackTask> b)
    {
        b.ToTable("CallbackTasks");
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.TenantId, c.WorkOrderId, c.WorkOrderCompletedAt }).IsUnique();
        b.HasIndex(c => new { c.TenantId, c.Status, c.DueAt });
        b.HasIndex(c => new { c.TenantId, c.Status, c.AutoCloseAt });
        b.HasIndex(c => new { c.TenantId, c.OwnerId, c.Status });
        b.Property(c => c.WorkOrderNumber).HasMaxLength(20);
        b.Property(c => c.Comment).HasMaxLength(CallbackRules.TextMaxLength);
        b.Property(c => c.NewProblem).HasMaxLength(CallbackRules.TextMaxLength);
        b.Property(c => c.ClosedByName).HasMaxLength(100);
        b.Property(c => c.SurveyNonce).HasMaxLength(32);
        b.Property(c => c.QualityNote).HasMaxLength(500);
        b.Property(c => c.QualityByName).HasMaxLength(100);
        b.HasMany(c => c.Attempts).WithOne().HasForeignKey(a => a.CallbackId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Attempts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CallbackAttemptConfiguration : IEntityTypeConfiguration<CallbackAttempt>
{
    public void Configure(EntityTypeBuilder<CallbackAttempt> b)
    {
        b.ToTable("CallbackAttempts");
        b.HasKey(a => a.Id);
        b.HasIndex(a => a.CallbackId);
        b.Property(a => a.ActorName).HasMaxLength(100);
        b.Property(a => a.Outcome).HasMaxLength(20);
        b.Property(a => a.Note).HasMaxLength(CallbackRules.TextMaxLength);
    }
}

internal sealed class CallbackSettingsConfiguration : IEntityTypeConfiguration<CallbackSettings>
{
    public void Configure(EntityTypeBuilder<CallbackSettings> b)
    {
        b.ToTable("CallbackSettings");
        b.HasKey(s => s.Id);
        b.HasIndex(s => s.TenantId).IsUnique();
        b.Ignore(s => s.Policy);
    }
}
