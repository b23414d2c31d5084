using System.Security.Claims;
using CareLoop.Modules.Service.Contracts;
using CareLoop.Modules.Service.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Service.Features.CancelServiceRequest;

public sealed record CancelServiceRequestRequest(string? Reason, long? ExpectedVersion);


/// <summary>Withdraws an open request (the customer no longer needs it, it was taken by mistake); the reason is mandatory.</summary>
public sealed class CancelServiceRequestHandler(CareLoopDbContext db, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<ServiceRequestChanged>> HandleAsync(ClaimsPrincipal actor, Guid id, CancelServiceRequestRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.ServiceRequestsManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation().Required("reason", request.Reason).MaxLength("reason", request.Reason, ServiceRequestRules.ReasonMaxLength);
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

        var cancelled = found.Cancel(request.Reason!, time.GetUtcNow());
        if (!cancelled.IsSuccess)
        {
            return cancelled.Error!;
        }

        audit.Record("service-request.cancelled", nameof(ServiceRequest), found.Id.ToString(), new { found.CancelReason });
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

public static class CancelServiceRequestEndpoint
{
    public static void MapCancelServiceRequest(this RouteGroupBuilder requests) =>
        requests.MapPost("/{id:guid}/cancel", async (Guid id, CancelServiceRequestRequest body, ClaimsPrincipal user, CancelServiceRequestHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.ServiceRequestsManage)
            .WithSummary("Cancel an open request (the customer withdrew, taken by mistake): { reason, expectedVersion }. 409 when stale, 422 when not open or without a reason.");
}
