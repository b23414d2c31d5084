namespace CareLoop.Modules.WorkOrders.Domain;

public enum WorkOrderAction
{
    Assign = 1,
    Accept = 2,
    Decline = 3,
    Schedule = 4,
    Reschedule = 5,
    CheckIn = 6,
    Complete = 7,
    RequestCallback = 8,
    Close = 9,
    Suspend = 10,
    Resume = 11,
    Cancel = 12,
    Reopen = 13,
    RequestShipment = 14,
    Ship = 15,
    Receive = 16,
    Diagnose = 17,
    Quote = 18,
    Approve = 19,
    Repair = 20,
    FinishRepair = 21,
    FailQualityCheck = 22,
    ShipBack = 23,
    Deliver = 24,
}

public enum WorkOrderPriority
{
    Low = 1,
    Normal = 2,
    High = 3,
    Urgent = 4,
}

/// <summary>Who caused a rebooking: it counts against the engineer's on-time rate only when it was the engineer.</summary>
public enum RescheduleCause
{
    Customer = 1,
    Engineer = 2,
}

/// <summary>The on-site path (installation, repair, guidance, maintenance) or the repair-centre path (mail-in).</summary>
public enum WorkOrderFlow
{
    OnSite = 1,
    MailIn = 2,
    Both = 3,
}

/// <summary>A booked appointment window, stored in UTC and shown in the tenant's time zone.</summary>
public sealed record AppointmentWindow(DateTimeOffset Start, DateTimeOffset End);

/// <summary>The camelCase names the API and the docs use for states.</summary>
public static class WorkOrderStateNames
{
    public static string Of(CareLoop.Modules.WorkOrders.Contracts.WorkOrderState state) =>
        char.ToLowerInvariant(state.ToString()[0]) + state.ToString()[1..];
}
