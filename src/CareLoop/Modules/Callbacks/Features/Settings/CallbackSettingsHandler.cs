using System.Security.Claims;
using CareLoop.Modules.Callbacks.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Callbacks.Features.Settings;

public sealed record CallbackSettingsDto(int DueHours, int MaxAttempts, int RetryWindowHours, int SurveyValidHours, int QualitySamplePercent, long Version);

/// <summary>The tenant's callback policy (defaults until first saved).</summary>
public sealed class CallbackSettingsHandler(CareLoopDbContext db, ITenantContext tenant)
{
    public async Task<CallbackSettings> CurrentAsync(CancellationToken cancellationToken) =>
        await db.Set<CallbackSettings>().AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? CallbackSettings.Defaults(tenant.RequireTenantId());

    public async Task<Result<CallbackSettingsDto>> GetAsync(ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        actor.HasPermission(Permissions.CallbacksWork) || actor.HasPermission(Permissions.CallbacksSupervise) || actor.HasPermission(Permissions.SettingsManage)
            ? ToDto(await CurrentAsync(cancellationToken))
            : Error.Forbidden();

    public async Task<Result<CallbackSettingsDto>> SaveAsync(ClaimsPrincipal actor, CallbackSettingsDto request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettingsManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation()
            .Range("dueHours", request.DueHours, 1, 168).Range("maxAttempts", request.MaxAttempts, 1, 10)
            .Range("retryWindowHours", request.RetryWindowHours, 1, 336).Range("surveyValidHours", request.SurveyValidHours, 1, 720)
            .Range("qualitySamplePercent", request.QualitySamplePercent, 0, 100);
        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var settings = await db.Set<CallbackSettings>().SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = CallbackSettings.Defaults(tenant.RequireTenantId());
            db.Add(settings);
        }
        else if (settings.Version != request.Version)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        settings.Update(request.DueHours, request.MaxAttempts, request.RetryWindowHours, request.SurveyValidHours, request.QualitySamplePercent);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(settings);
    }

    private static CallbackSettingsDto ToDto(CallbackSettings s) =>
        new(s.DueHours, s.MaxAttempts, s.RetryWindowHours, s.SurveyValidHours, s.QualitySamplePercent, s.Version);
}
