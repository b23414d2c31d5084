using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Files;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Modules.Customers.Data;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("Customers");
        b.HasKey(c => c.Id);
        b.Property(c => c.Name).HasMaxLength(CustomerRules.MaxNameLength);
        b.Property(c => c.DoNotDisturbReason).HasMaxLength(200);
        b.Property(c => c.WeChatOpenId).HasMaxLength(64);
        b.Property(c => c.Notes).HasMaxLength(2000);
        b.Property<List<string>>("_tags").HasColumnName("Tags").HasDelimitedList('|', 1000);
        b.Ignore(c => c.Tags);
        b.HasIndex(c => new { c.TenantId, c.Name });
        b.HasMany(c => c.Phones).WithOne().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Addresses).WithOne().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Phones).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Addresses).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CustomerPhoneConfiguration : IEntityTypeConfiguration<CustomerPhone>
{
    public void Configure(EntityTypeBuilder<CustomerPhone> b)
    {
        b.ToTable("CustomerPhones");
        b.HasKey(p => p.Id);
        b.Property(p => p.Cipher).HasMaxLength(200);
        b.Property(p => p.BlindIndex).HasMaxLength(64);
        b.Property(p => p.Masked).HasMaxLength(32);
        // One number identifies one customer of a brand: order intake and phone search rely on it.
        b.HasIndex(p => new { p.TenantId, p.BlindIndex }).IsUnique();
    }
}

internal sealed class CustomerAddressConfiguration : IEntityTypeConfiguration<CustomerAddress>
{
    public void Configure(EntityTypeBuilder<CustomerAddress> b)
    {
        b.ToTable("CustomerAddresses");
        b.HasKey(a => a.Id);
        b.Ignore(a => a.FullText);
        foreach (var code in new[] { nameof(CustomerAddress.ProvinceCode), nameof(CustomerAddress.CityCode), nameof(CustomerAddress.DistrictCode) })
        {
            b.Property(code).HasMaxLength(6);
        }

        foreach (var name in new[] { nameof(CustomerAddress.ProvinceName), nameof(CustomerAddress.CityName), nameof(CustomerAddress.DistrictName) })
        {
            b.Property(name).HasMaxLength(50);
        }

        b.Property(a => a.Detail).HasMaxLength(200);
        b.HasIndex(a => a.DistrictCode);
    }
}

internal sealed class RegisteredUnitConfiguration : IEntityTypeConfiguration<RegisteredUnit>
{
    public void Configure(EntityTypeBuilder<RegisteredUnit> b)
    {
        b.ToTable("RegisteredUnits");
        b.HasKey(u => u.Id);
        b.Property(u => u.SerialNumber).HasMaxLength(64);
        b.Property(u => u.Sku).HasMaxLength(64);
        b.Property(u => u.OrderNumber).HasMaxLength(64);
        b.HasIndex(u => new { u.TenantId, u.SerialNumber }).IsUnique();
        b.HasIndex(u => new { u.TenantId, u.OrderNumber });
        b.HasIndex(u => u.CustomerId);
        b.HasOne<Customer>().WithMany().HasForeignKey(u => u.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(u => u.ExtendedDays);
        b.HasMany(u => u.Extensions).WithOne().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(u => u.Extensions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(u => u.Transfers).WithOne().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(u => u.Transfers).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(u => u.InvoiceFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OwnershipTransferConfiguration : IEntityTypeConfiguration<OwnershipTransfer>
{
    public void Configure(EntityTypeBuilder<OwnershipTransfer> b)
    {
        b.ToTable("UnitTransfers");
        b.HasKey(t => t.Id);
        b.Property(t => t.Reason).HasMaxLength(500);
    }
}

internal sealed class PhoneVerificationConfiguration : IEntityTypeConfiguration<PhoneVerification>
{
    public void Configure(EntityTypeBuilder<PhoneVerification> b)
    {
        b.ToTable("PhoneVerifications");
        b.HasKey(v => v.Id);
        b.Property(v => v.PhoneIndex).HasMaxLength(64);
        b.Property(v => v.Purpose).HasMaxLength(64);
        b.Property(v => v.CodeHash).HasMaxLength(64);
        b.HasIndex(v => new { v.TenantId, v.PhoneIndex, v.CreatedAt });
    }
}

internal sealed class WarrantySettingsConfiguration : IEntityTypeConfiguration<WarrantySettings>
{
    public void Configure(EntityTypeBuilder<WarrantySettings> b)
    {
        b.ToTable("WarrantySettings");
        b.HasKey(s => s.TenantId);
    }
}

internal sealed class WarrantyExtensionConfiguration : IEntityTypeConfiguration<WarrantyExtension>
{
    public void Configure(EntityTypeBuilder<WarrantyExtension> b)
    {
        b.ToTable("WarrantyExtensions");
        b.HasKey(e => e.Id);
        b.Property(e => e.Reason).HasMaxLength(500);
        b.HasIndex(e => e.Status);
    }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.ToTable("CustomerImports");
        b.HasKey(j => j.Id);
        b.Property(j => j.FileName).HasMaxLength(128);
        b.Property(j => j.RequestedByName).HasMaxLength(256);
        b.Property(j => j.Failure).HasMaxLength(500);
        b.HasIndex(j => new { j.TenantId, j.CreatedAt });
        b.HasIndex(j => j.Status);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(j => j.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ImportRowErrorConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> b)
    {
        b.ToTable("CustomerImportErrors");
        b.HasKey(e => e.Id);
        b.Property(e => e.Column).HasMaxLength(64);
        b.Property(e => e.Code).HasMaxLength(64);
        b.Property(e => e.Value).HasMaxLength(200);
        b.HasIndex(e => new { e.ImportId, e.RowNumber });
        b.HasOne<ImportJob>().WithMany().HasForeignKey(e => e.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
