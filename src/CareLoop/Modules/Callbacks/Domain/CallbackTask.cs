using CareLoop.Modules.Callbacks.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Callbacks.Domain;

/// <summary>Where a callback stands. Every state but <see cref="Open"/> is final (a survey answer may still land on an auto-closed one).</summary>
public enum CallbackStatus
{
    Open = 1,
    Confirmed = 2,
    ProblemFound = 3,

    /// <summary>Unreachable after the policy's attempts: the order was closed by policy and the survey link sent instead.</summary>
    AutoClosed = 4,
}

/// <summary>What an agent does about a problem found: reopen the same order (a repeat visit) or open a follow-up order.</summary>
public enum ProblemResolution
{
    Reopen = 1,
    FollowUp = 2,
}

/// <summary>A supervisor's re-check of a confirmed callback (quality control).</summary>
public enum QualityResult
{
    Passed = 1,
    Failed = 2,
}

/// <summary>What the customer said, from the agent's form or the survey page.</summary>
public sealed record CustomerAnswer(int? Csat, int? Nps, string? Comment);

/// <summary>
/// The satisfaction callback (回访) of one completed work order: due by the tenant's deadline, owned by the agent who
/// took the case (or the team queue), and ended once: confirmed, problem found, or auto-closed when the customer
/// cannot be reached. Each outcome raises its integration event in the same transaction (docs/adr/0024).
/// </summary>
public sealed class CallbackTask : ITenantOwned, IVersioned, IHasDomainEvents
{
    private readonly List<CallbackAttempt> _attempts = [];
    private readonly List<IDomainEvent> _events = [];

    private CallbackTask()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid WorkOrderId { get; private set; }

    /// <summary>With <see cref="WorkOrderId"/> the unique key: one callback per completion of an order (a reopened order completed again gets a new one).</summary>
    public DateTimeOffset WorkOrderCompletedAt { get; private set; }

    public string WorkOrderNumber { get; private set; } = "";

    public WorkOrderKind WorkOrderKind { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid? UnitId { get; private set; }

    /// <summary>The engineer who did the job (paid on confirmation).</summary>
    public Guid? EngineerId { get; private set; }

    /// <summary>The service request the order was opened for, when there is one.</summary>
    public Guid? ServiceRequestId { get; private set; }

    /// <summary>The agent who follows the case up; null: the callback team's queue.</summary>
    public Guid? OwnerId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public CallbackStatus Status { get; private set; }

    public int UnreachableCount { get; private set; }

    /// <summary>When the next call should be tried after an unreachable one (the queue sorts by it).</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>When the policy closes the callback if the customer is still not reached (set by the first unreachable attempt).</summary>
    public DateTimeOffset? AutoCloseAt { get; private set; }

    public int? Csat { get; private set; }

    public int? Nps { get; private set; }

    public string? Comment { get; private set; }

    /// <summary>A new problem the customer mentioned: it opened <see cref="NewRequestId"/>.</summary>
    public string? NewProblem { get; private set; }

    public Guid? NewRequestId { get; private set; }

    public bool Complaint { get; private set; }

    public ProblemResolution? Resolution { get; private set; }

    public Guid? FollowUpWorkOrderId { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public Guid? ClosedById { get; private set; }

    public string? ClosedByName { get; private set; }

    /// <summary>The current survey link's secret (replaced when a link is sent again); a link with another nonce is void.</summary>
    public string? SurveyNonce { get; private set; }

    public DateTimeOffset? SurveySentAt { get; private set; }

    public DateTimeOffset? SurveyAnsweredAt { get; private set; }

    public QualityResult? QualityResult { get; private set; }

    public string? QualityNote { get; private set; }

    public Guid? QualityById { get; private set; }

    public string? QualityByName { get; private set; }

    public DateTimeOffset? QualityAt { get; private set; }

    public long Version { get; set; }

    public IReadOnlyList<CallbackAttempt> Attempts => _attempts;

    public IReadOnlyCollection<IDomainEvent> DomainEvents => _events;

    public bool IsOpen => Status == CallbackStatus.Open;

    public static CallbackTask Create(
        Guid tenantId, Guid workOrderId, DateTimeOffset completedAt, string number, WorkOrderKind kind, Guid customerId, Guid? unitId, Guid? engineerId,
        Guid? serviceRequestId, Guid? ownerId, DateTimeOffset now, TimeSpan dueWithin) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        WorkOrderId = workOrderId,
        WorkOrderCompletedAt = completedAt,
        WorkOrderNumber = number,
        WorkOrderKind = kind,
        CustomerId = customerId,
        UnitId = unitId,
        EngineerId = engineerId,
        ServiceRequestId = serviceRequestId,
        OwnerId = ownerId,
        CreatedAt = now,
        DueAt = now + dueWithin,
        Status = CallbackStatus.Open,
    };

    /// <summary>The customer confirmed the job was done: the gate for paying the engineer.</summary>
    public void Confirm(CustomerAnswer answer, string? newProblem, Guid? newRequestId, Guid? actorId, string actorName, DateTimeOffset now)
    {
        EnsureOpen();
        Answer(answer);
        NewProblem = Clean(newProblem);
        NewRequestId = newRequestId;
        Close(CallbackStatus.Confirmed, actorId, actorName, now);
        _attempts.Add(CallbackAttempt.Create(Id, now, actorId, actorName, "confirmed", answer.Comment));
        _events.Add(new CallbackConfirmed(Id, WorkOrderId, WorkOrderNumber, EngineerId, Csat, Nps, now));
    }

    /// <summary>The job was not done, or not well: the order is reopened or followed up, and a complaint is flagged for the penalty.</summary>
    public void FindProblem(
        CustomerAnswer answer, bool complaint, ProblemResolution resolution, Guid? followUpWorkOrderId, string? newProblem, Guid? newRequestId, Guid? actorId,
        string actorName, DateTimeOffset now)
    {
        EnsureOpen();
        Answer(answer);
        Complaint = complaint;
        Resolution = resolution;
        FollowUpWorkOrderId = followUpWorkOrderId;
        NewProblem = Clean(newProblem);
        NewRequestId = newRequestId;
        Close(CallbackStatus.ProblemFound, actorId, actorName, now);
        _attempts.Add(CallbackAttempt.Create(Id, now, actorId, actorName, "problemFound", answer.Comment));
        _events.Add(new CallbackProblemFound(Id, WorkOrderId, WorkOrderNumber, EngineerId, complaint, followUpWorkOrderId, now));
    }

    /// <summary>
    /// Nobody answered. The first miss starts the retry window; each miss schedules the next try evenly across it.
    /// Returns true when this was the last attempt the policy allows (the caller auto-closes).
    /// </summary>
    public bool RecordUnreachable(CallbackPolicy policy, string? note, Guid? actorId, string actorName, DateTimeOffset now)
    {
        EnsureOpen();
        UnreachableCount++;
        AutoCloseAt ??= now + policy.RetryWindow;
        _attempts.Add(CallbackAttempt.Create(Id, now, actorId, actorName, "unreachable", note));
        if (UnreachableCount >= policy.MaxAttempts)
        {
            AutoCloseAt = now;
            NextAttemptAt = null;
            return true;
        }

        var next = now + policy.RetrySpacing;
        NextAttemptAt = next < AutoCloseAt ? next : AutoCloseAt;
        return false;
    }

    public bool IsDueForAutoClose(DateTimeOffset now) => IsOpen && AutoCloseAt is { } at && at <= now;

    /// <summary>By policy after the last unreachable attempt (or when the window ran out): closed, the survey link goes instead.</summary>
    public void AutoClose(string surveyNonce, DateTimeOffset now)
    {
        EnsureOpen();
        Close(CallbackStatus.AutoClosed, null, "system", now);
        NextAttemptAt = null;
        SurveyNonce = surveyNonce;
        SurveySentAt = now;
        _attempts.Add(CallbackAttempt.Create(Id, now, null, "system", "autoClosed", null));
    }

    /// <summary>The customer answered the survey link: the answers land here, and count as the confirmation nobody got by phone.</summary>
    public void AnswerSurvey(CustomerAnswer answer, DateTimeOffset now)
    {
        if (SurveyAnsweredAt is not null || Status != CallbackStatus.AutoClosed)
        {
            throw new InvalidOperationException("A survey is answered once, on an auto-closed callback.");
        }

        Answer(answer);
        SurveyAnsweredAt = now;
        _attempts.Add(CallbackAttempt.Create(Id, now, null, "customer", "surveyAnswered", answer.Comment));
        _events.Add(new CallbackConfirmed(Id, WorkOrderId, WorkOrderNumber, EngineerId, Csat, Nps, now));
    }

    public void Recheck(QualityResult result, string? note, Guid? actorId, string actorName, DateTimeOffset now)
    {
        QualityResult = result;
        QualityNote = Clean(note);
        QualityById = actorId;
        QualityByName = actorName;
        QualityAt = now;
    }

    public void ClearDomainEvents() => _events.Clear();

    private void Answer(CustomerAnswer answer)
    {
        Csat = answer.Csat;
        Nps = answer.Nps;
        Comment = Clean(answer.Comment);
    }

    private void Close(CallbackStatus status, Guid? actorId, string actorName, DateTimeOffset now)
    {
        Status = status;
        ClosedAt = now;
        ClosedById = actorId;
        ClosedByName = actorName;
        NextAttemptAt = null;
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"Callback {Id} is {Status}: an outcome is recorded once.");
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>One call (or the policy's or the customer's step) on a callback, for its history.</summary>
public sealed class CallbackAttempt
{
    private CallbackAttempt()
    {
    }

    public Guid Id { get; private set; }

    public Guid CallbackId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; } = "";

    /// <summary><c>confirmed</c>, <c>problemFound</c>, <c>unreachable</c>, <c>autoClosed</c>, <c>surveyAnswered</c>.</summary>
    public string Outcome { get; private set; } = "";

    public string? Note { get; private set; }

    internal static CallbackAttempt Create(Guid callbackId, DateTimeOffset at, Guid? actorId, string actorName, string outcome, string? note) => new()
    {
        Id = Guid.CreateVersion7(at),
        CallbackId = callbackId,
        At = at,
        ActorId = actorId,
        ActorName = actorName,
        Outcome = outcome,
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
    };
}

public static class CallbackRules
{
    public const int MinCsat = 1;
    public const int MaxCsat = 5;
    public const int MinNps = 0;
    public const int MaxNps = 10;
    public const int TextMaxLength = 1000;
}
