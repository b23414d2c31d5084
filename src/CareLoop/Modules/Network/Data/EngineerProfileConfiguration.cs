using CareLoop.Modules.Network.Domain;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Modules.Network.Data;

internal sealed class EngineerProfileConfiguration : IEntityTypeConfiguration<EngineerProfile>
{
    public void Configure(EntityTypeBuilder<EngineerProfile> b)
    {
        b.ToTable("EngineerProfiles");
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.TenantId, e.UserId }).IsUnique();
        b.Property(e => e.StationName).HasMaxLength(100);
        // Short code lists, read with the profile: a delimited column on both providers.
        b.Property<List<string>>("_skills").HasColumnName("Skills").HasDelimitedList(',', 2000);
        b.Property<List<string>>("_districts").HasColumnName("ServiceDistricts").HasDelimitedList(',', 2000);
        b.Property<List<string>>("_certificates").HasColumnName("Certificates").HasDelimitedList(',', 1000);
        b.Property<List<string>>("_shifts").HasColumnName("Shifts").HasDelimitedList(',', 200);
        b.Property<List<string>>("_leave").HasColumnName("LeaveDays").HasDelimitedList(',', 2000);
        b.Ignore(e => e.Skills);
        b.Ignore(e => e.ServiceDistricts);
        b.Ignore(e => e.Certificates);
        b.Ignore(e => e.Shifts);
        b.Ignore(e => e.LeaveDays);
        b.HasIndex(e => new { e.TenantId, e.StationId });
    }
}

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> b)
    {
        b.ToTable("ServiceProviders");
        b.HasKey(p => p.Id);
        b.HasIndex(p => new { p.TenantId, p.Name }).IsUnique();
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property<List<string>>("_districts").HasColumnName("ContractDistricts").HasDelimitedList(',', 8000);
        b.Property<List<string>>("_categories").HasColumnName("ContractCategories").HasDelimitedList(',', 1000);
        b.Ignore(p => p.ContractDistricts);
        b.Property<List<string>>("_admins").HasColumnName("AdminUserIds").HasDelimitedList(',', 2000);
        b.Ignore(p => p.ContractCategories);
        b.Ignore(p => p.AdminUserIds);
    }
}

internal sealed class StationConfiguration : IEntityTypeConfiguration<Station>
{
    public void Configure(EntityTypeBuilder<Station> b)
    {
        b.ToTable("Stations");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.TenantId, s.ProviderId, s.Name }).IsUnique();
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.DistrictCode).HasMaxLength(6);
        b.Property(s => s.Address).HasMaxLength(200);
        b.HasOne<Provider>().WithMany().HasForeignKey(s => s.ProviderId).OnDelete(DeleteBehavior.Restrict);
    }
}
