using CareLoop.Modules.Dispatch.Domain;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Outbox;

namespace CareLoop.Modules.Dispatch.Features.AutoDispatch;

/// <summary>
/// Automatic dispatch runs from the work-order events: a new order, a declined one (never back to the decliner), a
/// reopened one. The outbox delivers each event once per handler, in the event's tenant, inside a transaction; the
/// decision's unique key makes a second node's or a redelivery's attempt a no-op. Off when <c>Dispatch:Automatic</c>
/// is false (an operator's switch, e.g. during a migration of the network data).
/// </summary>
public sealed class DispatchOnEvents(Dispatcher dispatcher, IConfiguration configuration) : IOutboxHandler<WorkOrderCreated>, IOutboxHandler<WorkOrderTransitioned>
{
    public async Task HandleAsync(WorkOrderCreated domainEvent, OutboxContext context, CancellationToken cancellationToken)
    {
        if (Enabled)
        {
            await dispatcher.DispatchAsync(domainEvent.WorkOrderId, DispatchTriggers.Created, cancellationToken);
        }
    }

    public async Task HandleAsync(WorkOrderTransitioned domainEvent, OutboxContext context, CancellationToken cancellationToken)
    {
        var trigger = domainEvent.Action switch
        {
            "decline" => DispatchTriggers.Declined,
            "reopen" => DispatchTriggers.Reopened,
            _ => null,
        };
        if (Enabled && trigger is not null)
        {
            await dispatcher.DispatchAsync(domainEvent.WorkOrderId, trigger, cancellationToken);
        }
    }

    private bool Enabled => configuration.GetValue("Dispatch:Automatic", true);
}
