using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Network.Domain;

/// <summary>
/// A service provider (服务商) the brand contracts, or the brand's own service organisation (<see cref="IsBrandOwned"/>).
/// The contract says where (GB/T 2260 codes: a district, or a city or province prefix for all of it) and for which
/// product categories its engineers may be dispatched, and until when.
/// </summary>
public sealed class Provider : ITenantOwned, IVersioned
{
    private List<string> _districts = [];
    private List<string> _categories = [];
    private List<string> _admins = [];

    private Provider()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = "";

    public bool IsBrandOwned { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>Contracted areas: GB/T 2260 codes of 2 (province), 4 (city) or 6 (district) digits; a job's district matches by prefix.</summary>
    public IReadOnlyList<string> ContractDistricts => _districts;

    /// <summary>Contracted product categories (catalog category codes).</summary>
    public IReadOnlyList<string> ContractCategories => _categories;

    /// <summary>Last day of the contract (inclusive); null: open-ended.</summary>
    public DateOnly? ContractEndsOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The staff accounts (role ProviderAdmin) that administer this provider: they see its statements and confirm them.</summary>
    public IReadOnlyList<Guid> AdminUserIds => _admins.Select(Guid.Parse).ToList();

    public long Version { get; set; }

    public static Provider Create(Guid tenantId, string name, bool isBrandOwned, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        Name = name.Trim(),
        IsBrandOwned = isBrandOwned,
        CreatedAt = now,
    };

    public void Rename(string name, bool isBrandOwned, bool isActive)
    {
        Name = name.Trim();
        IsBrandOwned = isBrandOwned;
        IsActive = isActive;
    }

    public void Contract(IEnumerable<string> districts, IEnumerable<string> categories, DateOnly? endsOn)
    {
        _districts = NetworkRules.Codes(districts);
        _categories = NetworkRules.Categories(categories);
        ContractEndsOn = endsOn;
    }

    public void SetAdmins(IEnumerable<Guid> userIds) => _admins = userIds.Distinct().Select(id => id.ToString("N")).ToList();

    public bool IsAdministeredBy(Guid userId) => _admins.Contains(userId.ToString("N"));
}

/// <summary>A service station (网点) of a provider: where its engineers start from.</summary>
public sealed class Station : ITenantOwned, IVersioned
{
    private Station()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ProviderId { get; private set; }

    public string Name { get; private set; } = "";

    public string DistrictCode { get; private set; } = "";

    public string Address { get; private set; } = "";

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public bool IsActive { get; private set; } = true;

    public long Version { get; set; }

    public static Station Create(Guid tenantId, Guid providerId, string name, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        ProviderId = providerId,
        Name = name.Trim(),
    };

    public void Update(string name, string districtCode, string address, double? latitude, double? longitude, bool isActive)
    {
        Name = name.Trim();
        DistrictCode = districtCode.Trim();
        Address = address.Trim();
        Latitude = latitude;
        Longitude = longitude;
        IsActive = isActive;
    }
}
