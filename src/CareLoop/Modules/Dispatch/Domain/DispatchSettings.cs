using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Dispatch.Domain;

/// <summary>
/// A tenant's dispatch policy: whether orders are dispatched automatically, the weights of the score (0–100 each),
/// how far an engineer may be sent, which areas use grab mode instead and for how long an offer stands, and which
/// product categories need which certificate (e.g. water heaters: an electrician licence).
/// </summary>
public sealed class DispatchSettings : ITenantOwned, IVersioned
{
    private List<string> _grabAreas = [];
    private List<string> _certificates = [];

    private DispatchSettings()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public bool AutoDispatch { get; private set; } = true;

    public int DistanceWeight { get; private set; } = 40;

    public int LoadWeight { get; private set; } = 25;

    public int UrgencyWeight { get; private set; } = 15;

    public int RatingWeight { get; private set; } = 10;

    public int AffinityWeight { get; private set; } = 10;

    /// <summary>Beyond this straight-line distance an engineer is not sent (and scores zero on distance).</summary>
    public int MaxDistanceKm { get; private set; } = 50;

    /// <summary>GB/T 2260 prefixes where orders are offered to a pool instead of assigned.</summary>
    public IReadOnlyList<string> GrabAreas => _grabAreas;

    public int GrabTimeoutMinutes { get; private set; } = 15;

    /// <summary><c>category:certificate</c> pairs: a category's jobs need a valid certificate of that kind.</summary>
    public IReadOnlyList<string> RequiredCertificates => _certificates;

    public long Version { get; set; }

    public static DispatchSettings Defaults(Guid tenantId) => new() { Id = tenantId, TenantId = tenantId };

    public void Update(
        bool autoDispatch, int distance, int load, int urgency, int rating, int affinity, int maxDistanceKm, IEnumerable<string> grabAreas, int grabTimeoutMinutes,
        IEnumerable<string> requiredCertificates)
    {
        AutoDispatch = autoDispatch;
        DistanceWeight = distance;
        LoadWeight = load;
        UrgencyWeight = urgency;
        RatingWeight = rating;
        AffinityWeight = affinity;
        MaxDistanceKm = maxDistanceKm;
        _grabAreas = grabAreas.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        GrabTimeoutMinutes = grabTimeoutMinutes;
        _certificates = requiredCertificates.Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public bool IsGrabArea(string? regionCode) => regionCode is not null && _grabAreas.Any(a => regionCode.StartsWith(a, StringComparison.Ordinal));

    /// <summary>The certificate kinds a category's jobs need.</summary>
    public IEnumerable<string> CertificatesFor(string category) =>
        _certificates.Where(c => c.StartsWith(category + ":", StringComparison.Ordinal)).Select(c => c[(category.Length + 1)..]);
}
