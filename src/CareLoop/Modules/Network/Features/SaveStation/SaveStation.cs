using System.Security.Claims;
using CareLoop.Modules.Network.Domain;
using CareLoop.Modules.Network.Features.ListProviders;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CareLoop.Modules.Network.Features.SaveStation;

/// <summary>A station (网点): its GB/T 2260 district, street address and WGS-84 position (both or neither, inside China).</summary>
public sealed record SaveStationRequest(
    string? Name, string? DistrictCode, string? Address, double? Latitude, double? Longitude, bool IsActive = true, long? ExpectedVersion = null);

public sealed class SaveStationHandler(
    CareLoopDbContext db, ITenantContext tenant, NetworkChecks checks, ListProvidersHandler list, IAuditLog audit, IMemoryCache cache, TimeProvider time)
{
    /// <summary>Creates a station of <paramref name="providerId"/> (<paramref name="id"/> null) or updates station <paramref name="id"/>.</summary>
    public async Task<Result<StationRow>> HandleAsync(ClaimsPrincipal actor, Guid? providerId, Guid? id, SaveStationRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.NetworkManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation()
            .Required("name", request.Name).MaxLength("name", request.Name, 100)
            .Required("districtCode", request.DistrictCode)
            .MaxLength("address", request.Address, 200);
        if (!string.IsNullOrWhiteSpace(request.DistrictCode) && !checks.IsDistrict(request.DistrictCode.Trim()))
        {
            v.Add("districtCode", ErrorCodes.UnknownRegion, request.DistrictCode.Trim());
        }

        NetworkChecks.Position(v, "latitude", "longitude", request.Latitude, request.Longitude);
        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        Station station;
        if (id is null)
        {
            if (!await db.Set<Provider>().AnyAsync(p => p.Id == providerId, cancellationToken))
            {
                return Error.NotFound();
            }

            station = Station.Create(tenant.RequireTenantId(), providerId!.Value, request.Name!, time.GetUtcNow());
            db.Add(station);
        }
        else
        {
            var found = await db.Set<Station>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (found is null)
            {
                return Error.NotFound();
            }

            if (request.ExpectedVersion is { } expected && expected != found.Version)
            {
                return Error.Conflict(ErrorCodes.ConcurrencyConflict);
            }

            station = found;
        }

        var name = request.Name!.Trim();
        if (await db.Set<Station>().AnyAsync(s => s.ProviderId == station.ProviderId && s.Name == name && s.Id != station.Id, cancellationToken))
        {
            return Error.Conflict(ErrorCodes.StationNameTaken);
        }

        station.Update(name, request.DistrictCode!, request.Address ?? "", request.Latitude, request.Longitude, request.IsActive);
        // Engineers carry their station's name for lists and the engineer app: keep it in step with a rename.
        foreach (var engineer in await db.Set<EngineerProfile>().Where(p => p.StationId == station.Id && p.StationName != name).ToListAsync(cancellationToken))
        {
            engineer.PlaceAt(station.Id, name, engineer.ServiceRadiusKm, engineer.IsActive);
        }

        audit.Record(id is null ? "network.station-created" : "network.station-updated", nameof(Station), station.Id.ToString(),
            new { station.ProviderId, station.Name, station.DistrictCode, station.IsActive });
        await db.SaveChangesAsync(cancellationToken);
        NetworkDirectory.Evict(cache, station.TenantId);
        var engineers = await db.Set<EngineerProfile>().CountAsync(p => p.StationId == station.Id, cancellationToken);
        return list.ToRow(station, engineers);
    }
}

public static class SaveStationEndpoints
{
    public static void MapSaveStation(this RouteGroupBuilder network)
    {
        network.MapPost("/providers/{providerId:guid}/stations", async (Guid providerId, SaveStationRequest body, ClaimsPrincipal user, SaveStationHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, providerId, null, body, ct)).ToHttp(http, s => TypedResults.Created($"/api/v1/network/stations/{s.Id}", s)))
            .RequireAuthorization(Permissions.NetworkManage)
            .WithSummary("Add a station (网点) to a provider: district code, address and a position inside China.");
        network.MapPut("/stations/{id:guid}", async (Guid id, SaveStationRequest body, ClaimsPrincipal user, SaveStationHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, null, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.NetworkManage)
            .WithSummary("Update a station; deactivating it stops dispatch to its engineers. 409 when expectedVersion is stale.");
    }
}
