using System.Security.Claims;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.WarrantySettings;

public sealed record WarrantySettingsView(int GoodwillLimitDays, long Version);

public sealed record UpdateWarrantySettingsRequest(int GoodwillLimitDays, long ExpectedVersion);

/// <summary>
/// A tenant's warranty settings. Until an administrator saves them, the defaults apply
/// (<c>Warranty:GoodwillLimitDays</c> in configuration, else 30 days).
/// </summary>
public sealed class WarrantySettingsHandler(CareLoopDbContext db, ITenantContext tenant, IAuditLog audit, IConfiguration configuration)
{
    public async Task<WarrantySettingsView> GetAsync(CancellationToken cancellationToken)
    {
        var saved = await db.Set<Domain.WarrantySettings>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return saved is null ? new WarrantySettingsView(DefaultGoodwillLimit, 0) : new WarrantySettingsView(saved.GoodwillLimitDays, saved.Version);
    }

    public async Task<Result<WarrantySettingsView>> UpdateAsync(ClaimsPrincipal actor, UpdateWarrantySettingsRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettingsManage))
        {
            return Error.Forbidden();
        }

        if (new Validation().Range("goodwillLimitDays", request.GoodwillLimitDays, 0, CustomerRules.MaxGoodwillLimitDays).ToError() is { } invalid)
        {
            return invalid;
        }

        var saved = await db.Set<Domain.WarrantySettings>().SingleOrDefaultAsync(cancellationToken);
        if ((saved?.Version ?? 0) != request.ExpectedVersion)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        var before = saved?.GoodwillLimitDays ?? DefaultGoodwillLimit;
        if (saved is null)
        {
            saved = Domain.WarrantySettings.Create(tenant.RequireTenantId(), request.GoodwillLimitDays);
            saved.Version = 1;
            db.Add(saved);
        }
        else
        {
            saved.SetGoodwillLimit(request.GoodwillLimitDays);
            db.Entry(saved).State = EntityState.Modified;
        }

        audit.Record("settings.warranty-changed", "WarrantySettings", tenant.RequireTenantId().ToString(), new { before, after = request.GoodwillLimitDays });
        await db.SaveChangesAsync(cancellationToken);
        return new WarrantySettingsView(saved.GoodwillLimitDays, saved.Version);
    }

    /// <summary>The goodwill limit in force for the current tenant.</summary>
    public async Task<int> GoodwillLimitDaysAsync(CancellationToken cancellationToken) =>
        await db.Set<Domain.WarrantySettings>().Select(s => (int?)s.GoodwillLimitDays).SingleOrDefaultAsync(cancellationToken) ?? DefaultGoodwillLimit;

    private int DefaultGoodwillLimit => configuration.GetValue("Warranty:GoodwillLimitDays", CustomerRules.DefaultGoodwillLimitDays);
}

public static class WarrantySettingsEndpoints
{
    public static void MapWarrantySettings(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings/warranty").WithTags("Settings");
        settings.MapGet("/", async (WarrantySettingsHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.GetAsync(ct)))
            .RequireAuthorization(Permissions.CustomersRead)
            .WithSummary("The tenant's warranty settings (goodwill limit an agent may grant without approval).");
        settings.MapPut("/", async (UpdateWarrantySettingsRequest body, ClaimsPrincipal user, WarrantySettingsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(user, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SettingsManage)
            .WithSummary("Change the tenant's warranty settings (expectedVersion from GET; 409 when stale).");
    }
}
