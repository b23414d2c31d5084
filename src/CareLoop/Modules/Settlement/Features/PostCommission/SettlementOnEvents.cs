using CareLoop.Modules.Callbacks.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Outbox;

namespace CareLoop.Modules.Settlement.Features.PostCommission;

/// <summary>
/// Settlement reacts to the callback and work-order events through the outbox (once per message and handler, in the
/// event's tenant, inside a transaction); the ledger's unique keys make a redelivered or repeated event a no-op.
/// </summary>
public sealed class SettlementOnEvents(CommissionPoster poster) :
    IOutboxHandler<CallbackConfirmed>, IOutboxHandler<CallbackProblemFound>, IOutboxHandler<WorkOrderTransitioned>, IOutboxHandler<WorkOrderCreated>
{
    public Task HandleAsync(CallbackConfirmed domainEvent, OutboxContext context, CancellationToken cancellationToken) =>
        poster.ConfirmedAsync(domainEvent.WorkOrderId, domainEvent.EngineerId, domainEvent.Csat, domainEvent.ConfirmedAt, cancellationToken);

    public Task HandleAsync(CallbackProblemFound domainEvent, OutboxContext context, CancellationToken cancellationToken) =>
        domainEvent.Complaint ? poster.ComplaintAsync(domainEvent.WorkOrderId, domainEvent.EngineerId, cancellationToken) : Task.CompletedTask;

    public Task HandleAsync(WorkOrderTransitioned domainEvent, OutboxContext context, CancellationToken cancellationToken) =>
        domainEvent.RepeatRepair ? poster.ReopenedAsRepeatRepairAsync(domainEvent.WorkOrderId, cancellationToken) : Task.CompletedTask;

    public Task HandleAsync(WorkOrderCreated domainEvent, OutboxContext context, CancellationToken cancellationToken) =>
        poster.NewRepairAsync(domainEvent.WorkOrderId, domainEvent.Number, domainEvent.Kind, domainEvent.UnitId, cancellationToken);
}
