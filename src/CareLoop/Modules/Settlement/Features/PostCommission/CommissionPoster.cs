using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Modules.Settlement.Features.Rules;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Settlement.Features.PostCommission;

/// <summary>
/// Posts ledger entries from what happened to a job: its callback confirmed (the commission by the rules, once per work
/// order), a complaint (penalty, once per order), a repeat repair found later (penalty on the engineer paid for the original
/// job, once per original job). A contracted provider's engineer's entries are mirrored by a provider line (plus the
/// provider's fee on a confirmed job). Adds to the caller's unit of work and saves it.
/// </summary>
public sealed class CommissionPoster(
    CareLoopDbContext db, IWorkOrderDesk workOrders, ICustomerDirectory customers, ICatalog catalog, INetwork network,
    CommissionRulesHandler rules, TimeProvider time, ILogger<CommissionPoster> logger)
{
    /// <summary>The callback confirmed the job: its commission, exactly once per work order.</summary>
    public async Task<bool> ConfirmedAsync(Guid workOrderId, Guid? engineerHint, int? csat, DateTimeOffset confirmedAt, CancellationToken cancellationToken)
    {
        if (await db.Set<JobSettlement>().AnyAsync(j => j.WorkOrderId == workOrderId, cancellationToken))
        {
            return false;
        }

        var facts = await workOrders.SettlementFactsAsync(workOrderId, cancellationToken);
        if (facts is null || (facts.EngineerId ?? engineerHint) is not { } engineerId)
        {
            logger.LogWarning("Callback confirmed for work order {WorkOrderId} without an order or an engineer: nothing posted", workOrderId);
            return false;
        }

        var now = time.GetUtcNow();
        var ruleSet = await rules.CurrentAsync(cancellationToken);
        var engineer = (await network.SnapshotAsync(cancellationToken)).Find(engineerId);
        var category = await CategoryAsync(facts.UnitId, cancellationToken);
        var categoryName = category is null ? null : (await catalog.CategoriesAsync(cancellationToken)).FirstOrDefault(c => c.Code == category)?.Name;
        var job = new JobFacts(facts.Kind, category, await DistanceAsync(engineer, facts, cancellationToken), csat,
            facts.SlaBreached, await EarnedThisMonthAsync(engineerId, Periods.Of(now), cancellationToken), categoryName);
        var lines = CommissionCalculator.Evaluate(ruleSet.Rules, job);
        foreach (var line in lines)
        {
            db.Add(LedgerEntry.Post(PartyKind.Engineer, engineerId, facts.Id, facts.Number, line, ruleSet.Version, $"job:{facts.Id}:{line.RuleCode}", now));
        }

        var net = lines.Sum(l => l.AmountFen);
        var provider = ContractedProvider(engineer);
        if (provider is not null)
        {
            var amount = net + ruleSet.Rules.ProviderFeeFen;
            db.Add(LedgerEntry.Post(PartyKind.Provider, provider.ProviderId, facts.Id, facts.Number,
                new CommissionLine(RuleCodes.ProviderSettlement, amount, [engineer!.Name, Money(net), Money(ruleSet.Rules.ProviderFeeFen)]), ruleSet.Version, $"job:{facts.Id}:provider", now));
        }

        db.Add(JobSettlement.Record(facts.Id, facts.Number, engineerId, provider?.ProviderId, facts.UnitId, facts.CompletedAt ?? confirmedAt, confirmedAt, net, ruleSet.Version));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The customer complained about the job: the complaint penalty on its engineer, once per work order.</summary>
    public async Task<bool> ComplaintAsync(Guid workOrderId, Guid? engineerHint, CancellationToken cancellationToken)
    {
        var key = $"complaint:{workOrderId}";
        if (await db.Set<LedgerEntry>().AnyAsync(e => e.Key == key, cancellationToken))
        {
            return false;
        }

        var facts = await workOrders.SettlementFactsAsync(workOrderId, cancellationToken);
        var settled = await db.Set<JobSettlement>().AsNoTracking().FirstOrDefaultAsync(j => j.WorkOrderId == workOrderId, cancellationToken);
        if ((engineerHint ?? settled?.EngineerId ?? facts?.EngineerId) is not { } engineerId)
        {
            return false;
        }

        var ruleSet = await rules.CurrentAsync(cancellationToken);
        return await PenaliseAsync(engineerId, workOrderId, facts?.Number ?? settled?.WorkOrderNumber, RuleCodes.Complaint, ruleSet.Rules.ComplaintPenaltyFen, [], ruleSet.Version, key, cancellationToken);
    }

    /// <summary>The order was reopened within 30 days of completion: the repeat-repair penalty on the engineer paid for it.</summary>
    public async Task<bool> ReopenedAsRepeatRepairAsync(Guid workOrderId, CancellationToken cancellationToken)
    {
        var settled = await db.Set<JobSettlement>().AsNoTracking().FirstOrDefaultAsync(j => j.WorkOrderId == workOrderId, cancellationToken);
        return settled is not null && await RepeatPenaltyAsync(settled, settled.WorkOrderNumber, cancellationToken);
    }

    /// <summary>
    /// A new repair order for a unit whose job was paid and completed less than 30 days ago: the repeat-repair penalty on
    /// that job's engineer (once per original job).
    /// </summary>
    public async Task<bool> NewRepairAsync(Guid workOrderId, string number, WorkOrderKind kind, Guid? unitId, CancellationToken cancellationToken)
    {
        if (unitId is null || kind is not (WorkOrderKind.OnSiteRepair or WorkOrderKind.MailInRepair))
        {
            return false;
        }

        var since = time.GetUtcNow().AddDays(-WorkOrderRepeat.Days);
        var original = await db.Set<JobSettlement>().AsNoTracking()
            .Where(j => j.UnitId == unitId && j.WorkOrderId != workOrderId && j.CompletedAt >= since)
            .OrderByDescending(j => j.CompletedAt).FirstOrDefaultAsync(cancellationToken);
        return original is not null && await RepeatPenaltyAsync(original, number, cancellationToken);
    }

    private async Task<bool> RepeatPenaltyAsync(JobSettlement original, string foundBy, CancellationToken cancellationToken)
    {
        var key = $"repeat:{original.WorkOrderId}";
        if (await db.Set<LedgerEntry>().AnyAsync(e => e.Key == key, cancellationToken))
        {
            return false;
        }

        var ruleSet = await rules.CurrentAsync(cancellationToken);
        return await PenaliseAsync(original.EngineerId, original.WorkOrderId, original.WorkOrderNumber, RuleCodes.RepeatRepair, ruleSet.Rules.RepeatRepairPenaltyFen,
            [foundBy], ruleSet.Version, key, cancellationToken);
    }

    private async Task<bool> PenaliseAsync(
        Guid engineerId, Guid workOrderId, string? number, string code, long penaltyFen, string[] args, int version, string key, CancellationToken cancellationToken)
    {
        if (penaltyFen <= 0)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var line = new CommissionLine(code, -penaltyFen, args);
        db.Add(LedgerEntry.Post(PartyKind.Engineer, engineerId, workOrderId, number, line, version, key, now));
        var engineer = (await network.SnapshotAsync(cancellationToken)).Find(engineerId);
        if (ContractedProvider(engineer) is { } provider)
        {
            db.Add(LedgerEntry.Post(PartyKind.Provider, provider.ProviderId, workOrderId, number,
                new CommissionLine(RuleCodes.ProviderSettlement, -penaltyFen, [engineer!.Name, Money(-penaltyFen), Money(0)]), version, key + ":provider", now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The engineer's provider when it is a contracted one (the brand's own organisation is not settled with).</summary>
    private static ProviderContract? ContractedProvider(DispatchableEngineer? engineer) =>
        engineer?.Contract is { IsBrandOwned: false } contract ? contract : null;

    private async Task<string?> CategoryAsync(Guid? unitId, CancellationToken cancellationToken)
    {
        if (unitId is not { } id || await customers.FindUnitAsync(id, cancellationToken) is not { } unit)
        {
            return null;
        }

        return (await catalog.FindModelAsync(unit.ModelId, cancellationToken))?.CategoryCode;
    }

    /// <summary>Straight-line km from the engineer's station, else home, else last known position, to the job's address.</summary>
    private async Task<double?> DistanceAsync(DispatchableEngineer? engineer, SettlementFacts facts, CancellationToken cancellationToken)
    {
        if ((engineer?.Station ?? engineer?.Home ?? engineer?.LastKnown) is not { } from)
        {
            return null;
        }

        var address = await customers.AddressOfJobAsync(facts.AddressId, facts.CustomerId, cancellationToken);
        return GeoPoint.Of(address?.Latitude, address?.Longitude) is { } to ? from.KmTo(to) : null;
    }

    private Task<long> EarnedThisMonthAsync(Guid engineerId, int period, CancellationToken cancellationToken)
    {
        var codes = CommissionCalculator.Earnings.ToArray();
        return db.Set<LedgerEntry>()
            .Where(e => e.PartyKind == PartyKind.Engineer && e.PartyId == engineerId && e.Period == period && codes.Contains(e.RuleCode))
            .SumAsync(e => e.AmountFen, cancellationToken);
    }

    private static string Money(long fen) => new CareLoop.Platform.Results.Money(fen).ToString();
}

/// <summary>A repair within this many days of the unit's last completed job counts against that job (返修).</summary>
public static class WorkOrderRepeat
{
    public const int Days = 30;
}
