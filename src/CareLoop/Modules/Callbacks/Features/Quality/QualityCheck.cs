using System.Security.Claims;
using CareLoop.Modules.Callbacks.Domain;
using CareLoop.Modules.Callbacks.Features.Queue;
using CareLoop.Modules.Callbacks.Features.Settings;
using CareLoop.Modules.Staff.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Callbacks.Features.Quality;

public sealed record QualitySample(
    Guid Id, string WorkOrderNumber, Guid? AgentId, string? AgentName, DateTimeOffset ConfirmedAt, int? Csat, int? Nps, string? Comment, QualityResult? Result,
    string? Note);

public sealed record RecheckRequest(string? Result, string? Note);

/// <summary>
/// Quality control: of each agent's callbacks confirmed in the last <see cref="Days"/> days, the tenant's share
/// (rounded up, at least one) is picked for a supervisor to call the customer again. The pick is stable (by id
/// hash), so the sample does not change between two visits; re-checked ones stay in it with their result.
/// </summary>
public sealed class QualityCheckHandler(CareLoopDbContext db, CallbackSettingsHandler settings, IStaffDirectory staff, IAuditLog audit, TimeProvider time)
{
    public const int Days = 30;

    public async Task<Result<IReadOnlyList<QualitySample>>> SampleAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CallbacksSupervise))
        {
            return Error.Forbidden();
        }

        var percent = (await settings.CurrentAsync(cancellationToken)).QualitySamplePercent;
        var since = time.GetUtcNow().AddDays(-Days);
        var confirmed = await db.Set<CallbackTask>().AsNoTracking()
            .Where(c => c.Status == CallbackStatus.Confirmed && c.ClosedAt >= since).OrderByDescending(c => c.ClosedAt).Take(5000).ToListAsync(cancellationToken);
        var picked = percent == 0
            ? []
            : confirmed.GroupBy(c => c.ClosedById).SelectMany(g =>
            {
                var take = (int)Math.Ceiling(g.Count() * percent / 100.0);
                return g.Where(c => c.QualityResult is not null)
                    .Concat(g.Where(c => c.QualityResult is null).OrderBy(c => Stable(c.Id)))
                    .Take(Math.Max(take, g.Count(c => c.QualityResult is not null)));
            }).ToList();
        var names = new Dictionary<Guid, string>();
        foreach (var id in picked.Select(c => c.ClosedById).OfType<Guid>().Distinct())
        {
            names[id] = (await staff.FindAsync(id, cancellationToken))?.DisplayName ?? "";
        }

        return picked.OrderBy(c => c.QualityResult is not null).ThenByDescending(c => c.ClosedAt)
            .Select(c => new QualitySample(c.Id, c.WorkOrderNumber, c.ClosedById, c.ClosedById is { } a ? names.GetValueOrDefault(a) : c.ClosedByName, c.ClosedAt!.Value,
                c.Csat, c.Nps, c.Comment, c.QualityResult, c.QualityNote))
            .ToList();
    }

    public async Task<Result<QualitySample>> RecheckAsync(ClaimsPrincipal actor, Guid id, RecheckRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CallbacksSupervise))
        {
            return Error.Forbidden();
        }

        var v = new Validation().MaxLength("note", request.Note, 500);
        QualityResult? result = request.Result switch { "passed" => QualityResult.Passed, "failed" => QualityResult.Failed, _ => null };
        if (result is null)
        {
            v.Add("result", string.IsNullOrWhiteSpace(request.Result) ? ErrorCodes.Required : ErrorCodes.InvalidFormat);
        }
        else if (result == QualityResult.Failed)
        {
            v.Required("note", request.Note);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var task = await db.Set<CallbackTask>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (task is null)
        {
            return Error.NotFound();
        }

        if (task.Status != CallbackStatus.Confirmed)
        {
            return new Error(ErrorCodes.CallbackNotConfirmed, 422, null, task.WorkOrderNumber);
        }

        task.Recheck(result!.Value, request.Note, actor.UserId(), actor.FindFirst(CareLoopClaims.DisplayName)?.Value ?? actor.Identity?.Name ?? "", time.GetUtcNow());
        audit.Record("callback.rechecked", nameof(CallbackTask), task.Id.ToString(), new { task.WorkOrderNumber, result, request.Note });
        await db.SaveChangesAsync(cancellationToken);
        return new QualitySample(task.Id, task.WorkOrderNumber, task.ClosedById, task.ClosedByName, task.ClosedAt!.Value, task.Csat, task.Nps, task.Comment,
            task.QualityResult, task.QualityNote);
    }

    private static int Stable(Guid id) => BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(id.ToByteArray()), 0);
}

public static class QualityCheckEndpoints
{
    public static void MapQualityCheck(this RouteGroupBuilder callbacks)
    {
        callbacks.MapGet("/quality", async (ClaimsPrincipal user, QualityCheckHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SampleAsync(user, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.CallbacksSupervise)
            .WithSummary("The quality-control sample: the tenant's share of each agent's callbacks confirmed in the last 30 days, re-checked ones with their result.");
        callbacks.MapPost("/{id:guid}/quality", async (Guid id, RecheckRequest body, ClaimsPrincipal user, QualityCheckHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.RecheckAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.CallbacksSupervise)
            .WithSummary("Record a supervisor's re-check of a confirmed callback: { result: passed | failed, note (required when failed) }.");
    }
}
