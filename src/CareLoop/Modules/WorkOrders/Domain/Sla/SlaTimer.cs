namespace CareLoop.Modules.WorkOrders.Domain.Sla;

/// <summary>A stretch during which the clock stands still (the order was Suspended). No end: still suspended.</summary>
public sealed record SlaPause(DateTimeOffset From, DateTimeOffset? To = null)
{
    public bool IsOpen => To is null;

    public bool Covers(DateTimeOffset instant) => From <= instant && (To is not { } to || instant < to);
}

/// <summary>
/// One running SLA: when it started, how much clock time it may use, how the clock runs, when it stood still,
/// and when it was stopped (the promise kept or broken: first contact made, order completed, unit shipped back).
/// </summary>
public sealed record SlaTimer
{
    private SlaTimer(DateTimeOffset start, TimeSpan budget, SlaClockMode mode, IReadOnlyList<SlaPause> pauses, DateTimeOffset? stoppedAt)
    {
        Start = start;
        Budget = budget;
        Mode = mode;
        Pauses = pauses;
        StoppedAt = stoppedAt;
    }

    public DateTimeOffset Start { get; }

    public TimeSpan Budget { get; }

    public SlaClockMode Mode { get; }

    public IReadOnlyList<SlaPause> Pauses { get; }

    public DateTimeOffset? StoppedAt { get; }

    /// <summary>A budget of business or wall time from <paramref name="start"/>, pushed back by every pause.</summary>
    public static SlaTimer Budgeted(
        DateTimeOffset start, TimeSpan budget, SlaClockMode mode, IReadOnlyList<SlaPause>? pauses = null, DateTimeOffset? stoppedAt = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, TimeSpan.Zero);
        return new SlaTimer(start, budget, mode, pauses ?? [], stoppedAt);
    }

    /// <summary>The timer of a policy's target; for <see cref="SlaTarget.Arrival"/> use <see cref="Until"/> with the window's end.</summary>
    public static SlaTimer For(
        SlaPolicy policy, SlaTarget target, DateTimeOffset start, IReadOnlyList<SlaPause>? pauses = null, DateTimeOffset? stoppedAt = null) =>
        Budgeted(
            start,
            policy.BudgetFor(target) ?? throw new ArgumentException("Arrival has no budget: use SlaTimer.Until(start, window.End).", nameof(target)),
            policy.Mode,
            pauses,
            stoppedAt);

    /// <summary>
    /// A fixed deadline, e.g. arrival by the end of the booked window: wall time, not moved by pauses (a suspension
    /// reschedules the visit instead).
    /// </summary>
    public static SlaTimer Until(DateTimeOffset start, DateTimeOffset deadline, DateTimeOffset? stoppedAt = null) =>
        new(start, deadline > start ? deadline - start : TimeSpan.Zero, SlaClockMode.AroundTheClock, [], stoppedAt);
}

public enum SlaStatus
{
    OnTrack = 1,

    /// <summary>At least the warning share of the budget (default 80 %) is used.</summary>
    Warning = 2,

    /// <summary>Past the deadline without being stopped, or stopped after it.</summary>
    Breached = 3,

    /// <summary>Inside a pause right now: the clock stands still.</summary>
    Paused = 4,

    /// <summary>Stopped at or before the deadline.</summary>
    Met = 5,
}

/// <summary>
/// An SLA at one instant. <see cref="Deadline"/> is null while an open pause holds the clock before the budget ran
/// out. <see cref="Remaining"/> turns negative once breached (overdue, in clock time). <see cref="PercentUsed"/> is
/// a share: 0.8 is 80 %, above 1 is over budget.
/// </summary>
public sealed record SlaReading(SlaStatus Status, DateTimeOffset? Deadline, TimeSpan Elapsed, TimeSpan Remaining, double PercentUsed);
