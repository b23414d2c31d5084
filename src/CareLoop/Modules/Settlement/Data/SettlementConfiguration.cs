using CareLoop.Modules.Settlement.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Modules.Settlement.Data;

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable("LedgerEntries");
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.TenantId, e.Key }).IsUnique(); // every posting once, however often its event arrives
        b.HasIndex(e => new { e.TenantId, e.Period, e.PartyKind, e.PartyId }); // statements: one month's sums per party
        b.HasIndex(e => new { e.TenantId, e.PartyKind, e.PartyId, e.Period });
        b.HasIndex(e => new { e.TenantId, e.WorkOrderId });
        b.Property(e => e.Key).HasMaxLength(LedgerEntry.KeyMaxLength);
        b.Property(e => e.RuleCode).HasMaxLength(40);
        b.Property(e => e.Args).HasMaxLength(1000);
        b.Property(e => e.WorkOrderNumber).HasMaxLength(40);
        b.Property(e => e.Reason).HasMaxLength(500);
        b.Ignore(e => e.ArgList);
    }
}

internal sealed class JobSettlementConfiguration : IEntityTypeConfiguration<JobSettlement>
{
    public void Configure(EntityTypeBuilder<JobSettlement> b)
    {
        b.ToTable("JobSettlements");
        b.HasKey(j => j.Id);
        b.HasIndex(j => new { j.TenantId, j.WorkOrderId }).IsUnique(); // a work order's commission is posted once
        b.HasIndex(j => new { j.TenantId, j.UnitId, j.CompletedAt });
        b.HasIndex(j => new { j.TenantId, j.EngineerId, j.ConfirmedAt });
        b.Property(j => j.WorkOrderNumber).HasMaxLength(40);
    }
}

internal sealed class CommissionRuleSetConfiguration : IEntityTypeConfiguration<CommissionRuleSet>
{
    public void Configure(EntityTypeBuilder<CommissionRuleSet> b)
    {
        b.ToTable("CommissionRuleSets");
        b.HasKey(r => r.Id);
        b.HasIndex(r => new { r.TenantId, r.Version }).IsUnique();
        b.Ignore(r => r.Rules);
    }
}

internal sealed class StatementConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> b)
    {
        b.ToTable("Statements");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.TenantId, s.Period, s.PartyKind, s.PartyId }).IsUnique();
        b.HasIndex(s => new { s.TenantId, s.PartyKind, s.PartyId, s.Period });
    }
}

internal sealed class CorrectionRequestConfiguration : IEntityTypeConfiguration<CorrectionRequest>
{
    public void Configure(EntityTypeBuilder<CorrectionRequest> b)
    {
        b.ToTable("CorrectionRequests");
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.TenantId, c.EntryId });
        b.Property(c => c.Reason).HasMaxLength(500);
        b.Ignore(c => c.State);
    }
}
