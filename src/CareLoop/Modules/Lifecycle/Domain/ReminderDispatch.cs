using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Lifecycle.Domain;

/// <summary>
/// One message the daily run claimed for one customer and day (<c>reminder:{customer}:{yyyy-MM-dd}</c>, or <c>tip:…</c>).
/// Its key is unique per tenant: a second run, or a second node, finds the claim and sends nothing.
/// </summary>
public sealed class ReminderDispatch : ITenantOwned
{
    private ReminderDispatch()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string DedupKey { get; private set; } = "";

    public Guid CustomerId { get; private set; }

    public DateOnly Day { get; private set; }

    public int ItemCount { get; private set; }

    public string Items { get; private set; } = "";

    /// <summary>The outreach receipt's status (sent, deferred, dropped) once known.</summary>
    public string Status { get; private set; } = "claimed";

    public string? ReasonCode { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static ReminderDispatch Claim(Guid tenantId, string dedupKey, Guid customerId, DateOnly day, IReadOnlyCollection<string> items, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), TenantId = tenantId, DedupKey = dedupKey, CustomerId = customerId, Day = day, ItemCount = items.Count,
        Items = string.Join('|', items).Length > 1000 ? string.Join('|', items)[..1000] : string.Join('|', items), CreatedAt = now,
    };

    public void Outcome(string status, string? reasonCode)
    {
        Status = status;
        ReasonCode = reasonCode;
    }
}

/// <summary>How far the schedules have followed the unit roster (registration time, and how many units at exactly that time were taken).</summary>
public sealed class ScheduleCursor : ITenantOwned
{
    private ScheduleCursor()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public int SkipAtAt { get; private set; }

    public static ScheduleCursor Start(Guid tenantId, DateTimeOffset now) => new() { Id = Guid.CreateVersion7(now), TenantId = tenantId, At = DateTimeOffset.UnixEpoch };

    public void Advance(DateTimeOffset at, int countAtAt)
    {
        SkipAtAt = at == At ? SkipAtAt + countAtAt : countAtAt;
        At = at;
    }

    /// <summary>Walk the roster again from the start (a new template: existing units get its milestone).</summary>
    public void Rewind()
    {
        At = DateTimeOffset.UnixEpoch;
        SkipAtAt = 0;
    }
}
