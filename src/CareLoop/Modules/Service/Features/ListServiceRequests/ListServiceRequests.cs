using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Service.Contracts;
using CareLoop.Modules.Service.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Service.Features.ListServiceRequests;

public sealed record ServiceRequestFilter(ServiceRequestState? State = null, ServiceRequestKind? Kind = null, Guid? CustomerId = null, Guid? OwnerId = null);

public sealed record ServiceRequestRow(
    Guid Id, ServiceRequestKind Kind, ServiceChannel Channel, ServiceRequestState State, ServicePriority Priority, int Emotion,
    Guid CustomerId, string? CustomerName, Guid? UnitId, Guid? OwnerId, string Description, DateTimeOffset CreatedAt, long Version);

/// <summary>The request list: newest first, filtered by state, kind, customer or owner.</summary>
public sealed class ListServiceRequestsHandler(CareLoopDbContext db, ICustomerDirectory customers)
{
    public async Task<Page<ServiceRequestRow>> HandleAsync(ServiceRequestFilter filter, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = db.Set<ServiceRequest>().AsNoTracking();
        if (filter.State is { } state)
        {
            query = query.Where(r => r.State == state);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(r => r.Kind == kind);
        }

        if (filter.CustomerId is { } customer)
        {
            query = query.Where(r => r.CustomerId == customer);
        }

        if (filter.OwnerId is { } owner)
        {
            query = query.Where(r => r.OwnerId == owner);
        }

        var rows = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new ServiceRequestRow(r.Id, r.Kind, r.Channel, r.State, r.Priority, r.Emotion, r.CustomerId, null, r.UnitId, r.OwnerId,
                r.Description, r.CreatedAt, r.Version))
            .ToPageAsync(page, pageSize, cancellationToken);
        var names = await customers.NamesAsync(rows.Items.Select(r => r.CustomerId).Distinct().ToList(), cancellationToken);
        return rows with { Items = rows.Items.Select(r => r with { CustomerName = names.GetValueOrDefault(r.CustomerId) }).ToList() };
    }
}

public static class ListServiceRequestsEndpoint
{
    public static void MapListServiceRequests(this RouteGroupBuilder requests) =>
        requests.MapGet("/", async (string? state, string? kind, Guid? customerId, Guid? ownerId, int? page, int? pageSize,
                    ListServiceRequestsHandler handler, HttpContext http, CancellationToken ct) =>
            {
                var v = new Validation();
                var parsedState = ServiceRequests.ParseEnum<ServiceRequestState>("state", state, v);
                var parsedKind = ServiceRequests.ParseEnum<ServiceRequestKind>("kind", kind, v);
                return v.ToError() is { } invalid
                    ? http.Problem(invalid)
                    : TypedResults.Ok(await handler.HandleAsync(new ServiceRequestFilter(parsedState, parsedKind, customerId, ownerId), page, pageSize, ct));
            })
            .RequireAuthorization(Permissions.ServiceRequestsRead)
            .WithSummary("Service requests, newest first; filters: state, kind, customerId, ownerId; page, pageSize.");
}
