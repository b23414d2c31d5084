using CareLoop.Modules.Network.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Network.Features.ListProviders;

public sealed record StationRow(
    Guid Id, Guid ProviderId, string Name, string DistrictCode, string DistrictName, string Address, double? Latitude, double? Longitude,
    bool IsActive, int EngineerCount, long Version);

public sealed record ProviderRow(
    Guid Id, string Name, bool IsBrandOwned, bool IsActive, IReadOnlyList<string> ContractDistricts, IReadOnlyList<string> ContractCategories,
    DateOnly? ContractEndsOn, long Version, IReadOnlyList<StationRow> Stations, IReadOnlyList<Guid>? AdminUserIds = null);

/// <summary>The tenant's providers (the brand's own first), each with its stations and how many engineers work from them.</summary>
public sealed class ListProvidersHandler(CareLoopDbContext db, NetworkChecks checks)
{
    public async Task<IReadOnlyList<ProviderRow>> HandleAsync(CancellationToken cancellationToken)
    {
        var providers = await db.Set<Provider>().AsNoTracking().ToListAsync(cancellationToken);
        var stations = await db.Set<Station>().AsNoTracking().ToListAsync(cancellationToken);
        var engineers = (await db.Set<EngineerProfile>().Where(p => p.StationId != null).Select(p => p.StationId!.Value).ToListAsync(cancellationToken))
            .CountBy(id => id).ToDictionary();
        return providers
            .OrderByDescending(p => p.IsBrandOwned).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new ProviderRow(p.Id, p.Name, p.IsBrandOwned, p.IsActive, p.ContractDistricts, p.ContractCategories, p.ContractEndsOn, p.Version,
                stations.Where(s => s.ProviderId == p.Id).OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => ToRow(s, engineers.GetValueOrDefault(s.Id))).ToList(),
                p.AdminUserIds))
            .ToList();
    }

    public StationRow ToRow(Station s, int engineerCount) =>
        new(s.Id, s.ProviderId, s.Name, s.DistrictCode, s.DistrictCode.Length == 0 ? "" : checks.NameOf(s.DistrictCode), s.Address, s.Latitude, s.Longitude,
            s.IsActive, engineerCount, s.Version);
}

public static class ListProvidersEndpoint
{
    public static void MapListProviders(this RouteGroupBuilder network) =>
        network.MapGet("/providers", (ListProvidersHandler handler, CancellationToken ct) => handler.HandleAsync(ct))
            .RequireAuthorization(Permissions.NetworkRead)
            .WithSummary("Service providers with their contract (areas, categories, end date) and their stations.");
}
