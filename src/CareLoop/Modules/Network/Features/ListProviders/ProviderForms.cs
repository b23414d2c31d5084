using System.Globalization;
using CareLoop.Modules.Network.Features.SaveProvider;
using CareLoop.Modules.Network.Features.SaveStation;

namespace CareLoop.Modules.Network.Features.ListProviders;

/// <summary>The providers page's three editors: the provider itself, its contract, one station.</summary>
internal sealed class ProviderForm
{
    public Guid? Id { get; init; }

    public string? Name { get; set; }

    public bool IsBrandOwned { get; set; }

    public bool IsActive { get; set; } = true;

    public long? Version { get; init; }

    public static ProviderForm From(ProviderRow p) => new() { Id = p.Id, Name = p.Name, IsBrandOwned = p.IsBrandOwned, IsActive = p.IsActive, Version = p.Version };

    public SaveProviderRequest ToRequest() => new(Name, IsBrandOwned, IsActive, Version);
}

internal sealed class ContractForm
{
    public Guid Id { get; init; }

    public string Title { get; init; } = "";

    /// <summary>2-, 4- or 6-digit codes separated by commas or spaces.</summary>
    public string Districts { get; set; } = "";

    public IReadOnlyCollection<string> Categories { get; set; } = [];

    /// <summary>yyyy-MM-dd or empty (open-ended).</summary>
    public string? EndsOn { get; set; }

    public long Version { get; init; }

    public static ContractForm From(ProviderRow p) => new()
    {
        Id = p.Id, Title = p.Name, Districts = string.Join(", ", p.ContractDistricts), Categories = p.ContractCategories,
        EndsOn = p.ContractEndsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Version = p.Version,
    };

    public SetContractRequest ToRequest() => new(
        Codes(Districts), Categories.ToList(),
        DateOnly.TryParseExact(EndsOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null, Version);

    public static string[] Codes(string text) =>
        text.Split([',', ' ', '、', '，', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed class StationForm
{
    public Guid ProviderId { get; init; }

    public Guid? Id { get; init; }

    public string? Name { get; set; }

    public string? DistrictCode { get; set; }

    public string? Address { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public bool IsActive { get; set; } = true;

    public long? Version { get; init; }

    public static StationForm From(StationRow s) => new()
    {
        ProviderId = s.ProviderId, Id = s.Id, Name = s.Name, DistrictCode = s.DistrictCode, Address = s.Address, Latitude = s.Latitude,
        Longitude = s.Longitude, IsActive = s.IsActive, Version = s.Version,
    };

    public SaveStationRequest ToRequest() => new(Name, DistrictCode, Address, Latitude, Longitude, IsActive, Version);
}
