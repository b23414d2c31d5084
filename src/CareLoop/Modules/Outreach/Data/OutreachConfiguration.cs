using CareLoop.Modules.Outreach.Domain;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Modules.Outreach.Data;

internal sealed class ContactPolicySettingsConfiguration : IEntityTypeConfiguration<ContactPolicySettings>
{
    public void Configure(EntityTypeBuilder<ContactPolicySettings> b)
    {
        b.ToTable("ContactPolicies");
        b.HasKey(s => s.Id);
        b.HasIndex(s => s.TenantId).IsUnique();
        b.Property<List<string>>("_allowedHours").HasColumnName("AllowedHours").HasDelimitedList(',', 400);
        b.Property<List<string>>("_noContactDates").HasColumnName("NoContactDates").HasDelimitedList(',', 12000);
        b.Ignore(s => s.AllowedHours);
        b.Ignore(s => s.NoContactDates);
    }
}

internal sealed class ContactOptOutConfiguration : IEntityTypeConfiguration<ContactOptOut>
{
    public void Configure(EntityTypeBuilder<ContactOptOut> b)
    {
        b.ToTable("ContactOptOuts");
        b.HasKey(o => o.Id);
        b.HasIndex(o => new { o.TenantId, o.CustomerId });
        b.Property(o => o.Source).HasMaxLength(100);
    }
}

internal sealed class ContactLogEntryConfiguration : IEntityTypeConfiguration<ContactLogEntry>
{
    public void Configure(EntityTypeBuilder<ContactLogEntry> b)
    {
        b.ToTable("ContactLog");
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.TenantId, e.CustomerId, e.At });
    }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> b)
    {
        b.ToTable("MessageTemplates");
        b.HasKey(t => t.Id);
        b.HasIndex(t => new { t.TenantId, t.Key, t.Channel }).IsUnique();
        b.Property(t => t.Key).HasMaxLength(60);
        b.Property(t => t.Text).HasMaxLength(500);
        b.Property(t => t.ProviderTemplateId).HasMaxLength(100);
        b.Property(t => t.Url).HasMaxLength(500);
    }
}

internal sealed class OutboundMessageConfiguration : IEntityTypeConfiguration<OutboundMessage>
{
    public void Configure(EntityTypeBuilder<OutboundMessage> b)
    {
        b.ToTable("OutboundMessages");
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.TenantId, m.DedupKey }).IsUnique(); // the same key is sent once, however many nodes ask
        b.HasIndex(m => new { m.Status, m.DueAt }); // the delivery job's scan across tenants
        b.HasIndex(m => new { m.TenantId, m.CustomerId, m.CreatedAt });
        b.Property(m => m.TemplateKey).HasMaxLength(60);
        b.Property(m => m.DedupKey).HasMaxLength(200);
        b.Property(m => m.Status).HasMaxLength(20);
        b.Property(m => m.ReasonCode).HasMaxLength(40);
        b.Property(m => m.Parameters).HasColumnType("text");
        b.Property(m => m.RenderedText).HasColumnType("text");
        b.Property(m => m.WireBody).HasColumnType("text");
        b.Property(m => m.ProviderReceipt).HasMaxLength(200);
    }
}
