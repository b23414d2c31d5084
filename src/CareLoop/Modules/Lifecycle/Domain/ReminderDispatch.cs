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
    private const int MaxKeysLength = 4000;

    private ScheduleCursor()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public int SkipAtAt { get; private set; }

    /// <summary>The milestone template keys (<c>lifecycle.tip.3|…</c>) the walk so far has added rows for: a new one walks the roster again.</summary>
    public string MilestoneKeys { get; private set; } = "";

    public static ScheduleCursor Start(Guid tenantId, DateTimeOffset now) => new() { Id = Guid.CreateVersion7(now), TenantId = tenantId, At = DateTimeOffset.UnixEpoch };

    public void Advance(DateTimeOffset at, int countAtAt)
    {
        SkipAtAt = at == At ? SkipAtAt + countAtAt : countAtAt;
        At = at;
    }

    /// <summary>Keeps up with the tenant's milestone templates: one the walk has not seen rewinds it, so existing units get that milestone.</summary>
    public void Follow(IEnumerable<string> milestoneKeys)
    {
        var current = milestoneKeys.Distinct().Order(StringComparer.Ordinal).ToList();
        var known = MilestoneKeys.Split('|', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (current.Any(k => !known.Contains(k)))
        {
            Rewind();
        }

        // The column holds 4000 characters: past that (dozens of milestone templates) the last keys are not remembered and rewind each run.
        var remembered = new List<string>();
        foreach (var key in current.TakeWhile(k => remembered.Sum(r => r.Length + 1) + k.Length <= MaxKeysLength))
        {
            remembered.Add(key);
        }

        MilestoneKeys = string.Join('|', remembered);
    }

    /// <summary>Walk the roster again from the start (a new template: existing units get its milestone).</summary>
    public void Rewind()
    {
        At = DateTimeOffset.UnixEpoch;
        SkipAtAt = 0;
    }
}
