using System.Security.Claims;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders.Features.ServicePrices;

public sealed record ServicePriceView(WorkOrderKind Kind, long LabourFen, long VisitFeeFen);

/// <summary>
/// The tenant's price list (<see cref="ServicePrice"/>): labour and visit fee per kind of job. Every kind is listed,
/// with the default where the tenant has set nothing; saving replaces the kinds given.
/// </summary>
public sealed class ServicePricesHandler(CareLoopDbContext db, ITenantContext tenant, IAuditLog audit)
{
    public async Task<IReadOnlyList<ServicePriceView>> GetAsync(CancellationToken cancellationToken)
    {
        var saved = await db.Set<ServicePrice>().AsNoTracking().ToDictionaryAsync(p => p.Kind, cancellationToken);
        return Enum.GetValues<WorkOrderKind>().Select(kind => View(kind, saved.GetValueOrDefault(kind))).ToList();
    }

    public async Task<ServicePriceView> ForKindAsync(WorkOrderKind kind, CancellationToken cancellationToken) =>
        View(kind, await db.Set<ServicePrice>().AsNoTracking().SingleOrDefaultAsync(p => p.Kind == kind, cancellationToken));

    public async Task<Result<IReadOnlyList<ServicePriceView>>> UpdateAsync(ClaimsPrincipal actor, IReadOnlyList<ServicePriceView>? request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettingsManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation();
        var prices = request ?? [];
        for (var i = 0; i < prices.Count; i++)
        {
            if (prices[i].LabourFen is < 0 or > ServicePrice.MaxFen)
            {
                v.Add($"[{i}].labourFen", ErrorCodes.OutOfRange, 0, ServicePrice.MaxFen);
            }

            if (prices[i].VisitFeeFen is < 0 or > ServicePrice.MaxFen)
            {
                v.Add($"[{i}].visitFeeFen", ErrorCodes.OutOfRange, 0, ServicePrice.MaxFen);
            }

            if (!Enum.IsDefined(prices[i].Kind))
            {
                v.Add($"[{i}].kind", ErrorCodes.InvalidFormat);
            }
            else if (prices.Take(i).Any(p => p.Kind == prices[i].Kind))
            {
                v.Add($"[{i}].kind", ErrorCodes.Duplicate);
            }
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var saved = await db.Set<ServicePrice>().ToDictionaryAsync(p => p.Kind, cancellationToken);
        foreach (var price in prices)
        {
            if (!saved.TryGetValue(price.Kind, out var row))
            {
                row = ServicePrice.Create(tenant.RequireTenantId(), price.Kind);
                db.Add(row);
            }

            row.Change(price.LabourFen, price.VisitFeeFen);
        }

        audit.Record("settings.prices-changed", nameof(ServicePrice), tenant.RequireTenantId().ToString(), prices);
        await db.SaveChangesAsync(cancellationToken);
        return Result<IReadOnlyList<ServicePriceView>>.Success(await GetAsync(cancellationToken));
    }

    private static ServicePriceView View(WorkOrderKind kind, ServicePrice? saved)
    {
        var (labour, visit) = saved is null ? ServicePrice.Default(kind) : (saved.LabourFen, saved.VisitFeeFen);
        return new ServicePriceView(kind, labour, visit);
    }
}

public static class ServicePricesEndpoints
{
    public static void MapServicePrices(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings/prices").WithTags("Settings");
        settings.MapGet("/", async (ServicePricesHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.GetAsync(ct)))
            .RequireAuthorization(Permissions.WorkOrdersRead)
            .WithSummary("The price list in 分 per kind of job: labour and visit fee (the engineer's phone adds these lines).");
        settings.MapPut("/", async (List<ServicePriceView> body, ClaimsPrincipal user, ServicePricesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(user, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SettingsManage)
            .WithSummary("Replace the labour and visit-fee prices of the kinds listed.");
    }
}
