using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Field.Domain;

/// <summary>How a check-in sits against the job's address. Flags inform staff; none blocks the check-in.</summary>
public enum CheckInFlag
{
    /// <summary>Within the tenant's threshold of the address.</summary>
    Near = 1,

    /// <summary>Farther than the tenant's threshold.</summary>
    Far = 2,

    /// <summary>The phone sent no position (permission refused, no GPS, no JavaScript).</summary>
    NoLocation = 3,

    /// <summary>The job's address has no coordinates, so the distance is unknown.</summary>
    AddressNotLocated = 4,
}

/// <summary>Where the engineer was when they checked in on site, and how far that is from the job's address; saved with the check-in.</summary>
public sealed class CheckInRecord : ITenantOwned
{
    private CheckInRecord()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public Guid EngineerId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    /// <summary>The phone's reported accuracy radius, when it gave one.</summary>
    public int? AccuracyMeters { get; private set; }

    /// <summary>Straight-line distance to the job's address; null when either position is unknown.</summary>
    public int? DistanceMeters { get; private set; }

    /// <summary>The tenant's threshold when this check-in was judged.</summary>
    public int ThresholdMeters { get; private set; }

    public CheckInFlag Flag { get; private set; }

    /// <summary>Judges the position against the address: no position, an address without coordinates, near or far.</summary>
    public static CheckInRecord Judge(
        Guid workOrderId, Guid engineerId, DateTimeOffset at, double? latitude, double? longitude, int? accuracyMeters, double? distanceKm, int thresholdMeters)
    {
        var located = latitude is not null && longitude is not null;
        int? meters = located && distanceKm is { } km ? (int)Math.Round(km * 1000) : null;
        var flag = !located ? CheckInFlag.NoLocation
            : meters is not { } d ? CheckInFlag.AddressNotLocated
            : d > thresholdMeters ? CheckInFlag.Far
            : CheckInFlag.Near;
        return new CheckInRecord
        {
            Id = Guid.CreateVersion7(at), WorkOrderId = workOrderId, EngineerId = engineerId, At = at, Latitude = located ? latitude : null,
            Longitude = located ? longitude : null, AccuracyMeters = accuracyMeters, DistanceMeters = meters, ThresholdMeters = thresholdMeters, Flag = flag,
        };
    }
}
