using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.Network.Domain;
using CareLoop.Modules.Network.Features.ListEngineers;
using CareLoop.Modules.Staff.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CareLoop.Modules.Network;

/// <summary>
/// <see cref="INetwork"/>. The snapshot is built from three small reads (profiles, stations, providers) plus the
/// engineers' accounts, and cached per tenant for <see cref="SnapshotLifetime"/>; every network change evicts it
/// (<see cref="Evict"/>), so on one node a change is seen at once and on others within the lifetime.
/// </summary>
public sealed class NetworkDirectory(
    CareLoopDbContext db, ITenantContext tenant, IStaffDirectory staff, ListEngineersHandler list, IMemoryCache cache, TimeProvider time) : INetwork
{
    public static readonly TimeSpan SnapshotLifetime = TimeSpan.FromSeconds(30);

    public Task<IReadOnlyList<EngineerInfo>> EngineersCoveringAsync(string districtCode, string categoryCode, CancellationToken cancellationToken) =>
        list.EngineersCoveringAsync(districtCode, categoryCode, cancellationToken);

    public async Task<NetworkSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var key = CacheKey(tenant.RequireTenantId());
        if (cache.TryGetValue(key, out NetworkSnapshot? cached))
        {
            return cached!;
        }

        var profiles = await db.Set<EngineerProfile>().AsNoTracking().ToListAsync(cancellationToken);
        var stations = await db.Set<Station>().AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken);
        var contracts = (await db.Set<Provider>().AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(
            p => p.Id,
            p => new ProviderContract(p.Id, p.Name, p.IsActive, p.ContractDistricts, p.ContractCategories.ToHashSet(StringComparer.Ordinal), p.ContractEndsOn, p.IsBrandOwned));
        var accounts = (await staff.InRoleAsync(Roles.Engineer, cancellationToken)).ToDictionary(m => m.Id);
        var engineers = profiles.Select(p =>
        {
            var account = accounts.GetValueOrDefault(p.UserId);
            var station = p.StationId is { } sid ? stations.GetValueOrDefault(sid) : null;
            return new DispatchableEngineer(
                p.UserId, account?.DisplayName ?? "", p.IsActive && account is { IsLocked: false } && station is not { IsActive: false }, p.StationId,
                station?.Name ?? p.StationName, station is null ? null : contracts.GetValueOrDefault(station.ProviderId),
                p.Skills.ToHashSet(StringComparer.Ordinal), p.ServiceDistricts.ToHashSet(StringComparer.Ordinal), p.ServiceRadiusKm, p.DailyCapacity,
                GeoPoint.Of(p.HomeLatitude, p.HomeLongitude), GeoPoint.Of(station?.Latitude, station?.Longitude), GeoPoint.Of(p.LastLatitude, p.LastLongitude),
                p.LastLocatedAt, p.Rating, p.Certificates, p.Shifts, p.LeaveDays);
        }).ToList();
        var snapshot = new NetworkSnapshot(engineers, time.GetUtcNow());
        cache.Set(key, snapshot, SnapshotLifetime);
        return snapshot;
    }

    public async Task<Guid?> ProviderAdministeredByAsync(Guid userId, CancellationToken cancellationToken)
    {
        // A handful of providers per tenant, the admin list a delimited column: read them and look in memory.
        var providers = await db.Set<Provider>().AsNoTracking().ToListAsync(cancellationToken);
        return providers.FirstOrDefault(p => p.IsAdministeredBy(userId))?.Id;
    }

    /// <summary>Drops the tenant's cached snapshot: call after any change to providers, stations or engineers.</summary>
    public static void Evict(IMemoryCache cache, Guid tenantId) => cache.Remove(CacheKey(tenantId));

    private static string CacheKey(Guid tenantId) => "network-snapshot:" + tenantId;
}
