using CareLoop.Modules.WorkOrders.Contracts;

namespace CareLoop.Modules.WorkOrders.Domain.Sla;

/// <summary>One SLA clock of a work order as read now.</summary>
public sealed record SlaClockReading(SlaTarget Target, SlaReading Reading);

/// <summary>
/// A work order's SLA clocks, derived from its timeline on read (so the page is exact to the second): first contact
/// runs from the latest assignment to the booking, arrival to the booked window's end until check-in, completion from
/// creation, repair turnaround (mail-in) from receipt to ship-back. Suspensions pause the budgeted clocks.
/// </summary>
public static class WorkOrderSla
{
    public static IReadOnlyList<SlaClockReading> Read(WorkOrder order, SlaPolicy policy, BusinessCalendar calendar, DateTimeOffset now)
    {
        if (order.State == WorkOrderState.Cancelled)
        {
            return [];
        }

        var timeline = order.Timeline.OrderBy(t => t.At).ThenBy(t => t.Id).ToList();
        var pauses = Pauses(timeline);
        var clocks = new List<SlaClockReading>();
        var onSite = WorkOrderTransitions.FlowOf(order.Kind) == WorkOrderFlow.OnSite;
        if (onSite && timeline.LastOrDefault(t => t.Action == "assign") is { } assigned)
        {
            var contacted = timeline.FirstOrDefault(t => t.Action == "schedule" && t.At >= assigned.At)?.At;
            clocks.Add(Clock(SlaTarget.FirstContact, SlaTimer.For(policy, SlaTarget.FirstContact, assigned.At, pauses, contacted), calendar, now));
        }

        if (onSite && order.WindowEnd is { } windowEnd && timeline.LastOrDefault(t => t.Action is "schedule" or "reschedule") is { } booked)
        {
            var arrived = timeline.FirstOrDefault(t => t.Action == "checkIn" && t.At >= booked.At)?.At;
            clocks.Add(Clock(SlaTarget.Arrival, SlaTimer.Until(booked.At, windowEnd, arrived), calendar, now));
        }

        if (!onSite && timeline.FirstOrDefault(t => t.Action == "receive") is { } received)
        {
            var shipped = timeline.FirstOrDefault(t => t.Action == "shipBack" && t.At >= received.At)?.At;
            clocks.Add(Clock(SlaTarget.RepairTurnaround, SlaTimer.For(policy, SlaTarget.RepairTurnaround, received.At, pauses, shipped), calendar, now));
        }

        clocks.Add(Clock(SlaTarget.Completion, SlaTimer.For(policy, SlaTarget.Completion, order.CreatedAt, pauses, order.CompletedAt), calendar, now));
        return clocks;
    }

    private static SlaClockReading Clock(SlaTarget target, SlaTimer timer, BusinessCalendar calendar, DateTimeOffset now) =>
        new(target, SlaClock.Read(timer, calendar, now));

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
