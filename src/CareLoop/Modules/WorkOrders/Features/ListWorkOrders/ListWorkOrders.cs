using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders.Features.ListWorkOrders;

public sealed record WorkOrderFilter(WorkOrderState? State = null, WorkOrderKind? Kind = null, Guid? AssigneeId = null, Guid? CustomerId = null, bool? Open = null);

public sealed record WorkOrderRow(
    Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, WorkOrderPriority Priority, Guid CustomerId, string? CustomerName,
    Guid? AssigneeId, DateTimeOffset? WindowStart, DateTimeOffset? WindowEnd, DateTimeOffset CreatedAt, bool IsRepeatRepair, long Version);

/// <summary>The work-order list: newest first, filtered by state, kind, engineer, customer or open/finished.</summary>
public sealed class ListWorkOrdersHandler(CareLoopDbContext db, ICustomerDirectory customers)
{
    public async Task<Page<WorkOrderRow>> HandleAsync(ClaimsPrincipal actor, WorkOrderFilter filter, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = db.Set<WorkOrder>().AsNoTracking();
        if (WorkOrderActors.SeesOnlyOwn(actor))
        {
            var self = actor.UserId();
            query = query.Where(w => w.AssigneeId == self);
        }

        if (filter.State is { } state)
        {
            query = query.Where(w => w.State == state);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(w => w.Kind == kind);
        }

        if (filter.AssigneeId is { } assignee)
        {
            query = query.Where(w => w.AssigneeId == assignee);
        }

        if (filter.CustomerId is { } customer)
        {
            query = query.Where(w => w.CustomerId == customer);
        }

        if (filter.Open is { } open)
        {
            query = open
                ? query.Where(w => w.State != WorkOrderState.Closed && w.State != WorkOrderState.Cancelled)
                : query.Where(w => w.State == WorkOrderState.Closed || w.State == WorkOrderState.Cancelled);
        }

        var rows = await query.OrderByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id)
            .Select(w => new WorkOrderRow(w.Id, w.Number, w.Kind, w.State, w.Priority, w.CustomerId, null, w.AssigneeId, w.WindowStart, w.WindowEnd,
                w.CreatedAt, w.IsRepeatRepair, w.Version))
            .ToPageAsync(page, pageSize, cancellationToken);
        var names = await customers.NamesAsync(rows.Items.Select(r => r.CustomerId).Distinct().ToList(), cancellationToken);
        return rows with { Items = rows.Items.Select(r => r with { CustomerName = names.GetValueOrDefault(r.CustomerId) }).ToList() };
    }
}

public static class ListWorkOrdersEndpoint
{
    public static void MapListWorkOrders(this RouteGroupBuilder orders) =>
        orders.MapGet("/", async (string? state, string? kind, Guid? assigneeId, Guid? customerId, bool? open, int? page, int? pageSize,
                    ClaimsPrincipal user, ListWorkOrdersHandler handler, HttpContext http, CancellationToken ct) =>
            {
                // Enum names as the API writes them (camelCase), in any case.
                var v = new Validation();
                var parsedState = Parse<WorkOrderState>("state", state, v);
                var parsedKind = Parse<WorkOrderKind>("kind", kind, v);
                return v.ToError() is { } invalid
                    ? http.Problem(invalid)
                    : TypedResults.Ok(await handler.HandleAsync(user, new WorkOrderFilter(parsedState, parsedKind, assigneeId, customerId, open), page, pageSize, ct));
            })
            .RequireAuthorization(Permissions.WorkOrdersRead)
            .WithSummary("Work orders, newest first; filters: state, kind, assigneeId, customerId, open. Engineers see their own.");

    private static T? Parse<T>(string field, string? text, Validation v)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        v.Add(field, ErrorCodes.InvalidFormat);
        return null;
    }
}
