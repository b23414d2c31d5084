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

/// <summary>Where a kind's price comes from: the built-in default, the tenant's entry, or a deactivated entry (the default applies).</summary>
public enum ServicePriceSource
{
    Default = 1,
    Tenant = 2,
    Deactivated = 3,
}

/// <param name="LabourFen">The price that applies (the default unless <paramref name="Source"/> is <see cref="ServicePriceSource.Tenant"/>).</param>
/// <param name="Source">Ignored when saving.</param>
public sealed record ServicePriceView(WorkOrderKind Kind, long LabourFen, long VisitFeeFen, ServicePriceSource Source = ServicePriceSource.Default);

/// <summary>
/// The tenant's price list (<see cref="ServicePrice"/>): labour and visit fee per kind of job. Every kind is listed,
/// with the default where the tenant has no active entry; saving adds or changes (and reactivates) the kinds given;
/// deactivating an entry brings the kind's default back. Warranty is not a property of a price: under warranty every
/// line is covered (<c>ChargesHandler</c>).
/// </summary>
public sealed class ServicePricesHandler(CareLoopDbContext db, ITenantContext tenant, IAuditLog audit, TimeProvider time)
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

        audit.Record("settings.prices-changed", nameof(ServicePrice), tenant.RequireTenantId().ToString(),
            prices.Select(p => new { Kind = p.Kind.ToString(), p.LabourFen, p.VisitFeeFen }));
        await db.SaveChangesAsync(cancellationToken);
        return Result<IReadOnlyList<ServicePriceView>>.Success(await GetAsync(cancellationToken));
    }

    /// <summary>Stops the tenant's entry for <paramref name="kind"/>: the default applies again. 404 when the kind has no active entry.</summary>
    public async Task<Result<IReadOnlyList<ServicePriceView>>> DeactivateAsync(ClaimsPrincipal actor, WorkOrderKind kind, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettingsManage))
        {
            return Error.Forbidden();
        }

        if (await db.Set<ServicePrice>().SingleOrDefaultAsync(p => p.Kind == kind, cancellationToken) is not { IsActive: true } row)
        {
            return Error.NotFound();
        }

        row.Deactivate(time.GetUtcNow());
        audit.Record("settings.price-deactivated", nameof(ServicePrice), tenant.RequireTenantId().ToString(), new { Kind = kind.ToString(), row.LabourFen, row.VisitFeeFen });
        await db.SaveChangesAsync(cancellationToken);
        return Result<IReadOnlyList<ServicePriceView>>.Success(await GetAsync(cancellationToken));
    }

    private static ServicePriceView View(WorkOrderKind kind, ServicePrice? saved)
    {
        if (saved is { IsActive: true })
        {
            return new ServicePriceView(kind, saved.LabourFen, saved.VisitFeeFen, ServicePriceSource.Tenant);
        }

        var (labour, visit) = ServicePrice.Default(kind);
        return new ServicePriceView(kind, labour, visit, saved is null ? ServicePriceSource.Default : ServicePriceSource.Deactivated);
    }
}

public static class ServicePricesEndpoints
{
    public static void MapServicePrices(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings/prices").WithTags("Settings");
        settings.MapGet("/", async (ServicePricesHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.GetAsync(ct)))
            .RequireAuthorization(Permissions.WorkOrdersRead)
            .WithSummary("The price list in 分 per kind of job: labour and visit fee (the engineer's phone adds these lines), source: tenant | default | deactivated (the default applies).");
        settings.MapPut("/", async (List<ServicePriceView> body, ClaimsPrincipal user, ServicePricesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(user, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SettingsManage)
            .WithSummary("Add or replace the labour and visit-fee prices (分, 0 – 10,000,000) of the kinds listed; a deactivated entry is active again.");
        // The kind as the API writes it (onSiteRepair); route binding of an enum would be case-sensitive.
        settings.MapPost("/{kind}/deactivate", async (string kind, ClaimsPrincipal user, ServicePricesHandler handler, HttpContext http, CancellationToken ct) =>
                kind.Length > 0 && char.IsLetter(kind[0]) && Enum.TryParse<WorkOrderKind>(kind, ignoreCase: true, out var parsed)
                    ? (await handler.DeactivateAsync(user, parsed, ct)).ToHttp(http, TypedResults.Ok)
                    : http.Problem(Error.NotFound()))
            .RequireAuthorization(Permissions.SettingsManage)
            .WithSummary("Deactivate the tenant's price of a kind (e.g. onSiteRepair): the default applies again; 404 when the kind has no active entry.");
    }
}
