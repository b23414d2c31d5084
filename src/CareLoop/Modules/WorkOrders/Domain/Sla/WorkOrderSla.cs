using CareLoop.Modules.WorkOrders.Contracts;

namespace CareLoop.Modules.WorkOrders.Domain.Sla;

/// <summary>One SLA clock of a work order as read now; <paramref name="Upgraded"/> when a special approval set its budget.</summary>
public sealed record SlaClockReading(SlaTarget Target, SlaReading Reading, SlaTimer Timer, bool Upgraded = false);

/// <summary>Where a work order's running clocks stand, for the list's filters and the SLA job (see <see cref="WorkOrder.TrackSla"/>).</summary>
public sealed record SlaSnapshot(DateTimeOffset? WarnAt, DateTimeOffset? DueAt, DateTimeOffset? NextThreshold, bool Reached);

/// <summary>
/// A work order's SLA clocks, derived from its timeline on read (so the page is exact to the second): first contact
/// runs from the latest assignment to the booking or to a logged call that reached the customer (<see cref="ContactAction"/>), arrival to the booked window's end until check-in, completion from
/// creation, repair turnaround (mail-in) from receipt to ship-back. Suspensions pause the budgeted clocks. An
/// approved <see cref="SlaUpgrade"/> replaces a clock's budget from the moment of approval (or from the clock's own
/// start, if later); an arrival upgrade ("on site within 4 hours") replaces the booked window's end.
/// </summary>
public static class WorkOrderSla
{
    /// <summary>The timeline action of a call that reached the customer (the engineer's phone logs it): it stops the first-contact clock.</summary>
    public const string ContactAction = "contact";

    /// <summary>The timeline action of a call that did not reach the customer: noted, the clock keeps running.</summary>
    public const string ContactFailedAction = "contactFailed";

    public static IReadOnlyList<SlaClockReading> Read(
        WorkOrder order, SlaPolicy policy, BusinessCalendar calendar, DateTimeOffset now, IReadOnlyList<SlaUpgrade>? upgrades = null)
    {
        if (order.State == WorkOrderState.Cancelled)
        {
            return [];
        }

        var timeline = order.Timeline.OrderBy(t => t.At).ThenBy(t => t.Id).ToList();
        var pauses = Pauses(timeline);
        var clocks = new List<SlaClockReading>();
        var onSite = WorkOrderTransitions.FlowOf(order.Kind) == WorkOrderFlow.OnSite;
        var approved = (upgrades ?? []).Where(u => u.Status == SlaUpgradeStatus.Approved && u.WorkOrderId == order.Id)
            .OrderBy(u => u.DecidedAt).GroupBy(u => u.Target).ToDictionary(g => g.Key, g => g.Last());

        // A budgeted clock from its start to its stop, with the upgrade's budget when one was approved.
        SlaClockReading Budgeted(SlaTarget target, DateTimeOffset start, DateTimeOffset? stop)
        {
            if (approved.GetValueOrDefault(target) is { } upgrade)
            {
                var from = upgrade.DecidedAt!.Value > start ? upgrade.DecidedAt.Value : start;
                return Clock(target, SlaTimer.Budgeted(from, upgrade.Budget, upgrade.Mode, pauses, stop), calendar, now, upgraded: true);
            }

            return Clock(target, SlaTimer.For(policy, target, start, pauses, stop), calendar, now);
        }

        if (onSite && timeline.LastOrDefault(t => t.Action == "assign") is { } assigned)
        {
            var contacted = timeline.FirstOrDefault(t => (t.Action is "schedule" or ContactAction) && t.At >= assigned.At)?.At;
            clocks.Add(Budgeted(SlaTarget.FirstContact, assigned.At, contacted));
        }

        if (onSite && approved.GetValueOrDefault(SlaTarget.Arrival) is { } urgent)
        {
            var arrived = timeline.FirstOrDefault(t => t.Action == "checkIn" && t.At >= urgent.DecidedAt)?.At;
            clocks.Add(Clock(SlaTarget.Arrival, SlaTimer.Budgeted(urgent.DecidedAt!.Value, urgent.Budget, urgent.Mode, pauses, arrived), calendar, now, upgraded: true));
        }
        else if (onSite && order.WindowEnd is { } windowEnd && timeline.LastOrDefault(t => t.Action is "schedule" or "reschedule") is { } booked)
        {
            var arrived = timeline.FirstOrDefault(t => t.Action == "checkIn" && t.At >= booked.At)?.At;
            clocks.Add(Clock(SlaTarget.Arrival, SlaTimer.Until(booked.At, windowEnd, arrived), calendar, now));
        }

        if (!onSite && timeline.FirstOrDefault(t => t.Action == "receive") is { } received)
        {
            var shipped = timeline.FirstOrDefault(t => t.Action == "shipBack" && t.At >= received.At)?.At;
            clocks.Add(Budgeted(SlaTarget.RepairTurnaround, received.At, shipped));
        }

        clocks.Add(Budgeted(SlaTarget.Completion, order.CreatedAt, order.CompletedAt));
        return clocks;
    }

    /// <summary>
    /// The earliest warning and deadline among the clocks still running (stopped and paused ones make no promise
    /// now), the first of those thresholds still ahead, and whether one is already reached.
    /// </summary>
    public static SlaSnapshot Snapshot(IReadOnlyList<SlaClockReading> clocks, BusinessCalendar calendar, DateTimeOffset now)
    {
        var running = clocks.Where(c => c.Timer.StoppedAt is null && c.Reading.Deadline is not null).ToList();
        var thresholds = running.SelectMany(c => new[] { SlaClock.WarningAt(c.Timer, calendar), c.Reading.Deadline }).OfType<DateTimeOffset>().ToList();
        return new SlaSnapshot(
            running.Select(c => SlaClock.WarningAt(c.Timer, calendar)).Min(),
            running.Select(c => c.Reading.Deadline).Min(),
            thresholds.Where(t => t > now).Select(t => (DateTimeOffset?)t).Min(),
            thresholds.Any(t => t <= now));
    }

    private static SlaClockReading Clock(SlaTarget target, SlaTimer timer, BusinessCalendar calendar, DateTimeOffset now, bool upgraded = false) =>
        new(target, SlaClock.Read(timer, calendar, now), timer, upgraded);

    private static List<SlaPause> Pauses(List<TimelineEntry> timeline)
    {
        var pauses = new List<SlaPause>();
        DateTimeOffset? from = null;
        foreach (var entry in timeline)
        {
            if (entry.ToState == WorkOrderState.Suspended && from is null)
            {
                from = entry.At;
            }
            else if (entry.FromState == WorkOrderState.Suspended && from is { } start)
            {
                pauses.Add(new SlaPause(start, entry.At));
                from = null;
            }
        }

        if (from is { } open)
        {
            pauses.Add(new SlaPause(open));
        }

        return pauses;
    }
}
