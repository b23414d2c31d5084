using CareLoop.Modules.Integrations.Domain;
using CareLoop.Platform.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Modules.Integrations.Data;

internal sealed class IntegrationKeyConfiguration : IEntityTypeConfiguration<IntegrationKey>
{
    public void Configure(EntityTypeBuilder<IntegrationKey> b)
    {
        b.ToTable("IntegrationKeys");
        b.HasKey(k => k.Id);
        b.Property(k => k.Id).HasMaxLength(64);
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.ShopId).HasMaxLength(64);
        b.Property(k => k.SecretCipher).HasMaxLength(512);
        b.Property(k => k.PreviousSecretCipher).HasMaxLength(512);
        b.Ignore(k => k.IsRevoked);
        b.HasIndex(k => new { k.TenantId, k.CreatedAt });
    }
}

internal sealed class PlatformOrderConfiguration : IEntityTypeConfiguration<PlatformOrder>
{
    public void Configure(EntityTypeBuilder<PlatformOrder> b)
    {
        b.ToTable("PlatformOrders");
        b.HasKey(o => o.Id);
        b.Property(o => o.Platform).HasMaxLength(16);
        b.Property(o => o.PlatformOrderId).HasMaxLength(64);
        b.Property(o => o.ShopId).HasMaxLength(64);
        b.Property(o => o.KeyId).HasMaxLength(64);
        // Unbounded text: a raw order may be up to 256 KB, and an order up to 1,000 units (the 4,000-character default is for names).
        b.Property(o => o.WorkOrderIds).HasColumnType("text");
        b.Property(o => o.PayloadCipher).HasColumnType("text");
        b.Property(o => o.CancelReason).HasMaxLength(500);
        b.Ignore(o => o.WorkOrders);

        // The idempotency key: a duplicate, however concurrent, fails here and gets the first one's answer.
        b.HasIndex(o => new { o.TenantId, o.Platform, o.PlatformOrderId }).IsUnique();
        b.HasIndex(o => new { o.TenantId, o.ReceivedAt });
    }
}

internal sealed class RejectedOrderConfiguration : IEntityTypeConfiguration<RejectedOrder>
{
    public void Configure(EntityTypeBuilder<RejectedOrder> b)
    {
        b.ToTable("RejectedPlatformOrders");
        b.HasKey(o => o.Id);
        b.Property(o => o.KeyId).HasMaxLength(64);
        b.Property(o => o.Platform).HasMaxLength(16);
        b.Property(o => o.PlatformOrderId).HasMaxLength(64);
        b.Property(o => o.Errors).HasMaxLength(4000);
        b.Property(o => o.PayloadCipher).HasColumnType("text");
        b.Property(o => o.ResolvedBy).HasMaxLength(256);
        b.HasIndex(o => new { o.TenantId, o.Status, o.ReceivedAt });
    }
}

internal sealed class OrderImportConfiguration : IEntityTypeConfiguration<OrderImport>
{
    public void Configure(EntityTypeBuilder<OrderImport> b)
    {
        b.ToTable("PlatformOrderImports");
        b.HasKey(j => j.Id);
        b.Property(j => j.KeyId).HasMaxLength(64);
        b.Property(j => j.Layout).HasMaxLength(16);
        b.Property(j => j.FileName).HasMaxLength(128);
        b.Property(j => j.RequestedByName).HasMaxLength(256);
        b.Property(j => j.Failure).HasMaxLength(500);
        b.HasIndex(j => new { j.TenantId, j.CreatedAt });
        b.HasIndex(j => j.Status);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(j => j.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrderImportErrorConfiguration : IEntityTypeConfiguration<OrderImportError>
{
    public void Configure(EntityTypeBuilder<OrderImportError> b)
    {
        b.ToTable("PlatformOrderImportErrors");
        b.HasKey(e => e.Id);
        b.Property(e => e.Column).HasMaxLength(64);
        b.Property(e => e.Code).HasMaxLength(64);
        b.Property(e => e.Args).HasMaxLength(200);
        b.Property(e => e.Value).HasMaxLength(200);
        b.HasIndex(e => new { e.ImportId, e.RowNumber });
        b.HasOne<OrderImport>().WithMany().HasForeignKey(e => e.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
