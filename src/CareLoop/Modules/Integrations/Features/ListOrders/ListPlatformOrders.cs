using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Integrations.Domain;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Integrations.Features.ListOrders;

/// <summary>A work order a platform order opened; the number is null when the order is no longer visible.</summary>
public sealed record OpenedWorkOrder(Guid Id, string? Number);

public sealed record PlatformOrderRow(
    Guid Id, string Platform, string PlatformOrderId, string ShopId, string KeyId, DateTimeOffset ReceivedAt, PlatformOrderStatus Status,
    int WorkOrderCount, IReadOnlyList<OpenedWorkOrder> WorkOrders, Guid CustomerId, string? CustomerName);

/// <summary>A refused order: its reasons as field errors (<c>field</c>, <c>code</c>, <c>args</c>), and who closed it how.</summary>
public sealed record RejectedOrderRow(
    Guid Id, string KeyId, string? Platform, string? PlatformOrderId, DateTimeOffset ReceivedAt, IReadOnlyList<FieldError> Errors, RejectionStatus Status,
    DateTimeOffset? ResolvedAt, string? ResolvedBy);

/// <summary>
/// The admin feed of platform orders: those received, newest first, with the work orders they opened and the buyer;
/// and the refused ones (the dead-letter list) by status. Counts stop at <see cref="Paging.CountCap"/> (Double-11 fills it).
/// </summary>
public sealed class ListPlatformOrdersHandler(CareLoopDbContext db, IWorkOrderDesk workOrders, ICustomerDirectory customers)
{
    public async Task<Result<Page<PlatformOrderRow>>> ReceivedAsync(ClaimsPrincipal actor, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.IntegrationsRead))
        {
            return Error.Forbidden();
        }

        var orders = db.Set<PlatformOrder>().AsNoTracking();
        var count = await orders.CountCappedAsync(cancellationToken);
        var rows = await orders.OrderByDescending(o => o.ReceivedAt).ThenByDescending(o => o.Id)
            .Select(o => new { o.Id, o.Platform, o.PlatformOrderId, o.ShopId, o.KeyId, o.ReceivedAt, o.Status, o.WorkOrderIds, o.CustomerId })
            .ToPageAsync(page, pageSize, count, cancellationToken);

        var opened = rows.Items.ToDictionary(r => r.Id, r => PlatformOrder.ParseIds(r.WorkOrderIds));
        var numbers = (await workOrders.SummariesAsync(opened.Values.SelectMany(ids => ids).ToList(), cancellationToken)).ToDictionary(w => w.Id, w => w.Number);
        var names = await customers.NamesAsync(rows.Items.Select(r => r.CustomerId).Distinct().ToList(), cancellationToken);
        var items = rows.Items.Select(r => new PlatformOrderRow(
                r.Id, r.Platform, r.PlatformOrderId, r.ShopId, r.KeyId, r.ReceivedAt, r.Status, opened[r.Id].Count,
                opened[r.Id].Select(id => new OpenedWorkOrder(id, numbers.GetValueOrDefault(id))).ToList(), r.CustomerId, names.GetValueOrDefault(r.CustomerId)))
            .ToList();
        return new Page<PlatformOrderRow>(items, rows.PageNumber, rows.PageSize, rows.Total, rows.TotalIsCapped);
    }

    public async Task<Result<Page<RejectedOrderRow>>> RejectedAsync(ClaimsPrincipal actor, string? status, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.IntegrationsRead))
        {
            return Error.Forbidden();
        }

        if (!TryParseStatus(status, out var wanted))
        {
            return Error.Validation([new FieldError("status", ErrorCodes.InvalidFormat)]);
        }

        var rejected = db.Set<RejectedOrder>().AsNoTracking().Where(r => r.Status == wanted);
        var count = await rejected.CountCappedAsync(cancellationToken);
        var rows = await rejected.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.Id, r.KeyId, r.Platform, r.PlatformOrderId, r.ReceivedAt, r.Errors, r.Status, r.ResolvedAt, r.ResolvedBy })
            .ToPageAsync(page, pageSize, count, cancellationToken);
        var items = rows.Items
            .Select(r => new RejectedOrderRow(r.Id, r.KeyId, r.Platform, r.PlatformOrderId, r.ReceivedAt, RefusalReasons.Parse(r.Errors), r.Status, r.ResolvedAt, r.ResolvedBy))
            .ToList();
        return new Page<RejectedOrderRow>(items, rows.PageNumber, rows.PageSize, rows.Total, rows.TotalIsCapped);
    }

    /// <summary><c>open</c> (the default), <c>replayed</c> or <c>dismissed</c>.</summary>
    public static bool TryParseStatus(string? status, out RejectionStatus parsed)
    {
        parsed = status?.Trim().ToLowerInvariant() switch
        {
            null or "" or "open" => RejectionStatus.Open,
            "replayed" => RejectionStatus.Replayed,
            "dismissed" => RejectionStatus.Dismissed,
            _ => default,
        };
        return parsed != default;
    }
}

public static class ListPlatformOrdersEndpoints
{
    public static void MapListPlatformOrders(this RouteGroupBuilder api)
    {
        api.MapGet("/platform-orders", async (int? page, int? pageSize, ClaimsPrincipal user, ListPlatformOrdersHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.ReceivedAsync(user, page, pageSize, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.IntegrationsRead)
            .WithTags("Integrations")
            .Produces<Page<PlatformOrderRow>>()
            .WithSummary("Platform orders received, newest first: platform, order id, shop, key, status, the work orders opened and the buyer.");
        api.MapGet("/rejected-orders", async (string? status, int? page, int? pageSize, ClaimsPrincipal user, ListPlatformOrdersHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.RejectedAsync(user, status, page, pageSize, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.IntegrationsRead)
            .WithTags("Integrations")
            .Produces<Page<RejectedOrderRow>>().ProducesProblem(422)
            .WithSummary("Refused platform orders (the dead-letter list), newest first; status=open (default), replayed or dismissed. Errors are field:code with the message's arguments.");
    }
}
