using System.Security.Claims;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Settings = CareLoop.Modules.Field.Domain.FieldSettings;

namespace CareLoop.Modules.Field.Features.FieldSettings;

/// <param name="FarCheckInMeters">A check-in farther than this from the job's address is flagged.</param>
public sealed record FieldSettingsView(bool UsePrivacyNumbers, int FarCheckInMeters, long Version);

public sealed record UpdateFieldSettingsRequest(bool UsePrivacyNumbers, int FarCheckInMeters, long ExpectedVersion);

/// <summary>The tenant's settings for the engineer's phone (privacy numbers, the far check-in threshold); defaults until saved.</summary>
public sealed class FieldSettingsHandler(CareLoopDbContext db, ITenantContext tenant, IAuditLog audit)
{
    public async Task<FieldSettingsView> GetAsync(CancellationToken cancellationToken)
    {
        var saved = await db.Set<Settings>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return saved is null
            ? new FieldSettingsView(false, Settings.DefaultFarCheckInMeters, 0)
            : new FieldSettingsView(saved.UsePrivacyNumbers, saved.FarCheckInMeters, saved.Version);
    }

    public async Task<Result<FieldSettingsView>> UpdateAsync(ClaimsPrincipal actor, UpdateFieldSettingsRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettingsManage))
        {
            return Error.Forbidden();
        }

        if (new Validation().Range("farCheckInMeters", request.FarCheckInMeters, Settings.MinFarCheckInMeters, Settings.MaxFarCheckInMeters).ToError() is { } invalid)
        {
            return invalid;
        }

        var saved = await db.Set<Settings>().SingleOrDefaultAsync(cancellationToken);
        if ((saved?.Version ?? 0) != request.ExpectedVersion)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        var before = saved is null ? null : new { saved.UsePrivacyNumbers, saved.FarCheckInMeters };
        if (saved is null)
        {
            saved = Settings.Create(tenant.RequireTenantId());
            saved.Version = 1;
            db.Add(saved);
        }
        else
        {
            db.Entry(saved).State = EntityState.Modified;
        }

        saved.Update(request.UsePrivacyNumbers, request.FarCheckInMeters);
        audit.Record("settings.field-changed", "FieldSettings", tenant.RequireTenantId().ToString(), new { before, after = new { request.UsePrivacyNumbers, request.FarCheckInMeters } });
        await db.SaveChangesAsync(cancellationToken);
        return new FieldSettingsView(saved.UsePrivacyNumbers, saved.FarCheckInMeters, saved.Version);
    }
}

public static class FieldSettingsEndpoints
{
    public static void MapFieldSettings(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings/field").WithTags("Settings");
        settings.MapGet("/", async (FieldSettingsHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.GetAsync(ct)))
            .RequireAuthorization(Permissions.SettingsManage)
            .WithSummary("The tenant's engineer-phone settings: usePrivacyNumbers (calls through a virtual number), farCheckInMeters (default 1000).");
        settings.MapPut("/", async (UpdateFieldSettingsRequest body, ClaimsPrincipal user, FieldSettingsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(user, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SettingsManage)
            .WithSummary("Change the engineer-phone settings (farCheckInMeters 100–50000; expectedVersion from GET; 409 when stale).");
    }
}
