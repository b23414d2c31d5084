using System.Security.Claims;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.WorkOrders.Contracts;

/// <summary>
/// The signed-in engineer's own jobs, for the mobile pages: what they hold, and the two answers to an assignment.
/// An order assigned to somebody else does not exist for them (null / not found), as on the work-order API.
/// </summary>
public interface IEngineerJobs
{
    /// <summary>Open jobs the engineer holds and has not finished on site (assigned, accepted, scheduled, on site), soonest first.</summary>
    Task<IReadOnlyList<EngineerJob>> MineAsync(ClaimsPrincipal engineer, CancellationToken cancellationToken);

    /// <summary>One of the engineer's jobs (any state); null when there is no such order or it is not theirs.</summary>
    Task<EngineerJob?> FindMineAsync(ClaimsPrincipal engineer, Guid id, CancellationToken cancellationToken);

    /// <summary>Orders offered in the grab pool, by id: nobody holds them yet, so no owner check (the pool decides who sees them).</summary>
    Task<IReadOnlyList<EngineerJob>> OfferedAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Accepts or declines (a reason required) through the work-order transition rules, at <paramref name="expectedVersion"/>.
    /// Saves the caller's unit of work with the move: anything the caller staged commits with it, or not at all.
    /// </summary>
    Task<Result<WorkOrderRef>> AnswerAsync(ClaimsPrincipal engineer, Guid id, EngineerAnswer answer, long expectedVersion, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// Any other move of the engineer's own job (schedule, reschedule, checkIn, complete …) through the same transition
    /// rules and checks as the work-order API (business hours, completion evidence, the customer's code). Saves like
    /// <see cref="AnswerAsync"/>: whatever the caller staged commits with the move, or not at all.
    /// </summary>
    Task<Result<WorkOrderRef>> MoveAsync(ClaimsPrincipal engineer, Guid id, EngineerMove move, CancellationToken cancellationToken);

    /// <summary>
    /// Notes the engineer's call to the customer on the order's timeline (<c>contact</c> when it reached them, which stops
    /// the first-contact SLA clock; <c>contactFailed</c> when not), while the job is accepted, booked or on site. Saves like
    /// <see cref="AnswerAsync"/>: whatever the caller staged commits with the note, or not at all.
    /// </summary>
    Task<Result<WorkOrderRef>> LogContactAsync(ClaimsPrincipal engineer, Guid id, bool reached, string? note, CancellationToken cancellationToken);

    /// <summary>The tenant's working hours (local times, Asia/Shanghai) of the local days from <paramref name="from"/>, for offering visit windows; days without hours are left out.</summary>
    Task<IReadOnlyList<WorkingDay>> WorkingDaysAsync(DateOnly from, int days, CancellationToken cancellationToken);
}

/// <summary>One local day's working intervals (e.g. 09:00–12:00 and 13:00–18:00).</summary>
public sealed record WorkingDay(DateOnly Day, IReadOnlyList<(TimeOnly From, TimeOnly To)> Hours);

/// <summary>A move the engineer makes: the state machine's action (camelCase) at the version they saw, and what it carries.</summary>
public sealed record EngineerMove(
    string Action, long ExpectedVersion, string? Reason = null, DateTimeOffset? WindowStart = null, DateTimeOffset? WindowEnd = null,
    bool CausedByEngineer = false, double? Latitude = null, double? Longitude = null, string? Barcode = null, string? VerificationCode = null);

public enum EngineerAnswer
{
    Accept,
    Decline,
}

/// <summary>A job as the engineer's phone shows it; the appointment is the booked window, else the customer's preferred one.</summary>
public sealed record EngineerJob(
    Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, long Version, string Priority, string Description, Guid CustomerId,
    Guid? AddressId, string? RegionCode, DateTimeOffset? AppointmentStart, DateTimeOffset? AppointmentEnd, DateTimeOffset? SlaWarnAt,
    DateTimeOffset? SlaDueAt, Guid? AssigneeId);
