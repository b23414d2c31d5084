using CareLoop.Modules.Network.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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
        ListColumn(b.Property<List<string>>("_skills").HasColumnName("Skills"));
        ListColumn(b.Property<List<string>>("_districts").HasColumnName("ServiceDistricts"));
        b.Ignore(e => e.Skills);
        b.Ignore(e => e.ServiceDistricts);
    }

    private static void ListColumn(PropertyBuilder<List<string>> property) =>
        property
            .HasConversion(
                v => string.Join(',', v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>((x, y) => x!.SequenceEqual(y!), v => string.Join(',', v).GetHashCode(StringComparison.Ordinal), v => v.ToList()))
            .HasMaxLength(2000);
}
