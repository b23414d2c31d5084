using System.Security.Claims;
using CareLoop.Modules.Dispatch.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CareLoop.Modules.Dispatch.Features.Settings;

public sealed record DispatchSettingsDto(
    bool AutoDispatch, int DistanceWeight, int LoadWeight, int UrgencyWeight, int RatingWeight, int AffinityWeight, int MaxDistanceKm,
    IReadOnlyList<string> GrabAreas, int GrabTimeoutMinutes, IReadOnlyList<string> RequiredCertificates, long Version);

/// <summary>The tenant's dispatch policy (defaults until first saved), cached per tenant for a minute and evicted on save.</summary>
public sealed class DispatchSettingsHandler(CareLoopDbContext db, ITenantContext tenant, IMemoryCache cache)
{
    public async Task<DispatchSettings> CurrentAsync(CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequireTenantId();
        if (cache.TryGetValue(CacheKey(tenantId), out DispatchSettings? cached))
        {
            return cached!;
        }

        var settings = await db.Set<DispatchSettings>().AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? DispatchSettings.Defaults(tenantId);
        cache.Set(CacheKey(tenantId), settings, TimeSpan.FromMinutes(1));
        return settings;
    }

    public async Task<DispatchSettingsDto> GetAsync(CancellationToken cancellationToken) => ToDto(await CurrentAsync(cancellationToken));

    public async Task<Result<DispatchSettingsDto>> SaveAsync(ClaimsPrincipal actor, DispatchSettingsDto request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettingsManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation()
            .Range("distanceWeight", request.DistanceWeight, 0, 100).Range("loadWeight", request.LoadWeight, 0, 100)
            .Range("urgencyWeight", request.UrgencyWeight, 0, 100).Range("ratingWeight", request.RatingWeight, 0, 100)
            .Range("affinityWeight", request.AffinityWeight, 0, 100).Range("maxDistanceKm", request.MaxDistanceKm, 1, 500)
            .Range("grabTimeoutMinutes", request.GrabTimeoutMinutes, 1, 24 * 60);
        if (request.DistanceWeight + request.LoadWeight + request.UrgencyWeight + request.RatingWeight + request.AffinityWeight == 0)
        {
            v.Add("distanceWeight", ErrorCodes.OutOfRange, 1, 100);
        }

        for (var i = 0; i < (request.GrabAreas ?? []).Count; i++)
        {
            if (request.GrabAreas![i]?.Trim() is not { Length: 2 or 4 or 6 } area || !area.All(char.IsAsciiDigit))
            {
                v.Add($"grabAreas[{i}]", ErrorCodes.RegionPrefix);
            }
        }

        for (var i = 0; i < (request.RequiredCertificates ?? []).Count; i++)
        {
            var pair = request.RequiredCertificates![i]?.Trim().Split(':');
            if (pair is not { Length: 2 } || pair.Any(p => p.Length is 0 or > 40 || p.Contains(',')))
            {
                v.Add($"requiredCertificates[{i}]", ErrorCodes.InvalidFormat);
            }
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var tenantId = tenant.RequireTenantId();
        var settings = await db.Set<DispatchSettings>().SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = DispatchSettings.Defaults(tenantId);
            db.Add(settings);
        }
        else if (settings.Version != request.Version)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        settings.Update(request.AutoDispatch, request.DistanceWeight, request.LoadWeight, request.UrgencyWeight, request.RatingWeight, request.AffinityWeight,
            request.MaxDistanceKm, request.GrabAreas ?? [], request.GrabTimeoutMinutes, request.RequiredCertificates ?? []);
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey(tenantId));
        return ToDto(settings);
    }

    private static DispatchSettingsDto ToDto(DispatchSettings s) => new(
        s.AutoDispatch, s.DistanceWeight, s.LoadWeight, s.UrgencyWeight, s.RatingWeight, s.AffinityWeight, s.MaxDistanceKm, s.GrabAreas, s.GrabTimeoutMinutes,
        s.RequiredCertificates, s.Version);

    private static string CacheKey(Guid tenantId) => "dispatch-settings:" + tenantId;
}
