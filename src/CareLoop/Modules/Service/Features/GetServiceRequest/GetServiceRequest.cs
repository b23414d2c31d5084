using CareLoop.Modules.Service.Contracts;
using CareLoop.Modules.Service.Domain;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Service.Features.GetServiceRequest;

/// <summary>A work order opened for the request, as the work-orders module reports it now.</summary>
public sealed record LinkedWorkOrder(Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, DateTimeOffset LinkedAt);

public sealed record ServiceRequestView(
    Guid Id, ServiceRequestKind Kind, ServiceChannel Channel, string? ChannelReference, string Description, Guid CustomerId, Guid? UnitId,
    ServicePriority Priority, int Emotion, Guid? OwnerId, ServiceRequestState State, string? Resolution, string? CancelReason,
    DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? CancelledAt, long Version, IReadOnlyList<LinkedWorkOrder> WorkOrders);

public sealed class GetServiceRequestHandler(CareLoopDbContext db, IWorkOrderDesk workOrders)
{
    public async Task<Result<ServiceRequestView>> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var r = await db.Set<ServiceRequest>().AsNoTracking().Include(x => x.WorkOrders).SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (r is null)
        {
            return Error.NotFound();
        }

        var summaries = (await workOrders.SummariesAsync(r.WorkOrders.Select(l => l.WorkOrderId).ToList(), cancellationToken)).ToDictionary(s => s.Id);
        var linked = r.WorkOrders.OrderBy(l => l.LinkedAt)
            .Select(l => (Link: l, Order: summaries.GetValueOrDefault(l.WorkOrderId)))
            .Where(x => x.Order is not null)
            .Select(x => new LinkedWorkOrder(x.Order!.Id, x.Order.Number, x.Order.Kind, x.Order.State, x.Link.LinkedAt))
            .ToList();
        return new ServiceRequestView(r.Id, r.Kind, r.Channel, r.ChannelReference, r.Description, r.CustomerId, r.UnitId, r.Priority, r.Emotion,
            r.OwnerId, r.State, r.Resolution, r.CancelReason, r.CreatedAt, r.ResolvedAt, r.CancelledAt, r.Version, linked);
    }
}

public static class GetServiceRequestEndpoint
{
    public static void MapGetServiceRequest(this RouteGroupBuilder requests) =>
        requests.MapGet("/{id:guid}", async (Guid id, GetServiceRequestHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.ServiceRequestsRead)
            .WithSummary("A service request with the work orders opened for it (id, number, kind, state).");
}
