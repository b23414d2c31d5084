using CareLoop.Modules.Network.Contracts;
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
    private List<string> _certificates = [];
    private List<string> _shifts = [.. NetworkRules.DefaultShifts];
    private List<string> _leave = [];

    private EngineerProfile()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>The engineer's staff user (role Engineer).</summary>
    public Guid UserId { get; private set; }

    public string StationName { get; private set; } = "";

    /// <summary>The station the engineer works from (its provider's contract bounds where they may be dispatched).</summary>
    public Guid? StationId { get; private set; }

    public IReadOnlyList<string> Skills => _skills;

    public IReadOnlyList<string> ServiceDistricts => _districts;

    public int DailyCapacity { get; private set; }

    public double? HomeLatitude { get; private set; }

    public double? HomeLongitude { get; private set; }

    /// <summary>Besides the listed districts, anything within this distance of home (km); null: districts only.</summary>
    public double? ServiceRadiusKm { get; private set; }

    /// <summary>Where the engineer last checked in (dispatch prefers it to home on the same day).</summary>
    public double? LastLatitude { get; private set; }

    public double? LastLongitude { get; private set; }

    public DateTimeOffset? LastLocatedAt { get; private set; }

    /// <summary>Average customer rating 1–5 (callbacks update it); 0 until the first rating.</summary>
    public double Rating { get; private set; }

    /// <summary>Certificates with expiry, e.g. an electrician licence (电工证): <c>kind</c> and last valid day.</summary>
    public IReadOnlyList<Certificate> Certificates => _certificates.Select(Certificate.Parse).ToList();

    /// <summary>The weekly shift calendar: at most one shift per weekday (local time).</summary>
    public IReadOnlyList<Shift> Shifts => _shifts.Select(Shift.Parse).ToList();

    /// <summary>Leave periods (inclusive local dates).</summary>
    public IReadOnlyList<Leave> LeaveDays => _leave.Select(Leave.Parse).ToList();

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

    public void LocateHome(double? latitude, double? longitude)
    {
        HomeLatitude = latitude;
        HomeLongitude = longitude;
    }

    public void PlaceAt(Guid? stationId, string stationName, double? serviceRadiusKm, bool isActive)
    {
        StationId = stationId;
        StationName = stationName.Trim();
        ServiceRadiusKm = serviceRadiusKm;
        IsActive = isActive;
    }

    /// <summary>Replaces the calendar; the caller validated it (<see cref="NetworkRules.CheckShifts"/>).</summary>
    public void Schedule(IEnumerable<Shift> shifts, IEnumerable<Leave> leave)
    {
        _shifts = shifts.OrderBy(s => s.Day).Select(s => s.ToString()).ToList();
        _leave = leave.OrderBy(l => l.From).Select(l => l.ToString()).ToList();
    }

    public void Certify(IEnumerable<Certificate> certificates) =>
        _certificates = certificates.OrderBy(c => c.Kind, StringComparer.Ordinal).Select(c => c.ToString()).ToList();

    /// <summary>A check-in's position (the engineer app records it).</summary>
    public void Located(double latitude, double longitude, DateTimeOffset at)
    {
        LastLatitude = latitude;
        LastLongitude = longitude;
        LastLocatedAt = at;
    }

    public void Rate(double rating) => Rating = Math.Clamp(rating, 0, 5);

    /// <summary>Serves the GB/T 2260 district (first hard rule of dispatch).</summary>
    public bool Serves(string districtCode) => _districts.Contains(districtCode.Trim());

    /// <summary>Has the skill for the product category (second hard rule of dispatch).</summary>
    public bool CanFix(string categoryCode) => _skills.Contains(categoryCode.Trim().ToLowerInvariant());
}

public static class NetworkRules
{
    public const int DefaultDailyCapacity = 6;
    public const int MaxDailyCapacity = 50;

    /// <summary>Monday to Saturday, 08:00–18:00: a new engineer's calendar until someone edits it.</summary>
    public static readonly IReadOnlyList<string> DefaultShifts = ["1@08:00-18:00", "2@08:00-18:00", "3@08:00-18:00", "4@08:00-18:00", "5@08:00-18:00", "6@08:00-18:00"];

    /// <summary>Mainland China's bounding box: coordinates outside it are a typo (or lat and lng swapped).</summary>
    public static bool InChina(double latitude, double longitude) => latitude is >= 3.8 and <= 53.6 && longitude is >= 73.5 and <= 135.1;

    public static List<string> Codes(IEnumerable<string> codes) =>
        codes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();

    public const double MaxServiceRadiusKm = 200;

    /// <summary>Certificate kinds are short codes (<c>electrician</c>, <c>refrigerant-handling</c>): they are stored in a delimited list.</summary>
    public static bool IsCertificateKind(string kind) =>
        kind.Length is > 0 and <= 40 && kind.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    public static List<string> Categories(IEnumerable<string> codes) =>
        codes.Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
}
