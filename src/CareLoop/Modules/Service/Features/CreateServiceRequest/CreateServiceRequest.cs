using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Service.Contracts;
using CareLoop.Modules.Service.Domain;
using CareLoop.Modules.Staff.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Service.Features.CreateServiceRequest;

/// <summary>
/// A new request. Enum members are the API's camelCase names; <c>emotion</c> is 1 (angry) … 5 (happy), 3 when not
/// rated; <c>ownerId</c> defaults to the caller; <c>allowDuplicate</c> overrides the open-duplicate check.
/// </summary>
public sealed record CreateServiceRequestRequest(
    Guid? CustomerId, Guid? UnitId, string? Kind, string? Channel, string? Description, string? ChannelReference = null,
    string? Priority = null, int? Emotion = null, Guid? OwnerId = null, bool AllowDuplicate = false);

public sealed record CreatedServiceRequest(Guid Id, ServiceRequestState State, long Version);

public sealed class CreateServiceRequestHandler(
    CareLoopDbContext db, ITenantContext tenant, ICustomerDirectory customers, IStaffDirectory staff, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<CreatedServiceRequest>> HandleAsync(ClaimsPrincipal actor, CreateServiceRequestRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.ServiceRequestsManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation();
        var kind = ServiceRequests.ParseEnum<ServiceRequestKind>("kind", request.Kind, v, required: true);
        var channel = ServiceRequests.ParseEnum<ServiceChannel>("channel", request.Channel, v, required: true);
        var priority = ServiceRequests.ParseEnum<ServicePriority>("priority", request.Priority, v) ?? ServicePriority.Normal;
        var emotion = request.Emotion ?? ServiceRequestRules.DefaultEmotion;
        v.Required("description", request.Description).MaxLength("description", request.Description, ServiceRequestRules.DescriptionMaxLength)
            .MaxLength("channelReference", request.ChannelReference, ServiceRequestRules.ChannelReferenceMaxLength)
            .Range("emotion", emotion, ServiceRequestRules.MinEmotion, ServiceRequestRules.MaxEmotion);
        await CheckPartiesAsync(request, v, cancellationToken);
        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        if (!request.AllowDuplicate && await FindOpenDuplicateAsync(request.CustomerId!.Value, request.UnitId, kind!.Value, cancellationToken) is { } existing)
        {
            return new Error(ErrorCodes.DuplicateRequest, StatusCodes.Status409Conflict)
            {
                Extensions = new Dictionary<string, object?> { ["existingRequestId"] = existing },
            };
        }

        var created = ServiceRequest.Open(tenant.RequireTenantId(), kind!.Value, channel!.Value, request.ChannelReference, request.Description!,
            request.CustomerId!.Value, request.UnitId, priority, emotion, request.OwnerId ?? actor.UserId(), time.GetUtcNow());
        db.Add(created);
        audit.Record("service-request.created", nameof(ServiceRequest), created.Id.ToString(),
            new { created.Kind, created.Channel, created.CustomerId, created.UnitId, created.Priority, created.Emotion, created.OwnerId, request.AllowDuplicate });
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedServiceRequest(created.Id, created.State, created.Version);
    }

    private async Task<Guid?> FindOpenDuplicateAsync(Guid customerId, Guid? unitId, ServiceRequestKind kind, CancellationToken cancellationToken) =>
        await db.Set<ServiceRequest>().AsNoTracking()
            .OpenDuplicatesOf(customerId, unitId, kind)
            .OrderBy(r => r.CreatedAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The customer exists, the unit is theirs, the owner is an active member of staff.</summary>
    private async Task CheckPartiesAsync(CreateServiceRequestRequest request, Validation v, CancellationToken cancellationToken)
    {
        if (request.CustomerId is not { } customerId || await customers.FindAsync(customerId, cancellationToken) is null)
        {
            v.Add("customerId", request.CustomerId is null ? ErrorCodes.Required : ErrorCodes.UnknownCustomer);
        }

        if (request.UnitId is { } unitId)
        {
            var unit = await customers.FindUnitAsync(unitId, cancellationToken);
            if (unit is null || (request.CustomerId is not null && unit.CustomerId != request.CustomerId))
            {
                v.Add("unitId", ErrorCodes.UnknownUnit);
            }
        }

        if (request.OwnerId is { } ownerId && await staff.FindAsync(ownerId, cancellationToken) is not { IsLocked: false })
        {
            v.Add("ownerId", ErrorCodes.NotFound);
        }
    }
}

public static class CreateServiceRequestEndpoint
{
    public static void MapCreateServiceRequest(this RouteGroupBuilder requests) =>
        requests.MapPost("/", async (CreateServiceRequestRequest body, ClaimsPrincipal user, CreateServiceRequestHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, body, ct)).ToHttp(http, r => TypedResults.Created($"/api/v1/service-requests/{r.Id}", r)))
            .RequireAuthorization(Permissions.ServiceRequestsManage)
            .WithSummary("Take a customer's request (state: open). 409 duplicate_request with existingRequestId when the unit already has an open one of this kind, unless allowDuplicate.");
}
