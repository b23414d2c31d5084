using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Domain.Sla;
using CareLoop.Platform.Identity;

namespace CareLoop.Tests.Domain;

/// <summary>The first-contact clock stops at the first call that reached the customer, or at the booking if that comes first.</summary>
public sealed class FirstContactSlaTests
{
    // Tuesday 2026-11-24 10:00 in Shanghai: inside working hours, so business-hour budgets run in real time.
    private static readonly DateTimeOffset Assigned = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid Engineer = Guid.NewGuid();
    private static readonly WorkOrderActor Everyone = new(Engineer, "everyone", Roles.All.ToHashSet());
    private static readonly BusinessCalendar Calendar = BusinessCalendar.For(BusinessCalendar.StandardWeek);

    [Fact]
    public void A_reached_contact_stops_the_first_contact_clock()
    {
        var order = AssignedOrder();
        order.Note(Everyone, WorkOrderSla.ContactAction, "", Assigned.AddMinutes(30));

        var clock = FirstContact(order, Assigned.AddHours(5));

        Assert.Equal(Assigned.AddMinutes(30), clock.Timer.StoppedAt);
        Assert.NotEqual(SlaStatus.Breached, clock.Reading.Status);
    }

    [Fact]
    public void A_call_that_did_not_reach_the_customer_leaves_the_clock_running()
    {
        var order = AssignedOrder();
        order.Note(Everyone, WorkOrderSla.ContactFailedAction, "", Assigned.AddMinutes(30));

        var clock = FirstContact(order, Assigned.AddHours(3));

        Assert.Null(clock.Timer.StoppedAt);
        Assert.Equal(SlaStatus.Breached, clock.Reading.Status); // the 2-hour budget is spent
    }

    [Fact]
    public void A_booking_before_any_logged_contact_still_stops_the_clock()
    {
        var order = AssignedOrder();
        var start = Assigned.AddDays(1);
        Assert.True(order.Apply(WorkOrderAction.Accept, new TransitionInput(), Everyone, Assigned.AddMinutes(5)).IsSuccess);
        Assert.True(order.Apply(WorkOrderAction.Schedule, new TransitionInput(Window: new AppointmentWindow(start, start.AddHours(2))), Everyone, Assigned.AddMinutes(20)).IsSuccess);
        order.Note(Everyone, WorkOrderSla.ContactAction, "", Assigned.AddMinutes(40));

        Assert.Equal(Assigned.AddMinutes(20), FirstContact(order, Assigned.AddHours(5)).Timer.StoppedAt);
    }

    [Fact]
    public void A_contact_before_a_reassignment_does_not_stop_the_new_engineers_clock()
    {
        var order = AssignedOrder();
        order.Note(Everyone, WorkOrderSla.ContactAction, "", Assigned.AddMinutes(10));
        Assert.True(order.Apply(WorkOrderAction.Assign, new TransitionInput(AssigneeId: Guid.NewGuid()), Everyone, Assigned.AddMinutes(20)).IsSuccess);

        Assert.Null(FirstContact(order, Assigned.AddMinutes(30)).Timer.StoppedAt);
    }

    private static WorkOrder AssignedOrder()
    {
        var order = WorkOrder.Create(Guid.NewGuid(), "WO-1", WorkOrderKind.OnSiteRepair, WorkOrderPriority.Normal, Guid.NewGuid(), null, "320506", "漏水", Everyone, Assigned.AddMinutes(-10));
        Assert.True(order.Apply(WorkOrderAction.Assign, new TransitionInput(AssigneeId: Engineer), Everyone, Assigned).IsSuccess);
        return order;
    }

    private static SlaClockReading FirstContact(WorkOrder order, DateTimeOffset now) =>
        WorkOrderSla.Read(order, SlaPolicy.Default, Calendar, now).Single(c => c.Target == SlaTarget.FirstContact);
}
