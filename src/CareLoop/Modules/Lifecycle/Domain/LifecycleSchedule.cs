using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Lifecycle.Domain;

public enum ScheduleKind
{
    /// <summary>A consumable of the unit's model (filter, brush): due every <c>IntervalDays</c> from the last replacement.</summary>
    Consumable = 1,

    /// <summary>A message some days before the main-unit warranty ends (a tenant template).</summary>
    WarrantyExpiry = 2,

    /// <summary>A usage tip some days after installation (a tenant template).</summary>
    UsageTip = 3,
}

public enum ScheduleState
{
    /// <summary>Waiting for its day.</summary>
    Upcoming = 1,

    /// <summary>The customer was reminded for this due date (consumables).</summary>
    Reminded = 2,

    /// <summary>Due date reached without a replacement: on the call list.</summary>
    Overdue = 3,

    /// <summary>An engineer will bring it (a maintenance order is open): waits for the order's completion.</summary>
    Ordered = 4,

    /// <summary>The milestone message went out (warranty, tip): nothing more to do.</summary>
    Done = 5,
}

/// <summary>How a replacement became known; each one restarts the consumable's interval.</summary>
public static class ReplacementSources
{
    public const string WorkOrder = "workOrder";
    public const string Purchase = "purchase";
    public const string CustomerSaid = "customerSaid";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { WorkOrder, Purchase, CustomerSaid };
}

/// <summary>
/// One thing due for one unit: a consumable's next replacement, a warranty-expiry message or a usage tip. The daily
/// computation reads these by (tenant, state, due date) only: the index answers it, however many units there are.
/// </summary>
public sealed class LifecycleSchedule : ITenantOwned
{
    private LifecycleSchedule()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid UnitId { get; private set; }

    /// <summary>The owner when the row was last refreshed (kept in step when the call list reads the unit's facts).</summary>
    public Guid CustomerId { get; private set; }

    public Guid ModelId { get; private set; }

    public ScheduleKind Kind { get; private set; }

    /// <summary>The consumable's catalog code, or the template's key.</summary>
    public string ItemKey { get; private set; } = "";

    public string ItemName { get; private set; } = "";

    /// <summary>Consumables: days between replacements; milestones: 0.</summary>
    public int IntervalDays { get; private set; }

    /// <summary>The day the current interval started: installation, or the last replacement.</summary>
    public DateOnly StartedOn { get; private set; }

    public DateOnly DueOn { get; private set; }

    public ScheduleState State { get; private set; }

    public DateOnly? LastReplacedOn { get; private set; }

    public string? LastReplacedBy { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static LifecycleSchedule ForConsumable(Guid tenantId, Guid unitId, Guid customerId, Guid modelId, string code, string name, int intervalDays, DateOnly startedOn, DateTimeOffset now)
    {
        if (intervalDays < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalDays), "A consumable interval is at least one day.");
        }

        return new()
        {
            Id = Guid.CreateVersion7(now), TenantId = tenantId, UnitId = unitId, CustomerId = customerId, ModelId = modelId, Kind = ScheduleKind.Consumable,
            ItemKey = code, ItemName = name, IntervalDays = intervalDays, StartedOn = startedOn, DueOn = startedOn.AddDays(intervalDays), State = ScheduleState.Upcoming,
            UpdatedAt = now,
        };
    }

    public static LifecycleSchedule ForMilestone(Guid tenantId, Guid unitId, Guid customerId, Guid modelId, ScheduleKind kind, string templateKey, DateOnly startedOn, DateOnly dueOn, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), TenantId = tenantId, UnitId = unitId, CustomerId = customerId, ModelId = modelId, Kind = kind,
        ItemKey = templateKey, ItemName = templateKey, StartedOn = startedOn, DueOn = dueOn, State = ScheduleState.Upcoming, UpdatedAt = now,
    };

    /// <summary>A replacement on <paramref name="on"/>: the interval starts again, whatever state the row was in.</summary>
    public void Replaced(DateOnly on, string source, DateTimeOffset now)
    {
        if (Kind != ScheduleKind.Consumable)
        {
            throw new InvalidOperationException("Only a consumable is replaced.");
        }

        StartedOn = on;
        DueOn = on.AddDays(IntervalDays);
        State = ScheduleState.Upcoming;
        LastReplacedOn = on;
        LastReplacedBy = source;
        UpdatedAt = now;
    }

    /// <summary>An engineer will bring the consumable: off the call list until the order completes (and resets it).</summary>
    public void Ordered(DateTimeOffset now)
    {
        State = ScheduleState.Ordered;
        UpdatedAt = now;
    }

    public void Owner(Guid customerId) => CustomerId = customerId;
}
