using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Field.Domain;

/// <summary>
/// A tenant's settings for the engineer's phone: whether calls go through a privacy number (虚拟号, the customer's real
/// number never reaches the phone), and how far from the job's address a check-in may be before it is flagged.
/// Absent until an administrator changes a default.
/// </summary>
public sealed class FieldSettings : ITenantOwned, IVersioned
{
    public const int DefaultFarCheckInMeters = 1000;
    public const int MinFarCheckInMeters = 100;
    public const int MaxFarCheckInMeters = 50_000;

    private FieldSettings()
    {
    }

    public Guid TenantId { get; private set; }

    public bool UsePrivacyNumbers { get; private set; }

    /// <summary>A check-in farther than this (straight line) from the job's address is flagged, never blocked.</summary>
    public int FarCheckInMeters { get; private set; } = DefaultFarCheckInMeters;

    public long Version { get; set; }

    public static FieldSettings Create(Guid tenantId) => new() { TenantId = tenantId };

    public void Update(bool usePrivacyNumbers, int farCheckInMeters)
    {
        UsePrivacyNumbers = usePrivacyNumbers;
        FarCheckInMeters = farCheckInMeters;
    }
}
