using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Dispatch.Domain;

public enum DispatchOutcome
{
    /// <summary>Automatic dispatch assigned the order.</summary>
    Assigned = 1,

    /// <summary>No engineer qualified (or an offer went unanswered): the order waits in the dispatcher's queue.</summary>
    Queued = 2,

    /// <summary>Grab mode: offered to the eligible engineers.</summary>
    Offered = 3,

    /// <summary>A dispatcher chose an engineer who passed every hard rule.</summary>
    Manual = 4,

    /// <summary>A supervisor chose an engineer a hard rule excluded, with a recorded reason.</summary>
    Override = 5,

    /// <summary>An engineer grabbed the offered order.</summary>
    Grabbed = 6,
}

/// <summary>What started a decision.</summary>
public static class DispatchTriggers
{
    public const string Created = "created";
    public const string Declined = "declined";
    public const string Reopened = "reopened";

    /// <summary>A dispatcher re-ran automatic dispatch (a second retry of the same version is <c>retry-2</c>, and so on).</summary>
    public const string Retry = "retry";
    public const string Manual = "manual";
    public const string Grab = "grab";
    public const string GrabTimeout = "grab_timeout";

    /// <summary>A dispatcher accepted a day-route plan that moved the order to this engineer.</summary>
    public const string RoutePlan = "route_plan";
}

/// <summary>The live-update topic of the dispatcher board.</summary>
public static class DispatchTopics
{
    public const string Board = "dispatch-board";
}

/// <summary>Why an order was queued for the dispatcher.</summary>
public static class DispatchReasons
{
    public const string NoCandidate = "no_candidate";
    public const string NoRegion = "no_region";
    public const string AutoOff = "auto_dispatch_off";
    public const string GrabTimeout = "grab_timeout";
}

/// <summary>
/// One dispatch decision on one version of a work order, with its explanation: every engineer considered (those whose
/// area covers the job), why each one excluded was excluded, and the score parts of the rest. Unique per order,
/// version and trigger: the same event handled twice (two nodes, a redelivery) decides once.
/// </summary>
public sealed class DispatchDecision : ITenantOwned
{
    private DispatchDecision()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid WorkOrderId { get; private set; }

    /// <summary>The order's version the decision was taken on.</summary>
    public long WorkOrderVersion { get; private set; }

    public string Trigger { get; private set; } = "";

    public DispatchOutcome Outcome { get; private set; }

    public Guid? EngineerId { get; private set; }

    /// <summary>Why the order was queued (<c>no_candidate</c>, <c>not_on_site</c>, <c>no_region</c>, <c>grab_timeout</c>…), or the hard rule overridden.</summary>
    public string? Reason { get; private set; }

    /// <summary>The dispatcher's own words (manual choice, override).</summary>
    public string? Note { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; } = "";

    /// <summary>The candidates as JSON (<see cref="Features.AutoDispatch.DispatchExplanation"/>).</summary>
    public string Explanation { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static DispatchDecision Record(
        Guid tenantId, Guid workOrderId, long version, string trigger, DispatchOutcome outcome, Guid? engineerId, string? reason, string? note, Guid? actorId,
        string actorName, string explanation, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        WorkOrderId = workOrderId,
        WorkOrderVersion = version,
        Trigger = trigger,
        Outcome = outcome,
        EngineerId = engineerId,
        Reason = reason,
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        ActorId = actorId,
        ActorName = actorName,
        Explanation = explanation,
        CreatedAt = now,
    };
}

public enum GrabOfferStatus
{
    Open = 1,
    Taken = 2,

    /// <summary>Nobody took it in time: back to the dispatcher.</summary>
    Escalated = 3,

    /// <summary>The order was assigned another way or cancelled while offered.</summary>
    Withdrawn = 4,
}

/// <summary>
/// Grab mode (抢单): one order offered to the engineers who pass the hard rules. The first to grab wins: taking is one
/// conditional update (open and unexpired → taken by me), so under any race exactly one engineer wins.
/// </summary>
public sealed class GrabOffer : ITenantOwned
{
    private List<string> _offeredTo = [];

    private GrabOffer()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public long WorkOrderVersion { get; private set; }

    public string WorkOrderNumber { get; private set; } = "";

    /// <summary>Where the job is (GB/T 2260), for the engineers' pool list.</summary>
    public string? RegionCode { get; private set; }

    public IReadOnlyList<Guid> OfferedTo => _offeredTo.Select(Guid.Parse).ToList();

    public GrabOfferStatus Status { get; private set; }

    public Guid? WinnerId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public static GrabOffer Open(
        Guid tenantId, Guid workOrderId, long version, string number, string? regionCode, IEnumerable<Guid> engineers, DateTimeOffset now, TimeSpan timeout) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        WorkOrderId = workOrderId,
        WorkOrderVersion = version,
        WorkOrderNumber = number,
        RegionCode = regionCode,
        _offeredTo = engineers.Select(e => e.ToString("N")).ToList(),
        Status = GrabOfferStatus.Open,
        CreatedAt = now,
        ExpiresAt = now + timeout,
    };

    public bool IsOfferedTo(Guid engineerId) => _offeredTo.Contains(engineerId.ToString("N"));

    public void Close(GrabOfferStatus status, DateTimeOffset now)
    {
        Status = status;
        ClosedAt = now;
    }
}
