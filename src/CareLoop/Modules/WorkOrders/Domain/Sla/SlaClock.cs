namespace CareLoop.Modules.WorkOrders.Domain.Sla;

/// <summary>
/// The SLA clock: it runs from a timer's start through working periods (or around the clock) and stands still in
/// pauses, so a pause pushes the deadline back by exactly the clock time it overlaps. Pure and exact to the tick;
/// it walks working intervals day by day, never minute by minute.
/// </summary>
public static class SlaClock
{
    public const double DefaultWarningThreshold = 0.8;

    /// <summary>When the budget runs out; null if an open pause holds the clock before that.</summary>
    public static DateTimeOffset? Deadline(SlaTimer timer, BusinessCalendar calendar) =>
        InstantAfter(timer, calendar, timer.Budget);

    /// <summary>When the warning share of the budget is used (for scheduling a reminder); null while held by an open pause.</summary>
    public static DateTimeOffset? WarningAt(SlaTimer timer, BusinessCalendar calendar, double threshold = DefaultWarningThreshold) =>
        InstantAfter(timer, calendar, Share(timer.Budget, threshold));

    /// <summary>The clock time used between the timer's start and <paramref name="until"/>.</summary>
    public static TimeSpan Elapsed(SlaTimer timer, BusinessCalendar calendar, DateTimeOffset until)
    {
        var elapsed = TimeSpan.Zero;
        foreach (var run in Runs(timer, calendar))
        {
            if (run.Start >= until)
            {
                break;
            }

            elapsed += (run.End < until ? run.End : until) - run.Start;
        }

        return elapsed;
    }

    /// <summary>Reads the timer at the provider's current time.</summary>
    public static SlaReading Read(SlaTimer timer, BusinessCalendar calendar, TimeProvider time, double warningThreshold = DefaultWarningThreshold) =>
        Read(timer, calendar, time.GetUtcNow(), warningThreshold);

    /// <summary>
    /// Deadline, elapsed, remaining, share used and status at <paramref name="now"/> (or at the stop, if it came
    /// earlier). Met and Breached settle a stopped timer; for a running one Breached beats Paused, which beats Warning.
    /// </summary>
    public static SlaReading Read(SlaTimer timer, BusinessCalendar calendar, DateTimeOffset now, double warningThreshold = DefaultWarningThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warningThreshold);
        var stopped = timer.StoppedAt is { } stop && stop <= now;
        var at = stopped ? timer.StoppedAt.GetValueOrDefault() : now;
        var deadline = Deadline(timer, calendar);
        var elapsed = Elapsed(timer, calendar, at);
        var percent = timer.Budget > TimeSpan.Zero ? elapsed / timer.Budget : (deadline is { } d && at > d ? 1 : 0);
        var late = deadline is { } due && at > due;
        var status =
            stopped ? (late ? SlaStatus.Breached : SlaStatus.Met)
            : late ? SlaStatus.Breached
            : timer.Pauses.Any(p => p.Covers(at)) ? SlaStatus.Paused
            : elapsed >= Share(timer.Budget, warningThreshold) ? SlaStatus.Warning
            : SlaStatus.OnTrack;
        return new SlaReading(status, deadline, elapsed, timer.Budget - elapsed, percent);
    }

    private static DateTimeOffset? InstantAfter(SlaTimer timer, BusinessCalendar calendar, TimeSpan clockTime)
    {
        var left = clockTime;
        foreach (var run in Runs(timer, calendar))
        {
            if (run.Length >= left)
            {
                return run.Start + left;
            }

            left -= run.Length;
        }

        return null;
    }

    // Rounded to the tick so that "exactly 80 %" is a warning despite 0.8 not being exact in binary.
    private static TimeSpan Share(TimeSpan budget, double threshold) =>
        TimeSpan.FromTicks((long)Math.Round(budget.Ticks * threshold, MidpointRounding.AwayFromZero));

    /// <summary>
    /// The stretches in which the clock runs, in order: working periods (or one endless period for 24×7) minus the
    /// closed pauses, cut off for good at the first open pause. Endless unless an open pause ends it.
    /// </summary>
    private static IEnumerable<TimeInterval> Runs(SlaTimer timer, BusinessCalendar calendar)
    {
        var heldFrom = timer.Pauses.Where(p => p.IsOpen).Select(p => (DateTimeOffset?)p.From).Min() ?? DateTimeOffset.MaxValue;
        var pauses = Merge(timer.Pauses.Where(p => p.To is { } to && to > p.From).Select(p => new TimeInterval(p.From, p.To!.Value)));
        var periods = timer.Mode == SlaClockMode.AroundTheClock
            ? [new TimeInterval(timer.Start, DateTimeOffset.MaxValue)]
            : calendar.WorkingPeriodsFrom(timer.Start);
        var next = 0; // the first pause that may still overlap a period: periods and pauses only move forward
        foreach (var period in periods)
        {
            var cursor = period.Start;
            var end = period.End < heldFrom ? period.End : heldFrom;
            while (next < pauses.Count && pauses[next].End <= cursor)
            {
                next++;
            }

            for (var i = next; i < pauses.Count && pauses[i].Start < end; i++)
            {
                if (pauses[i].Start > cursor)
                {
                    yield return new TimeInterval(cursor, pauses[i].Start);
                }

                cursor = pauses[i].End > cursor ? pauses[i].End : cursor;
            }

            if (cursor < end)
            {
                yield return new TimeInterval(cursor, end);
            }

            if (period.End >= heldFrom)
            {
                yield break;
            }
        }
    }

    private static List<TimeInterval> Merge(IEnumerable<TimeInterval> intervals)
    {
        var merged = new List<TimeInterval>();
        foreach (var interval in intervals.OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && interval.Start <= merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = last with { End = interval.End > last.End ? interval.End : last.End };
            }
            else
            {
                merged.Add(interval);
            }
        }

        return merged;
    }
}
