using System.Security.Claims;
using CareLoop.Modules.Service.Contracts;
using CareLoop.Modules.Service.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Service.Features.ResolveServiceRequest;

public sealed record ResolveServiceRequestRequest(string? Resolution, long? ExpectedVersion);

/// <summary>Closes an open request as answered (advice given, a guide sent); the resolution text says how.</summary>
public sealed class ResolveServiceRequestHandler(CareLoopDbContext db, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<ServiceRequestChanged>> HandleAsync(ClaimsPrincipal actor, Guid id, ResolveServiceRequestRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.ServiceRequestsManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation().Required("resolution", request.Resolution).MaxLength("resolution", request.Resolution, ServiceRequestRules.ResolutionMaxLength);
        if (request.ExpectedVersion is null)
        {
            v.Add("expectedVersion", ErrorCodes.Required);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var found = await db.Set<ServiceRequest>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (found is null)
        {
            return Error.NotFound();
        }

        if (found.Version != request.ExpectedVersion)
        {
            return ServiceRequests.Stale(found);
        }

        var resolved = found.Resolve(request.Resolution!, time.GetUtcNow());
        if (!resolved.IsSuccess)
        {
            return resolved.Error!;
        }

        audit.Record("service-request.resolved", nameof(ServiceRequest), found.Id.ToString(), new { found.Resolution });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ServiceRequests.Stale(await db.Set<ServiceRequest>().AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken));
        }

        return new ServiceRequestChanged(found.Id, found.State, found.Version);
    }
}

public static class ResolveServiceRequestEndpoint
{
    public static void MapResolveServiceRequest(this RouteGroupBuilder requests) =>
        requests.MapPost("/{id:guid}/resolve", async (Guid id, ResolveServiceRequestRequest body, ClaimsPrincipal user, ResolveServiceRequestHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.ServiceRequestsManage)
            .WithSummary("Resolve an open request: { resolution, expectedVersion }. 409 when stale, 422 when not open or without a resolution.");
}
