using CareLoop.Modules.Payments.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Modules.Payments.Data;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.ToTable("Payments");
        b.HasKey(p => p.Id);
        b.HasIndex(p => p.OutTradeNo).IsUnique(); // WeChat's notification names only this: found across tenants
        b.HasIndex(p => new { p.TenantId, p.WorkOrderId });
        b.Property(p => p.OutTradeNo).HasMaxLength(Payment.OutTradeNoMaxLength);
        b.Property(p => p.CodeUrl).HasMaxLength(200);
        b.Property(p => p.TransactionId).HasMaxLength(64);
        b.Property(p => p.RecordedBy).HasMaxLength(100);
        b.Property(p => p.Method).HasConversion<string>().HasMaxLength(10);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(10).IsConcurrencyToken(); // twin notifications: one marks it paid
    }
}
