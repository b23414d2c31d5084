using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain.Sla;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.WorkOrders.Domain;

public enum SlaAlertLevel
{
    Warning = 1,
    Breached = 2,
}

/// <summary>
/// That a work order's SLA clock crossed its warning threshold or its deadline; at most one per order, clock and level
/// (a unique index), so the event that notifies people is raised exactly once however often the clocks are evaluated.
/// </summary>
public sealed class SlaAlert : ITenantOwned, IHasDomainEvents
{
    private readonly List<IDomainEvent> _events = [];

    private SlaAlert()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public SlaTarget Target { get; private set; }

    public SlaAlertLevel Level { get; private set; }

    public DateTimeOffset? Deadline { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    public IReadOnlyCollection<IDomainEvent> DomainEvents => _events;

    public static SlaAlert Raise(WorkOrder order, SlaTarget target, SlaAlertLevel level, DateTimeOffset? deadline, DateTimeOffset now)
    {
        var alert = new SlaAlert
        {
            Id = Guid.CreateVersion7(now),
            TenantId = order.TenantId,
            WorkOrderId = order.Id,
            Target = target,
            Level = level,
            Deadline = deadline,
            RaisedAt = now,
        };
        alert._events.Add(new SlaThresholdReached(order.Id, order.Number, target.ToString(), level.ToString(), deadline, order.AssigneeId));
        return alert;
    }

    public void ClearDomainEvents() => _events.Clear();
}
