using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Platform.Outbox;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.HasKey(m => m.Id);
        b.Property(m => m.Type).HasMaxLength(300);
        b.Property(m => m.Payload).HasMaxLength(int.MaxValue);
        b.Property(m => m.LockedBy).HasMaxLength(200);
        b.HasIndex(m => new { m.State, m.NextAttemptAt });
    }
}

internal sealed class OutboxDeliveryConfiguration : IEntityTypeConfiguration<OutboxDelivery>
{
    public void Configure(EntityTypeBuilder<OutboxDelivery> b)
    {
        b.ToTable("OutboxDeliveries");
        b.HasKey(d => new { d.MessageId, d.Handler });
        b.Property(d => d.Handler).HasMaxLength(300);
    }
}
