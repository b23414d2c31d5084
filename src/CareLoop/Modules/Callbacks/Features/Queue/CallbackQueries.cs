using System.Security.Claims;
using CareLoop.Modules.Callbacks.Domain;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Staff.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Callbacks.Features.Queue;

/// <summary>The queue's views: my callbacks, the team's (nobody owns them), the overdue ones, the closed ones, all.</summary>
public enum CallbackQueueView
{
    Mine = 1,
    Team = 2,
    Overdue = 3,
    Closed = 4,
    All = 5,
}

/// <summary>A row of the queue; <paramref name="DueAt"/> is when to call next (the retry after an unreachable call, else the deadline).</summary>
public sealed record CallbackListItem(
    Guid Id, Guid WorkOrderId, string WorkOrderNumber, WorkOrderKind Kind, CallbackStatus Status, Guid? OwnerId, string? OwnerName, Guid CustomerId,
    string? CustomerName, DateTimeOffset DueAt, bool Overdue, int UnreachableCount, int? Csat, int? Nps, DateTimeOffset? ClosedAt);

public sealed record CallbackAttemptView(DateTimeOffset At, string Outcome, string ActorName, string? Note);

public sealed record CallbackQualityView(QualityResult Result, string? Note, string ByName, DateTimeOffset At);

/// <summary>One callback with the job it is about (null when the order is gone).</summary>
public sealed record CallbackView(
    Guid Id, Guid WorkOrderId, string WorkOrderNumber, WorkOrderKind Kind, CallbackStatus Status, Guid? OwnerId, string? OwnerName, Guid? EngineerId,
    string? EngineerName, Guid CustomerId, string? CustomerName, string? MaskedPhone, DateTimeOffset CreatedAt, DateTimeOffset DueAt, DateTimeOffset? NextAttemptAt,
    DateTimeOffset? AutoCloseAt, bool Overdue, int UnreachableCount, int? Csat, int? Nps, string? Comment, string? NewProblem, Guid? NewRequestId, bool Complaint,
    ProblemResolution? Resolution, Guid? FollowUpWorkOrderId, DateTimeOffset? ClosedAt, string? ClosedByName, DateTimeOffset? SurveySentAt,
    DateTimeOffset? SurveyAnsweredAt, CallbackQualityView? Quality, long Version, IReadOnlyList<CallbackAttemptView> Attempts, CallbackJob? Job);

public sealed class CallbackQueries(CareLoopDbContext db, IWorkOrderDesk desk, IStaffDirectory staff, ICustomerDirectory customers, TimeProvider time)
{
    public async Task<Result<IReadOnlyList<CallbackListItem>>> ListAsync(ClaimsPrincipal actor, CallbackQueueView view, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CallbacksWork) && !actor.HasPermission(Permissions.CallbacksSupervise))
        {
            return Error.Forbidden();
        }

        var now = time.GetUtcNow();
        var me = actor.UserId();
        var query = db.Set<CallbackTask>().AsNoTracking();
        query = view switch
        {
            CallbackQueueView.Mine => query.Where(c => c.Status == CallbackStatus.Open && c.OwnerId == me),
            CallbackQueueView.Team => query.Where(c => c.Status == CallbackStatus.Open && c.OwnerId == null),
            CallbackQueueView.Overdue => query.Where(c => c.Status == CallbackStatus.Open && (c.NextAttemptAt ?? c.DueAt) < now),
            CallbackQueueView.Closed => query.Where(c => c.Status != CallbackStatus.Open),
            _ => query,
        };
        var rows = view == CallbackQueueView.Closed
            ? await query.OrderByDescending(c => c.ClosedAt).Take(200).ToListAsync(cancellationToken)
            : await query.OrderBy(c => c.NextAttemptAt ?? c.DueAt).Take(200).ToListAsync(cancellationToken);
        var owners = await NamesAsync(rows.Select(r => r.OwnerId), cancellationToken);
        var names = await customers.NamesAsync(rows.Select(r => r.CustomerId).Distinct().ToList(), cancellationToken);
        return rows.Select(c => new CallbackListItem(
            c.Id, c.WorkOrderId, c.WorkOrderNumber, c.WorkOrderKind, c.Status, c.OwnerId, c.OwnerId is { } o ? owners.GetValueOrDefault(o) : null, c.CustomerId,
            names.GetValueOrDefault(c.CustomerId), c.NextAttemptAt ?? c.DueAt, c.IsOpen && (c.NextAttemptAt ?? c.DueAt) < now, c.UnreachableCount, c.Csat, c.Nps,
            c.ClosedAt)).ToList();
    }

    public async Task<Result<CallbackView>> GetAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CallbacksWork) && !actor.HasPermission(Permissions.CallbacksSupervise))
        {
            return Error.Forbidden();
        }

        var task = await db.Set<CallbackTask>().AsNoTracking().Include(c => c.Attempts).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return task is null ? Error.NotFound() : await ViewAsync(task, cancellationToken);
    }

    public async Task<CallbackView> ViewAsync(CallbackTask c, CancellationToken cancellationToken)
    {
        var people = await NamesAsync([c.OwnerId, c.EngineerId], cancellationToken);
        var customer = await customers.FindAsync(c.CustomerId, cancellationToken);
        var job = await desk.CallbackJobAsync(c.WorkOrderId, cancellationToken);
        var due = c.NextAttemptAt ?? c.DueAt;
        var quality = c.QualityResult is { } result ? new CallbackQualityView(result, c.QualityNote, c.QualityByName ?? "", c.QualityAt!.Value) : null;
        return new CallbackView(
            c.Id, c.WorkOrderId, c.WorkOrderNumber, c.WorkOrderKind, c.Status, c.OwnerId, c.OwnerId is { } o ? people.GetValueOrDefault(o) : null, c.EngineerId,
            c.EngineerId is { } e ? people.GetValueOrDefault(e) : null, c.CustomerId, customer?.Name, customer?.MaskedPhone, c.CreatedAt, c.DueAt, c.NextAttemptAt,
            c.AutoCloseAt, c.IsOpen && due < time.GetUtcNow(), c.UnreachableCount, c.Csat, c.Nps, c.Comment, c.NewProblem, c.NewRequestId, c.Complaint, c.Resolution,
            c.FollowUpWorkOrderId, c.ClosedAt, c.ClosedByName, c.SurveySentAt, c.SurveyAnsweredAt, quality, c.Version,
            c.Attempts.OrderBy(a => a.At).Select(a => new CallbackAttemptView(a.At, a.Outcome, a.ActorName, a.Note)).ToList(), job);
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid?> ids, CancellationToken cancellationToken)
    {
        var names = new Dictionary<Guid, string>();
        foreach (var id in ids.OfType<Guid>().Distinct())
        {
            if (await staff.FindAsync(id, cancellationToken) is { } member)
            {
                names[id] = member.DisplayName;
            }
        }

        return names;
    }
}

public static class CallbackQueueEndpoints
{
    public static void MapCallbackQueue(this RouteGroupBuilder callbacks)
    {
        callbacks.MapGet("/", async (string? view, ClaimsPrincipal user, CallbackQueries queries, HttpContext http, CancellationToken ct) =>
                Enum.TryParse<CallbackQueueView>(view ?? nameof(CallbackQueueView.Mine), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(view, out _)
                    ? (await queries.ListAsync(user, parsed, ct)).ToHttp(http, TypedResults.Ok)
                    : http.Problem(new Validation().Add("view", ErrorCodes.InvalidFormat).ToError()!))
            .RequireAuthorization(Permissions.CallbacksWork)
            .WithSummary("The callback queue: view=mine (default) | team | overdue | closed | all; open ones soonest due first (due: the next retry, else the deadline).");
        callbacks.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, CallbackQueries queries, HttpContext http, CancellationToken ct) =>
                (await queries.GetAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("One callback with its attempts and the job: kind, engineer, what was done (the timeline), photo ids, charges.");
    }
}
