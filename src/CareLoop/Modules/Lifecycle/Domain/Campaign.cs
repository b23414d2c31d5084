using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Lifecycle.Domain;

/// <summary>Which units a campaign wants by their warranty on the day an entry is made.</summary>
public enum WarrantyFilter
{
    Any = 0,
    InWarranty = 1,
    OutOfWarranty = 2,
}

/// <summary>
/// A supervisor's outbound campaign: an audience over the call list (model, region prefix, tag, how long overdue,
/// warranty state) and the agents who work it. Open entries that match join the oldest active campaign first.
/// </summary>
public sealed class Campaign : ITenantOwned
{
    private List<string> _agents = [];

    private Campaign()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = "";

    public Guid? ModelId { get; private set; }

    public string? RegionPrefix { get; private set; }

    public string? Tag { get; private set; }

    /// <summary>Only entries due at most this many days ago (null: any).</summary>
    public int? DueWithinDays { get; private set; }

    public WarrantyFilter Warranty { get; private set; }

    public IReadOnlyList<Guid> Agents => _agents.Select(Guid.Parse).ToList();

    public bool IsActive { get; private set; } = true;

    public Guid? CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Campaign Create(
        Guid tenantId, string name, Guid? modelId, string? regionPrefix, string? tag, int? dueWithinDays, WarrantyFilter warranty, IEnumerable<Guid> agents, Guid? by, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(now), TenantId = tenantId, Name = name.Trim(), ModelId = modelId, RegionPrefix = Blank(regionPrefix), Tag = Blank(tag),
            DueWithinDays = dueWithinDays, Warranty = warranty, _agents = agents.Distinct().Select(a => a.ToString()).ToList(), CreatedBy = by, CreatedAt = now,
        };

    public void Close() => IsActive = false;

    /// <summary>Whether an open entry belongs to this campaign's audience on <paramref name="today"/>.</summary>
    public bool Wants(CallListEntry entry, DateOnly today) =>
        (ModelId is null || entry.ModelId == ModelId) &&
        (RegionPrefix is null || (entry.RegionCode ?? "").StartsWith(RegionPrefix, StringComparison.Ordinal)) &&
        (Tag is null || entry.TagList.Contains(Tag)) &&
        (DueWithinDays is null || entry.DueOn >= today.AddDays(-DueWithinDays.Value)) &&
        Warranty switch
        {
            WarrantyFilter.InWarranty => entry.WarrantyEndsOn is { } end && end >= today,
            WarrantyFilter.OutOfWarranty => entry.WarrantyEndsOn is not { } e || e < today,
            _ => true,
        };

    /// <summary>The agent an entry goes to: spread evenly by the entry's id; nobody when the campaign has no agents.</summary>
    public Guid? AgentFor(Guid entryId) => _agents.Count == 0 ? null : Guid.Parse(_agents[(int)((uint)entryId.GetHashCode() % (uint)_agents.Count)]);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
