using System.Security.Claims;
using CareLoop.Modules.Callbacks.Domain;
using CareLoop.Modules.Callbacks.Features.AutoClose;
using CareLoop.Modules.Callbacks.Features.Queue;
using CareLoop.Modules.Callbacks.Features.Settings;
using CareLoop.Modules.Service.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Callbacks.Features.RecordOutcome;

/// <summary>
/// What the agent heard: <c>outcome</c> confirmed | problemFound | unreachable; csat 1–5 and nps 0–10 when asked;
/// a comment (required for a problem: it is the reopen reason); <c>newProblem</c> opens a new service request;
/// for a problem, <c>complaint</c> and <c>resolution</c> reopen (default) | followUp; <c>note</c> for an unreachable call.
/// </summary>
public sealed record RecordOutcomeRequest(
    string? Outcome, int? Csat = null, int? Nps = null, string? Comment = null, string? NewProblem = null, bool? Complaint = null, string? Resolution = null,
    string? Note = null);

/// <summary>
/// Records a callback attempt or its outcome. Confirmed closes the order and raises <c>CallbackConfirmed</c>; a problem
/// reopens the order (or opens a follow-up) and raises <c>CallbackProblemFound</c>; unreachable schedules the next try
/// and, after the policy's last, closes by policy and sends the survey link. An outcome is recorded once: confirming
/// again answers with the first confirmation and raises nothing.
/// </summary>
public sealed class RecordOutcomeHandler(
    CareLoopDbContext db, IWorkOrderDesk desk, IServiceRequestLinks requests, CallbackSettingsHandler settings, CallbackAutoCloser autoCloser,
    CallbackQueries queries, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<CallbackView>> HandleAsync(ClaimsPrincipal actor, Guid id, RecordOutcomeRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CallbacksWork))
        {
            return Error.Forbidden();
        }

        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var task = await db.Set<CallbackTask>().Include(c => c.Attempts).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (task is null)
        {
            return Error.NotFound();
        }

        var outcome = Parse(request.Outcome);
        if (!task.IsOpen)
        {
            return Replay(task, outcome) ? await queries.ViewAsync(task, cancellationToken) : Closed(task);
        }

        var moved = await ApplyAsync(task, outcome!.Value, request, actor, cancellationToken);
        if (!moved.IsSuccess)
        {
            return moved.Error!;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone recorded the outcome between our read and our write: theirs stands (and a second confirm replays it).
            db.ChangeTracker.Clear();
            var current = await db.Set<CallbackTask>().AsNoTracking().Include(c => c.Attempts).SingleAsync(c => c.Id == id, cancellationToken);
            return Replay(current, outcome) ? await queries.ViewAsync(current, cancellationToken) : Closed(current);
        }

        desk.AnnounceSaved(task.WorkOrderId, "callback");
        if (task.Status == CallbackStatus.AutoClosed)
        {
            await autoCloser.SendSurveyAsync(task, cancellationToken);
        }

        return await queries.ViewAsync(task, cancellationToken);
    }

    private async Task<Result> ApplyAsync(CallbackTask task, CallbackOutcome outcome, RecordOutcomeRequest request, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var actorId = actor.UserId();
        var actorName = actor.FindFirst(CareLoopClaims.DisplayName)?.Value ?? actor.Identity?.Name ?? "agent";
        var answer = new CustomerAnswer(request.Csat, request.Nps, request.Comment);
        switch (outcome)
        {
            case CallbackOutcome.Confirmed:
            {
                var closed = await desk.StageCallbackStepAsync(task.WorkOrderId, CallbackStep.Close, null, actorId, actorName, cancellationToken);
                if (!closed.IsSuccess)
                {
                    return closed.Error!;
                }

                task.Confirm(answer, request.NewProblem, NewRequest(task, request, actorId, complaint: false), actorId, actorName, now);
                audit.Record("callback.confirmed", nameof(CallbackTask), task.Id.ToString(), new { task.WorkOrderNumber, request.Csat, request.Nps });
                return Result.Success();
            }

            case CallbackOutcome.ProblemFound:
            {
                var resolution = string.Equals(request.Resolution, "followUp", StringComparison.OrdinalIgnoreCase) ? ProblemResolution.FollowUp : ProblemResolution.Reopen;
                Guid? followUp = null;
                Result<WorkOrderRef> moved;
                if (resolution == ProblemResolution.Reopen)
                {
                    moved = await desk.StageCallbackStepAsync(task.WorkOrderId, CallbackStep.Reopen, request.Comment, actorId, actorName, cancellationToken);
                }
                else
                {
                    moved = await desk.StageCallbackStepAsync(task.WorkOrderId, CallbackStep.Close, null, actorId, actorName, cancellationToken);
                    if (moved.IsSuccess && await desk.CallbackJobAsync(task.WorkOrderId, cancellationToken) is { } job)
                    {
                        followUp = (await desk.StageAsync(new StagedWorkOrder(job.CustomerId, job.UnitId, job.AddressId, job.RegionCode, job.Kind,
                            task.WorkOrderNumber + ": " + request.Comment!.Trim(), actorName), cancellationToken)).Id;
                    }
                }

                if (!moved.IsSuccess)
                {
                    return moved.Error!;
                }

                var complaint = request.Complaint == true;
                task.FindProblem(answer, complaint, resolution, followUp, request.NewProblem, NewRequest(task, request, actorId, complaint), actorId, actorName, now);
                audit.Record("callback.problem-found", nameof(CallbackTask), task.Id.ToString(), new { task.WorkOrderNumber, complaint, resolution, followUp });
                return Result.Success();
            }

            default:
            {
                var policy = (await settings.CurrentAsync(cancellationToken)).Policy;
                if (task.RecordUnreachable(policy, request.Note, actorId, actorName, now))
                {
                    await autoCloser.StageAsync(task, cancellationToken);
                }

                return Result.Success();
            }
        }
    }

    /// <summary>A new problem the customer raised becomes a new service request, owned by the case's agent and linked to the order's number.</summary>
    private Guid? NewRequest(CallbackTask task, RecordOutcomeRequest request, Guid? actorId, bool complaint) =>
        string.IsNullOrWhiteSpace(request.NewProblem)
            ? null
            : requests.StageFollowUp(task.CustomerId, task.UnitId, complaint ? ServiceRequestKind.Complaint : ServiceRequestKind.Repair, request.NewProblem,
                task.WorkOrderNumber, task.OwnerId ?? actorId);

    private static Error? Validate(RecordOutcomeRequest request)
    {
        var v = new Validation();
        var outcome = Parse(request.Outcome);
        if (outcome is null)
        {
            v.Add("outcome", string.IsNullOrWhiteSpace(request.Outcome) ? ErrorCodes.Required : ErrorCodes.InvalidFormat);
        }

        if (request.Csat is { } csat)
        {
            v.Range("csat", csat, CallbackRules.MinCsat, CallbackRules.MaxCsat);
        }

        if (request.Nps is { } nps)
        {
            v.Range("nps", nps, CallbackRules.MinNps, CallbackRules.MaxNps);
        }

        if (outcome == CallbackOutcome.ProblemFound)
        {
            v.Required("comment", request.Comment);
            if (request.Resolution is { } resolution && resolution is not ("reopen" or "followUp"))
            {
                v.Add("resolution", ErrorCodes.InvalidFormat);
            }
        }

        return v.MaxLength("comment", request.Comment, CallbackRules.TextMaxLength).MaxLength("newProblem", request.NewProblem, CallbackRules.TextMaxLength)
            .MaxLength("note", request.Note, CallbackRules.TextMaxLength).ToError();
    }

    private static CallbackOutcome? Parse(string? outcome) => outcome switch
    {
        "confirmed" => CallbackOutcome.Confirmed,
        "problemFound" => CallbackOutcome.ProblemFound,
        "unreachable" => CallbackOutcome.Unreachable,
        _ => null,
    };

    /// <summary>Confirming a confirmed callback is the same request again (a double click, a resend): answer with the first result.</summary>
    private static bool Replay(CallbackTask task, CallbackOutcome? outcome) =>
        (task.Status, outcome) is (CallbackStatus.Confirmed, CallbackOutcome.Confirmed) or (CallbackStatus.ProblemFound, CallbackOutcome.ProblemFound);

    private static Error Closed(CallbackTask task) =>
        new(ErrorCodes.CallbackClosed, StatusCodes.Status409Conflict, null, task.WorkOrderNumber)
        {
            Extensions = new Dictionary<string, object?> { ["currentStatus"] = char.ToLowerInvariant(task.Status.ToString()[0]) + task.Status.ToString()[1..] },
        };

    private enum CallbackOutcome
    {
        Confirmed,
        ProblemFound,
        Unreachable,
    }
}

public static class RecordOutcomeEndpoint
{
    public static void MapRecordOutcome(this RouteGroupBuilder callbacks) =>
        callbacks.MapPost("/{id:guid}/outcome", async (Guid id, RecordOutcomeRequest body, ClaimsPrincipal user, RecordOutcomeHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.CallbacksWork)
            .WithSummary("Record an attempt: { outcome: confirmed | problemFound | unreachable, csat?, nps?, comment?, newProblem?, complaint?, resolution?: reopen | followUp, note? }. Confirming twice returns the first result; 409 callback_closed for another outcome on a closed callback.");
}
