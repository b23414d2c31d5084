using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Network.Domain;

/// <summary>
/// The service side of an engineer's staff account: where they work (GB/T 2260 district codes), what they can
/// fix (product category codes), how many jobs a day they take and where they start from. Dispatch reads it.
/// </summary>
public sealed class EngineerProfile : ITenantOwned, IVersioned
{
    private List<string> _skills = [];
    private List<string> _districts = [];

    private EngineerProfile()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>The engineer's staff user (role Engineer).</summary>
    public Guid UserId { get; private set; }

    public string StationName { get; private set; } = "";

    public IReadOnlyList<string> Skills => _skills;

    public IReadOnlyList<string> ServiceDistricts => _districts;

    public int DailyCapacity { get; private set; }

    public double? HomeLatitude { get; private set; }

    public double? HomeLongitude { get; private set; }

    public bool IsActive { get; private set; } = true;

    public long Version { get; set; }

    public static EngineerProfile Create(Guid tenantId, Guid userId, string stationName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        UserId = userId,
        StationName = stationName.Trim(),
        DailyCapacity = NetworkRules.DefaultDailyCapacity,
    };

    public void Assign(IEnumerable<string> skills, IEnumerable<string> districts, int dailyCapacity)
    {
        _skills = skills.Select(s => s.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        _districts = districts.Select(d => d.Trim()).Distinct().Order(StringComparer.Ordinal).ToList();
        DailyCapacity = dailyCapacity;
    }

    public void LocateHome(double latitude, double longitude)
    {
        HomeLatitude = latitude;
        HomeLongitude = longitude;
    }

    /// <summary>Serves the GB/T 2260 district (first hard rule of dispatch).</summary>
    public bool Serves(string districtCode) => _districts.Contains(districtCode.Trim());

    /// <summary>Has the skill for the product category (second hard rule of dispatch).</summary>
    public bool CanFix(string categoryCode) => _skills.Contains(categoryCode.Trim().ToLowerInvariant());
}

public static class NetworkRules
{
    public const int DefaultDailyCapacity = 6;
}
