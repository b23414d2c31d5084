using CareLoop.Modules.Service.Contracts;
using CareLoop.Modules.Service.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Service.Features.FindDuplicates;

public sealed record DuplicateCandidate(
    Guid Id, ServiceRequestKind Kind, ServiceChannel Channel, string Description, Guid? OwnerId, DateTimeOffset CreatedAt, long Version);

/// <summary>The open requests for the same customer's unit (or the customer without a unit) and kind: shown before a new one is taken.</summary>
public sealed class FindDuplicatesHandler(CareLoopDbContext db)
{
    public async Task<IReadOnlyList<DuplicateCandidate>> HandleAsync(Guid customerId, Guid? unitId, ServiceRequestKind kind, CancellationToken cancellationToken) =>
        await db.Set<ServiceRequest>().AsNoTracking()
            .OpenDuplicatesOf(customerId, unitId, kind)
            .OrderBy(r => r.CreatedAt)
            .Select(r => new DuplicateCandidate(r.Id, r.Kind, r.Channel, r.Description, r.OwnerId, r.CreatedAt, r.Version))
            .ToListAsync(cancellationToken);
}

public static class FindDuplicatesEndpoint
{
    public static void MapFindDuplicates(this RouteGroupBuilder requests) =>
        requests.MapGet("/duplicates", async (Guid? customerId, Guid? unitId, string? kind, FindDuplicatesHandler handler, HttpContext http, CancellationToken ct) =>
            {
                var v = new Validation();
                if (customerId is null)
                {
                    v.Add("customerId", ErrorCodes.Required);
                }

                var parsedKind = ServiceRequests.ParseEnum<ServiceRequestKind>("kind", kind, v, required: true);
                return v.ToError() is { } invalid
                    ? http.Problem(invalid)
                    : TypedResults.Ok(await handler.HandleAsync(customerId!.Value, unitId, parsedKind!.Value, ct));
            })
            .RequireAuthorization(Permissions.ServiceRequestsRead)
            .WithSummary("Open requests for the same customer, unit (none: the customer's requests without a unit) and kind.");
}
