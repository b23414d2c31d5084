using CareLoop.Modules.Field.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Modules.Field.Data;

internal sealed class ActionReceiptConfiguration : IEntityTypeConfiguration<ActionReceipt>
{
    public void Configure(EntityTypeBuilder<ActionReceipt> b)
    {
        b.ToTable("FieldActionReceipts");
        b.HasKey(r => r.Id);
        b.HasIndex(r => new { r.TenantId, r.UserId, r.Key }).IsUnique(); // exactly once, however concurrent the resends
        b.HasIndex(r => new { r.TenantId, r.CreatedAt }); // the nightly sweep deletes the oldest first
        b.Property(r => r.Key).HasMaxLength(ActionReceipt.KeyMaxLength);
        b.Property(r => r.Action).HasMaxLength(ActionReceipt.ActionMaxLength);
        b.Property(r => r.Outcome).HasMaxLength(ActionReceipt.OutcomeMaxLength);
    }
}

internal sealed class FieldSettingsConfiguration : IEntityTypeConfiguration<FieldSettings>
{
    public void Configure(EntityTypeBuilder<FieldSettings> b)
    {
        b.ToTable("FieldSettings");
        b.HasKey(s => s.TenantId);
    }
}

internal sealed class CheckInRecordConfiguration : IEntityTypeConfiguration<CheckInRecord>
{
    public void Configure(EntityTypeBuilder<CheckInRecord> b)
    {
        b.ToTable("FieldCheckIns");
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.TenantId, c.WorkOrderId, c.At });
        b.Property(c => c.Flag).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class PrivacyBindingConfiguration : IEntityTypeConfiguration<PrivacyBinding>
{
    public void Configure(EntityTypeBuilder<PrivacyBinding> b)
    {
        b.ToTable("FieldPrivacyBindings");
        b.HasKey(p => p.Id);
        b.HasIndex(p => new { p.TenantId, p.WorkOrderId });
        b.HasIndex(p => new { p.TenantId, p.PoolKey, p.SubsId }).IsUnique(); // one row per provider subscription
        b.Property(p => p.PoolKey).HasMaxLength(PrivacyBinding.PoolKeyMaxLength);
        b.Property(p => p.SubsId).HasMaxLength(PrivacyBinding.SubsIdMaxLength);
        b.Property(p => p.SecretNo).HasMaxLength(PrivacyBinding.SecretNoMaxLength);
        b.Property(p => p.ReleasedOn).HasMaxLength(40);
        b.Property(p => p.Release).HasConversion<string>().HasMaxLength(20);
    }
}
