using System.Linq.Expressions;
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

/// <summary>The list's page key for saved views (<see cref="Platform.SavedViews.SavedView.Page"/>).</summary>
public static class WorkOrderListPage
{
    public const string Key = "work-orders";
}

/// <summary>Where an order stands against its running SLA clocks (<see cref="WorkOrder.SlaWarnAt"/>, <see cref="WorkOrder.SlaDueAt"/>).</summary>
public enum SlaRisk
{
    /// <summary>A clock runs and none has passed its 80 % warning.</summary>
    Ok,

    /// <summary>A clock has passed its warning, none its deadline.</summary>
    AtRisk,

    /// <summary>A running clock's deadline has passed.</summary>
    Breached,
}

/// <param name="Region">A GB/T 2260 prefix: 2 digits (province), 4 (city) or 6 (district).</param>
/// <param name="Unassigned">True: only orders without an engineer.</param>
public sealed record WorkOrderFilter(
    WorkOrderState? State = null, WorkOrderKind? Kind = null, Guid? AssigneeId = null, Guid? CustomerId = null, bool? Open = null,
    SlaRisk? Sla = null, string? Region = null, bool? Unassigned = null);

/// <param name="RegionName">City and district, e.g. <c>深圳市 南山区</c>; null for an order without a known district.</param>
/// <param name="SlaRisk">Null when no SLA clock runs (none applies, all paused, or the order is finished).</param>
public sealed record WorkOrderRow(
    Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, WorkOrderPriority Priority, Guid CustomerId, string? CustomerName,
    Guid? AssigneeId, DateTimeOffset? WindowStart, DateTimeOffset? WindowEnd, DateTimeOffset CreatedAt, bool IsRepeatRepair, long Version,
    string? RegionCode = null, string? RegionName = null, DateTimeOffset? SlaDueAt = null, SlaRisk? SlaRisk = null);

/// <summary>
/// The work-order list: newest first, filtered by state, kind, engineer (or none), customer, open/finished, SLA risk and
/// area. Counts at most <see cref="Paging.CountCap"/> matches (<see cref="Page{T}.TotalIsCapped"/>).
/// </summary>
public sealed class ListWorkOrdersHandler(CareLoopDbContext db, ICustomerDirectory customers, IRegionDirectory regions, TimeProvider time)
{
    public async Task<Page<WorkOrderRow>> HandleAsync(ClaimsPrincipal actor, WorkOrderFilter filter, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
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

        if (filter.Unassigned is true)
        {
            query = query.Where(w => w.AssigneeId == null);
        }

        if (filter.CustomerId is { } customer)
        {
            query = query.Where(w => w.CustomerId == customer);
        }

        if (filter.Open is { } open)
        {
            query = open ? query.Where(IsOpen) : query.Where(w => w.State == WorkOrderState.Closed || w.State == WorkOrderState.Cancelled);
        }

        if (filter.Sla is { } risk)
        {
            // Clocks run on open orders only; saying so lets the planner walk the open orders' index in the list's order.
            query = query.Where(SlaRisks.Is(risk, now));
            if (filter.Open is null)
            {
                query = query.Where(IsOpen);
            }
        }

        var count = await (filter.Region is { } area ? query.Where(RegionPrefix.Matches(area)) : query).CountCappedAsync(cancellationToken);
        if (filter.Region is { } region)
        {
            // More matches than the cap: a province or a busy city, dense enough that walking the newest-first index
            // finds a page after a few thousand rows, while the range would sort every match first (SQLite always
            // takes the range). Fewer: the range seek, and sorting at most the cap's worth of rows.
            query = query.Where(count.IsCapped && region.Length < 6 ? RegionPrefix.Scans(region) : RegionPrefix.Matches(region));
        }

        var rows = await query.OrderByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id)
            .Select(w => new WorkOrderRow(w.Id, w.Number, w.Kind, w.State, w.Priority, w.CustomerId, null, w.AssigneeId, w.WindowStart, w.WindowEnd,
                w.CreatedAt, w.IsRepeatRepair, w.Version, w.RegionCode, null, w.SlaDueAt, SlaRisks.Of(w.SlaWarnAt, w.SlaDueAt, now)))
            .ToPageAsync(page, pageSize, count, cancellationToken);
        var names = await customers.NamesAsync(rows.Items.Select(r => r.CustomerId).Distinct().ToList(), cancellationToken);
        return rows with
        {
            Items = rows.Items.Select(r => r with { CustomerName = names.GetValueOrDefault(r.CustomerId), RegionName = AreaName(r.RegionCode) }).ToList(),
        };
    }

    /// <summary>Neither closed nor cancelled: EF writes <c>"State" NOT IN (8, 11)</c>, the filter of the open orders' partial indexes.</summary>
    private static readonly Expression<Func<WorkOrder, bool>> IsOpen = w => w.State != WorkOrderState.Closed && w.State != WorkOrderState.Cancelled;

    private string? AreaName(string? code) =>
        code is null ? null : regions.PathOf(code) is { Count: > 0 } path ? string.Join(' ', path.TakeLast(2).Select(p => p.Name)) : null;
}

/// <summary>The one definition of <see cref="SlaRisk"/>: the list's filter (SQL) and each row's badge (memory) agree.</summary>
public static class SlaRisks
{
    public static SlaRisk? Of(DateTimeOffset? warnAt, DateTimeOffset? dueAt, DateTimeOffset now) =>
        dueAt is not { } due ? null
        : due <= now ? SlaRisk.Breached
        : warnAt <= now ? SlaRisk.AtRisk
        : SlaRisk.Ok;

    public static Expression<Func<WorkOrder, bool>> Is(SlaRisk risk, DateTimeOffset now) => risk switch
    {
        SlaRisk.Breached => w => w.SlaDueAt <= now,
        SlaRisk.AtRisk => w => w.SlaWarnAt <= now && w.SlaDueAt > now,
        SlaRisk.Ok => w => w.SlaDueAt > now && (w.SlaWarnAt == null || w.SlaWarnAt > now),
        _ => throw new ArgumentOutOfRangeException(nameof(risk), risk, null),
    };
}

/// <summary>
/// The area filter. Codes are six digits, so a 2- or 4-digit prefix is the closed range <c>p00…00 ≤ code ≤ p99…99</c>:
/// a range seek on <c>(TenantId, RegionCode, CreatedAt)</c> on both providers (LIKE is neither sargable on SQLite,
/// case-insensitive by default, nor on PostgreSQL under a non-C collation). Digits sort alike in every collation.
/// </summary>
public static class RegionPrefix
{
    public static bool IsValid(string prefix) => prefix.Length is 2 or 4 or 6 && prefix.All(char.IsAsciiDigit);

    public static Expression<Func<WorkOrder, bool>> Matches(string prefix)
    {
        if (prefix.Length == 6)
        {
            return w => w.RegionCode == prefix;
        }

        var low = prefix.PadRight(6, '0');
        var high = prefix.PadRight(6, '9');
        return w => w.RegionCode!.CompareTo(low) >= 0 && w.RegionCode.CompareTo(high) <= 0;
    }

    /// <summary>The same rows as <see cref="Matches"/>, written so no planner seeks the area index with it (<c>substr</c>/<c>LIKE</c>): for dense areas.</summary>
    public static Expression<Func<WorkOrder, bool>> Scans(string prefix) => w => w.RegionCode!.StartsWith(prefix);
}

public static class ListWorkOrdersEndpoint
{
    public static void MapListWorkOrders(this RouteGroupBuilder orders) =>
        orders.MapGet("/", async (string? state, string? kind, Guid? assigneeId, Guid? customerId, bool? open, string? sla, string? region, bool? unassigned,
                    int? page, int? pageSize, ClaimsPrincipal user, ListWorkOrdersHandler handler, HttpContext http, CancellationToken ct) =>
            {
                // Enum names as the API writes them (camelCase), in any case.
                var v = new Validation();
                var parsedState = Parse<WorkOrderState>("state", state, v);
                var parsedKind = Parse<WorkOrderKind>("kind", kind, v);
                var parsedSla = Parse<SlaRisk>("sla", sla, v);
                var area = string.IsNullOrWhiteSpace(region) ? null : region.Trim();
                if (area is not null && !RegionPrefix.IsValid(area))
                {
                    v.Add("region", ErrorCodes.RegionPrefix);
                }

                return v.ToError() is { } invalid
                    ? http.Problem(invalid)
                    : TypedResults.Ok(await handler.HandleAsync(
                        user, new WorkOrderFilter(parsedState, parsedKind, assigneeId, customerId, open, parsedSla, area, unassigned), page, pageSize, ct));
            })
            .RequireAuthorization(Permissions.WorkOrdersRead)
            .WithSummary("Work orders, newest first; filters: state, kind, assigneeId, unassigned, customerId, open, sla (ok, atRisk, breached), "
                + "region (GB/T 2260 prefix: 2, 4 or 6 digits). Engineers see their own. The total stops at 10,000 (totalIsCapped).");

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
