using System.Text.Json;
using CareLoop.Modules.Catalog.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Modules.Catalog.Data;

internal sealed class ProductCategoryConfiguration : IEntityTypeConfiguration<ProductCategory>
{
    public void Configure(EntityTypeBuilder<ProductCategory> b)
    {
        b.ToTable("ProductCategories");
        b.HasKey(c => c.Id);
        b.Property(c => c.Code).HasMaxLength(64);
        b.Property(c => c.Name).HasMaxLength(100);
        b.HasIndex(c => new { c.TenantId, c.Code }).IsUnique();
    }
}

internal sealed class ProductModelConfiguration : IEntityTypeConfiguration<ProductModel>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<ProductModel> b)
    {
        b.ToTable("ProductModels");
        b.HasKey(m => m.Id);
        b.Property(m => m.Sku).HasMaxLength(64);
        b.Property(m => m.Name).HasMaxLength(200);
        b.Property(m => m.PhotoUrl).HasMaxLength(500);
        b.Property(m => m.SerialPattern).HasMaxLength(200);
        b.HasIndex(m => new { m.TenantId, m.Sku }).IsUnique();
        b.HasOne<ProductCategory>().WithMany().HasForeignKey(m => m.CategoryId).OnDelete(DeleteBehavior.Restrict);
        // The warranty policy is one value, read and replaced whole: stored as JSON text on both providers.
        b.Property(m => m.Warranty)
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<WarrantyPolicy>(v, Json)!,
                new ValueComparer<WarrantyPolicy>((x, y) => JsonSerializer.Serialize(x, Json) == JsonSerializer.Serialize(y, Json), v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal), v => v))
            .HasMaxLength(4000);
        b.HasMany(m => m.Parts).WithOne().HasForeignKey(p => p.ModelId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Consumables).WithOne().HasForeignKey(c => c.ModelId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Parts).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(m => m.Consumables).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PartConfiguration : IEntityTypeConfiguration<Part>
{
    public void Configure(EntityTypeBuilder<Part> b)
    {
        b.ToTable("Parts");
        b.HasKey(p => p.Id);
        b.Property(p => p.Code).HasMaxLength(64);
        b.Property(p => p.Name).HasMaxLength(200);
        b.HasIndex(p => new { p.ModelId, p.Code }).IsUnique();
    }
}

internal sealed class ConsumableConfiguration : IEntityTypeConfiguration<Consumable>
{
    public void Configure(EntityTypeBuilder<Consumable> b)
    {
        b.ToTable("Consumables");
        b.HasKey(c => c.Id);
        b.Property(c => c.Code).HasMaxLength(64);
        b.Property(c => c.Name).HasMaxLength(200);
        b.HasIndex(c => new { c.ModelId, c.Code }).IsUnique();
    }
}

internal sealed class FaultCodeConfiguration : IEntityTypeConfiguration<FaultCode>
{
    public void Configure(EntityTypeBuilder<FaultCode> b)
    {
        b.ToTable("FaultCodes");
        b.HasKey(f => f.Id);
        b.Property(f => f.Code).HasMaxLength(32);
        b.Property(f => f.Name).HasMaxLength(200);
        b.HasIndex(f => new { f.TenantId, f.CategoryId, f.Code }).IsUnique();
        b.HasOne<ProductCategory>().WithMany().HasForeignKey(f => f.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FaultCode>().WithMany().HasForeignKey(f => f.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
