namespace CareLoop.Modules.Network.Contracts;

/// <summary>What other modules (dispatch, work orders) may read of the service network.</summary>
public interface INetwork
{
    /// <summary>Active engineers who cover the district and have the skill for the category.</summary>
    Task<IReadOnlyList<EngineerInfo>> EngineersCoveringAsync(string districtCode, string categoryCode, CancellationToken cancellationToken);

    /// <summary>
    /// Every engineer of the tenant with what dispatch checks (contract, skills, certificates, calendar, places), kept
    /// in memory for a short while: a dispatch decision reads it instead of the database. Network changes evict it.
    /// </summary>
    Task<NetworkSnapshot> SnapshotAsync(CancellationToken cancellationToken);

    /// <summary>The provider the staff account administers (role ProviderAdmin, linked on the provider); null: none.</summary>
    Task<Guid?> ProviderAdministeredByAsync(Guid userId, CancellationToken cancellationToken);
}

public sealed record EngineerInfo(Guid UserId, string StationName, IReadOnlyList<string> Skills, IReadOnlyList<string> ServiceDistricts, int DailyCapacity, double? HomeLatitude, double? HomeLongitude);

/// <summary>The tenant's engineers as of <paramref name="TakenAt"/>.</summary>
public sealed record NetworkSnapshot(IReadOnlyList<DispatchableEngineer> Engineers, DateTimeOffset TakenAt)
{
    private readonly Dictionary<Guid, DispatchableEngineer> _byId = Engineers.ToDictionary(e => e.UserId);

    public DispatchableEngineer? Find(Guid userId) => _byId.GetValueOrDefault(userId);
}

/// <summary>A provider's contract with the brand: areas (GB/T 2260 prefixes), categories, last valid day; <paramref name="IsBrandOwned"/>: the brand's own service organisation.</summary>
public sealed record ProviderContract(
    Guid ProviderId, string ProviderName, bool IsActive, IReadOnlyList<string> Districts, IReadOnlySet<string> Categories, DateOnly? EndsOn, bool IsBrandOwned = false)
{
    public bool Covers(string districtCode, string categoryCode, DateOnly on) =>
        IsActive && (EndsOn is null || on <= EndsOn) && Categories.Contains(categoryCode) &&
        Districts.Any(d => districtCode.StartsWith(d, StringComparison.Ordinal));
}

/// <summary>One engineer as dispatch sees them; the lists are parsed once per snapshot.</summary>
public sealed record DispatchableEngineer(
    Guid UserId, string Name, bool IsActive, Guid? StationId, string StationName, ProviderContract? Contract, IReadOnlySet<string> Skills,
    IReadOnlySet<string> Districts, double? ServiceRadiusKm, int DailyCapacity, GeoPoint? Home, GeoPoint? Station, GeoPoint? LastKnown,
    DateTimeOffset? LastLocatedAt, double Rating, IReadOnlyList<Certificate> Certificates, IReadOnlyList<Shift> Shifts, IReadOnlyList<Leave> Leave)
{
    /// <summary>The shift on that local day, unless on leave; null: not working that day.</summary>
    public Shift? ShiftOn(DateOnly day)
    {
        foreach (var leave in Leave)
        {
            if (leave.From <= day && day <= leave.To)
            {
                return null;
            }
        }

        var weekday = day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek;
        foreach (var shift in Shifts)
        {
            if (shift.Day == weekday)
            {
                return shift;
            }
        }

        return null;
    }

    public bool HoldsCertificate(string kind, DateOnly on)
    {
        foreach (var c in Certificates)
        {
            if (c.Kind == kind && c.ExpiresOn >= on)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A WGS-84 position.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle distance in km.</summary>
    public double KmTo(GeoPoint other)
    {
        var dLat = double.DegreesToRadians(other.Latitude - Latitude);
        var dLng = double.DegreesToRadians(other.Longitude - Longitude);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) +
                Math.Cos(double.DegreesToRadians(Latitude)) * Math.Cos(double.DegreesToRadians(other.Latitude)) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public static GeoPoint? Of(double? latitude, double? longitude) =>
        latitude is { } lat && longitude is { } lng ? new GeoPoint(lat, lng) : null;
}

/// <summary>A certificate kind (e.g. <c>electrician</c>) valid through <paramref name="ExpiresOn"/>.</summary>
public sealed record Certificate(string Kind, DateOnly ExpiresOn)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Kind}@{ExpiresOn:yyyy-MM-dd}");

    public static Certificate Parse(string value)
    {
        var at = value.LastIndexOf('@');
        return new Certificate(value[..at], DateOnly.ParseExact(value[(at + 1)..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>A weekly shift: ISO weekday (1 = Monday … 7 = Sunday) and local start and end times.</summary>
public sealed record Shift(int Day, TimeOnly Start, TimeOnly End)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Day}@{Start:HH\\:mm}-{End:HH\\:mm}");

    public static Shift Parse(string value)
    {
        var at = value.IndexOf('@');
        var dash = value.IndexOf('-', at);
        return new Shift(int.Parse(value[..at], System.Globalization.CultureInfo.InvariantCulture),
            TimeOnly.ParseExact(value[(at + 1)..dash], "HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            TimeOnly.ParseExact(value[(dash + 1)..], "HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Leave from one local date to another, both inclusive.</summary>
public sealed record Leave(DateOnly From, DateOnly To)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}");

    public static Leave Parse(string value)
    {
        var dots = value.IndexOf("..", StringComparison.Ordinal);
        return new Leave(DateOnly.ParseExact(value[..dots], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.ParseExact(value[(dots + 2)..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }
}
