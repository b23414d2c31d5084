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
        b.Ignore(e => e.Skills);
        b.Ignore(e => e.ServiceDistricts);
    }
}
