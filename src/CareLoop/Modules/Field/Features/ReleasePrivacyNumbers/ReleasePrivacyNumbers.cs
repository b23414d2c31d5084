using CareLoop.Modules.Field.Domain;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Telephony;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Field.Features.ReleasePrivacyNumbers;

/// <summary>
/// When a job is completed or cancelled, its privacy-number bindings are released: <c>UnbindSubscription</c> at the
/// provider, the binding row marked released, an audit entry — all in the handler's outbox transaction, so the row
/// is marked exactly once (ADR 0004). A retry after a lost commit calls the provider again; the provider then no
/// longer knows the subscription, and the binding is marked <see cref="PrivacyBindingRelease.AlreadyFree"/>.
/// </summary>
public sealed class ReleasePrivacyNumbersOnClose(CareLoopDbContext db, IPrivacyNumbers privacy, IAuditLog audit, TimeProvider time)
    : IOutboxHandler<WorkOrderTransitioned>
{
    public async Task HandleAsync(WorkOrderTransitioned domainEvent, OutboxContext context, CancellationToken cancellationToken)
    {
        if (domainEvent.To is not (WorkOrderState.Completed or WorkOrderState.Cancelled))
        {
            return;
        }

        var bindings = await db.Set<PrivacyBinding>().Where(b => b.WorkOrderId == domainEvent.WorkOrderId && b.ReleasedAt == null).ToListAsync(cancellationToken);
        foreach (var binding in bindings)
        {
            var unbound = await privacy.UnbindSubscriptionAsync(binding.PoolKey, binding.SubsId, binding.SecretNo, cancellationToken);
            binding.Released(unbound ? PrivacyBindingRelease.Unbound : PrivacyBindingRelease.AlreadyFree, domainEvent.Action, time.GetUtcNow());
            audit.Record("field.privacy-number-released", "WorkOrder", domainEvent.WorkOrderId.ToString(),
                new { domainEvent.Number, binding.SubsId, binding.SecretNo, binding.PoolKey, release = binding.Release.ToString(), on = domainEvent.Action });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
