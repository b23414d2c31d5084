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
