using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Lifecycle.Domain;

/// <summary>Where a call-list entry stands: open (to call, or to call again), or closed by an outcome.</summary>
public enum EntryStatus
{
    Open = 1,
    Closed = 2,
}

/// <summary>What an agent's call came to (API names are camelCase).</summary>
public enum CallOutcome
{
    Informed = 1,
    BoughtOnline = 2,
    EngineerWillBring = 3,
    Declined = 4,
    Unreachable = 5,
    WrongNumber = 6,
    OptOut = 7,

    /// <summary>The customer says they replaced it themself: the interval starts again.</summary>
    AlreadyReplaced = 8,
}

/// <summary>
/// A consumable past its due date with no replacement recorded (待回款): one entry per schedule and due date, worked by
/// the value-added team, possibly inside a campaign. Unreachable customers are called again by the retry policy.
/// </summary>
public sealed class CallListEntry : ITenantOwned, IVersioned
{
    /// <summary>Unreachable: called again the next day, up to this many attempts, then closed.</summary>
    public const int MaxAttempts = 3;

    private CallListEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ScheduleId { get; private set; }

    public Guid UnitId { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid ModelId { get; private set; }

    public string ConsumableCode { get; private set; } = "";

    public string ConsumableName { get; private set; } = "";

    public DateOnly DueOn { get; private set; }

    /// <summary>The owner's district (GB/T 2260) when the entry was made: campaigns select by its prefix.</summary>
    public string? RegionCode { get; private set; }

    public string Tags { get; private set; } = "";

    public DateOnly? WarrantyEndsOn { get; private set; }

    public Guid? CampaignId { get; private set; }

    public Guid? AssigneeId { get; private set; }

    public EntryStatus Status { get; private set; } = EntryStatus.Open;

    public CallOutcome? Outcome { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? NextAttemptAt { get; private set; }

    public Guid? WorkOrderId { get; private set; }

    /// <summary>What the sale brought, in 分 (the catalog price of the consumable) when bought.</summary>
    public long RevenueFen { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public long Version { get; set; }

    public static CallListEntry Open(
        Guid tenantId, LifecycleSchedule schedule, string? regionCode, IEnumerable<string> tags, DateOnly? warrantyEndsOn, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(now), TenantId = tenantId, ScheduleId = schedule.Id, UnitId = schedule.UnitId, CustomerId = schedule.CustomerId, ModelId = schedule.ModelId,
            ConsumableCode = schedule.ItemKey, ConsumableName = schedule.ItemName, DueOn = schedule.DueOn, RegionCode = regionCode,
            Tags = string.Join('|', tags), WarrantyEndsOn = warrantyEndsOn, CreatedAt = now, NextAttemptAt = now,
        };

    public IReadOnlyList<string> TagList => Tags.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public void JoinCampaign(Guid campaignId, Guid? assigneeId)
    {
        CampaignId = campaignId;
        AssigneeId = assigneeId;
    }

    /// <summary>Records the outcome of one attempt; an unreachable customer stays open for another try until <see cref="MaxAttempts"/>.</summary>
    public void Record(CallOutcome outcome, long revenueFen, Guid? workOrderId, DateTimeOffset now)
    {
        if (Status != EntryStatus.Open)
        {
            throw new InvalidOperationException("A closed entry takes no more attempts.");
        }

        Attempts++;
        Outcome = outcome;
        if (outcome == CallOutcome.Unreachable && Attempts < MaxAttempts)
        {
            NextAttemptAt = now.AddDays(1);
            return;
        }

        Status = EntryStatus.Closed;
        NextAttemptAt = null;
        ClosedAt = now;
        RevenueFen = revenueFen;
        WorkOrderId = workOrderId;
    }

    /// <summary>A replacement was recorded some other way: nothing left to call about.</summary>
    public void Settle(DateTimeOffset now)
    {
        Status = EntryStatus.Closed;
        Outcome ??= CallOutcome.AlreadyReplaced;
        NextAttemptAt = null;
        ClosedAt = now;
    }

    public static bool IsSale(CallOutcome outcome) => outcome is CallOutcome.BoughtOnline or CallOutcome.EngineerWillBring;

    /// <summary>Outcomes that mean somebody answered.</summary>
    public static bool IsReached(CallOutcome outcome) => outcome is not (CallOutcome.Unreachable or CallOutcome.WrongNumber);
}

/// <summary>One call attempt: who, when, whether the contact policy allowed it (and why not), and what came of it.</summary>
public sealed class CallAttempt : ITenantOwned
{
    private CallAttempt()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid EntryId { get; private set; }

    public Guid? CampaignId { get; private set; }

    public Guid? AgentId { get; private set; }

    public string AgentName { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public bool Allowed { get; private set; }

    public string? ReasonCode { get; private set; }

    public CallOutcome? Outcome { get; private set; }

    public string? Note { get; private set; }

    public static CallAttempt Record(CallListEntry entry, Guid? agentId, string agentName, bool allowed, string? reasonCode, CallOutcome? outcome, string? note, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), TenantId = entry.TenantId, EntryId = entry.Id, CampaignId = entry.CampaignId, AgentId = agentId, AgentName = agentName, At = now,
        Allowed = allowed, ReasonCode = reasonCode, Outcome = outcome, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
    };
}
