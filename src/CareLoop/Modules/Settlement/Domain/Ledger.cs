using System.Text.Json;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Settlement.Domain;

public enum PartyKind
{
    Engineer = 1,

    /// <summary>A contracted service provider: the brand settles with it for its engineers' jobs.</summary>
    Provider = 2,
}

/// <summary>A calendar month in the tenant's zone (Asia/Shanghai), as <c>yyyyMM</c> (e.g. 202611).</summary>
public static class Periods
{
    public static int Of(DateTimeOffset instant)
    {
        var day = TimeDisplay.DateOf(instant);
        return (day.Year * 100) + day.Month;
    }

    public static bool IsValid(int period) => period / 100 is >= 2000 and <= 9999 && period % 100 is >= 1 and <= 12;

    public static DateOnly FirstDay(int period) => new(period / 100, period % 100, 1);

    /// <summary>The instant the month starts (midnight of its first day, Shanghai).</summary>
    public static DateTimeOffset Start(int period) => TimeDisplay.ToUtc(FirstDay(period), TimeOnly.MinValue);

    public static DateTimeOffset End(int period) => TimeDisplay.ToUtc(FirstDay(period).AddMonths(1), TimeOnly.MinValue);

    public static int Previous(int period) => period % 100 == 1 ? period - 100 + 11 : period - 1;
}

/// <summary>
/// One append-only ledger line: a signed amount in 分 for a party (engineer or provider), from one rule, with its
/// explanation's arguments. Never updated or deleted; a correction is another entry reversing it
/// (<see cref="ReversesId"/>, with the reason, the requester and the approver). <see cref="Key"/> is unique per tenant: the
/// idempotency key that makes every posting happen once however often its event is delivered (docs/adr/0025).
/// </summary>
public sealed class LedgerEntry : ITenantOwned
{
    public const int KeyMaxLength = 100;

    private LedgerEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public PartyKind PartyKind { get; private set; }

    public Guid PartyId { get; private set; }

    public Guid? WorkOrderId { get; private set; }

    public string? WorkOrderNumber { get; private set; }

    public long AmountFen { get; private set; }

    public string RuleCode { get; private set; } = "";

    /// <summary>The explanation's arguments, a JSON array of strings (e.g. the kind and category of a base amount).</summary>
    public string Args { get; private set; } = "[]";

    /// <summary>The rule set version that produced it (null for reversals).</summary>
    public int? RuleSetVersion { get; private set; }

    public DateTimeOffset PostedAt { get; private set; }

    /// <summary>The month it counts in (<see cref="Periods"/>), the month it was posted: closed months never change.</summary>
    public int Period { get; private set; }

    public string Key { get; private set; } = "";

    public Guid? ReversesId { get; private set; }

    public string? Reason { get; private set; }

    public Guid? RequestedBy { get; private set; }

    public Guid? ApprovedBy { get; private set; }

    public IReadOnlyList<string> ArgList => JsonSerializer.Deserialize<string[]>(Args) ?? [];

    public static LedgerEntry Post(
        PartyKind party, Guid partyId, Guid? workOrderId, string? workOrderNumber, CommissionLine line, int? ruleSetVersion, string key, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at), PartyKind = party, PartyId = partyId, WorkOrderId = workOrderId, WorkOrderNumber = workOrderNumber,
        AmountFen = line.AmountFen, RuleCode = line.RuleCode, Args = JsonSerializer.Serialize(line.Args), RuleSetVersion = ruleSetVersion,
        PostedAt = at.ToUniversalTime(), Period = Periods.Of(at), Key = key,
    };

    /// <summary>The entry that cancels this one (or <paramref name="amountFen"/> of it, a positive magnitude), in the month it is posted.</summary>
    public LedgerEntry Reverse(string reason, Guid requestedBy, Guid approvedBy, DateTimeOffset at, long? amountFen = null) => new()
    {
        Id = Guid.CreateVersion7(at), PartyKind = PartyKind, PartyId = PartyId, WorkOrderId = WorkOrderId, WorkOrderNumber = WorkOrderNumber,
        AmountFen = amountFen is { } part ? -Math.Sign(AmountFen) * part : -AmountFen, RuleCode = RuleCodes.Reversal, Args = JsonSerializer.Serialize(new[] { RuleCode, TimeDisplay.DateOf(PostedAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }),
        PostedAt = at.ToUniversalTime(), Period = Periods.Of(at), Key = "reversal:" + Id, ReversesId = Id, Reason = reason, RequestedBy = requestedBy, ApprovedBy = approvedBy,
    };
}

/// <summary>
/// The record that a work order's commission was posted: one per order (unique), so a confirmation delivered twice, or
/// confirmed twice, pays once. Also what a later repeat repair on the same unit looks up to find whom to penalise.
/// </summary>
public sealed class JobSettlement : ITenantOwned
{
    private JobSettlement()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public string WorkOrderNumber { get; private set; } = "";

    public Guid EngineerId { get; private set; }

    public Guid? ProviderId { get; private set; }

    public Guid? UnitId { get; private set; }

    public DateTimeOffset CompletedAt { get; private set; }

    public DateTimeOffset ConfirmedAt { get; private set; }

    public long NetFen { get; private set; }

    public int RuleSetVersion { get; private set; }

    public static JobSettlement Record(
        Guid workOrderId, string number, Guid engineerId, Guid? providerId, Guid? unitId, DateTimeOffset completedAt, DateTimeOffset confirmedAt, long netFen, int ruleSetVersion) => new()
    {
        Id = Guid.CreateVersion7(confirmedAt), WorkOrderId = workOrderId, WorkOrderNumber = number, EngineerId = engineerId, ProviderId = providerId, UnitId = unitId,
        CompletedAt = completedAt, ConfirmedAt = confirmedAt, NetFen = netFen, RuleSetVersion = ruleSetVersion,
    };
}

/// <summary>One saved version of a tenant's commission rules; the highest version applies. Never edited: saving adds a version.</summary>
public sealed class CommissionRuleSet : ITenantOwned
{
    private CommissionRuleSet()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public int Version { get; private set; }

    public string Document { get; private set; } = "";

    public Guid? SavedBy { get; private set; }

    public DateTimeOffset SavedAt { get; private set; }

    public CommissionRules Rules => JsonSerializer.Deserialize<CommissionRules>(Document, Json) ?? CommissionRules.Empty;

    public static CommissionRuleSet Save(int version, CommissionRules rules, Guid? savedBy, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at), Version = version, Document = JsonSerializer.Serialize(rules, Json), SavedBy = savedBy, SavedAt = at,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
