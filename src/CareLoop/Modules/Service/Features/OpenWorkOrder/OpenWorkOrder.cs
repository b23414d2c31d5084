using System.Security.Claims;
using CareLoop.Modules.Service.Domain;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Service.Features.OpenWorkOrder;

/// <summary>
/// A work order for the request: <c>kind</c> is the work-order kind (camelCase); the priority defaults to the
/// request's, the description to the request's.
/// </summary>
public sealed record OpenWorkOrderRequest(string? Kind, string? Priority = null, string? Description = null);

public sealed record OpenedWorkOrder(Guid WorkOrderId, string Number, WorkOrderState State, Guid RequestId, long RequestVersion);

/// <summary>
/// Spawns a work order through the work-orders module's <see cref="IWorkOrderDesk"/> and links it to the request, in
/// one transaction: the order exists if and only if the link (and both audit records) do.
/// </summary>
public sealed class OpenWorkOrderHandler(CareLoopDbContext db, IWorkOrderDesk desk, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<OpenedWorkOrder>> HandleAsync(ClaimsPrincipal actor, Guid id, OpenWorkOrderRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.ServiceRequestsManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation();
        var kind = ServiceRequests.ParseEnum<WorkOrderKind>("kind", request.Kind, v, required: true);
        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var found = await db.Set<ServiceRequest>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (found is null)
        {
            return Error.NotFound();
        }

        if (found.NotOpen("createWorkOrder") is { } closed)
        {
            return closed;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var priority = request.Priority ?? ServiceRequestRules.NameOf(found.Priority);
        var description = string.IsNullOrWhiteSpace(request.Description) ? found.Description : request.Description;
        var opened = await desk.OpenAsync(actor, new WorkOrders.Contracts.OpenWorkOrder(found.CustomerId, found.UnitId, kind!.Value, priority, description), cancellationToken);
        if (!opened.IsSuccess)
        {
            return opened.Error!; // nothing was written; disposing the transaction rolls it back
        }

        var order = opened.Value!;
        found.LinkWorkOrder(order.Id, time.GetUtcNow());
        db.Entry(found).State = EntityState.Modified; // a new version: whoever holds the old one sees the request changed
        audit.Record("service-request.work-order-opened", nameof(ServiceRequest), found.Id.ToString(), new { workOrderId = order.Id, order.Number });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return ServiceRequests.Stale(await db.Set<ServiceRequest>().AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken));
        }

        return new OpenedWorkOrder(order.Id, order.Number, order.State, found.Id, found.Version);
    }
}

public static class OpenWorkOrderEndpoint
{
    public static void MapOpenWorkOrder(this RouteGroupBuilder requests) =>
        requests.MapPost("/{id:guid}/work-orders", async (Guid id, OpenWorkOrderRequest body, ClaimsPrincipal user, OpenWorkOrderHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body, ct)).ToHttp(http, o => TypedResults.Created($"/api/v1/work-orders/{o.WorkOrderId}", o)))
            .RequireAuthorization(Permissions.ServiceRequestsManage)
            .WithSummary("Open a work order for an open request: { kind, priority?, description? } (defaults: the request's). The order is linked to the request.");
}
