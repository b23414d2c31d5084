using CareLoop.Platform.Outbox;

namespace CareLoop.Modules.WorkOrders.Contracts;

public enum WorkOrderKind
{
    Installation = 1,
    OnSiteRepair = 2,
    OnSiteGuidance = 3,
    VideoGuidance = 4,

    /// <summary>Consumable replacement (filters, brushes) at the customer's home.</summary>
    Maintenance = 5,

    /// <summary>The customer ships the unit to a repair centre (寄修).</summary>
    MailInRepair = 6,
}

/// <summary>PRODUCT.md §3.1. The names are the API's (camelCase in JSON) and the timeline's.</summary>
public enum WorkOrderState
{
    Created = 1,
    Assigned = 2,
    Accepted = 3,
    Scheduled = 4,
    OnSite = 5,
    Completed = 6,
    CallbackPending = 7,
    Closed = 8,
    Declined = 9,
    Suspended = 10,
    Cancelled = 11,
    Reopened = 12,
    AwaitingShipment = 13,
    InTransit = 14,
    Received = 15,
    Diagnosing = 16,
    AwaitingApproval = 17,
    Repairing = 18,
    QualityCheck = 19,
    ShippedBack = 20,
    Delivered = 21,
}

/// <summary>A work order was opened (integration event, through the outbox).</summary>
public sealed record WorkOrderCreated(Guid WorkOrderId, string Number, WorkOrderKind Kind, Guid CustomerId, Guid? UnitId) : IDomainEvent;

/// <summary>A work order moved; <paramref name="Action"/> is the camelCase action name.</summary>
public sealed record WorkOrderTransitioned(
    Guid WorkOrderId, string Number, string Action, WorkOrderState From, WorkOrderState To, Guid? AssigneeId, Guid? ActorId, bool RepeatRepair) : IDomainEvent;

/// <summary>An SLA clock of a work order reached its warning threshold (80 %) or breached its deadline.</summary>
public sealed record SlaThresholdReached(Guid WorkOrderId, string Number, string Target, string Level, DateTimeOffset? Deadline, Guid? AssigneeId) : IDomainEvent;
