using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Domain.Sla;
using CareLoop.Modules.WorkOrders.Features.SlaSettings;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CareLoop.Modules.WorkOrders.Features.EvaluateSla;

/// <summary>
/// Reads the SLA clocks of a tenant's work orders whose next threshold is due (<see cref="WorkOrder.SlaCheckAt"/>) and
/// raises an <see cref="SlaAlert"/> (and through it the <see cref="SlaThresholdReached"/> event) the first time a clock
/// is at risk or breached, then records when to look again. Orders are read in pages; each page commits on its own.
/// </summary>
public sealed class SlaEvaluator(CareLoopDbContext db, SlaSettingsHandler settings, SlaTracker tracker, TimeProvider time)
{
    private const int PageSize = 200;

    /// <summary>States where some clock may still be running (completed work only waits for the callback).</summary>
    public static readonly WorkOrderState[] Running =
        Enum.GetValues<WorkOrderState>().Where(s => s is not (WorkOrderState.Completed or WorkOrderState.CallbackPending or WorkOrderState.Closed or WorkOrderState.Cancelled)).ToArray();

    public async Task<int> EvaluateAsync(CancellationToken cancellationToken)
    {
        var (policies, calendar) = await settings.ConfigurationAsync(cancellationToken);
        var raised = 0;
        var now = time.GetUtcNow();
        Guid? after = null;
        while (true)
        {
            // Every order in a page gets a new check time later than now (or none), so it drops out of the next query.
            var orders = await db.Set<WorkOrder>().Include(w => w.Timeline)
                .Where(w => w.SlaCheckAt != null && w.SlaCheckAt <= now && (after == null || w.Id.CompareTo(after.Value) > 0))
                .OrderBy(w => w.Id).Take(PageSize).AsSplitQuery().ToListAsync(cancellationToken);
            if (orders.Count == 0)
            {
                return raised;
            }

            var ids = orders.Select(o => o.Id).ToList();
            var existing = (await db.Set<SlaAlert>().Where(a => ids.Contains(a.WorkOrderId)).Select(a => new { a.WorkOrderId, a.Target, a.Level }).ToListAsync(cancellationToken))
                .Select(a => (a.WorkOrderId, a.Target, a.Level)).ToHashSet();
            var upgrades = await tracker.ApprovedUpgradesAsync(ids, cancellationToken);
            foreach (var order in orders)
            {
                var clocks = Running.Contains(order.State)
                    ? WorkOrderSla.Read(order, SlaPolicyResolver.Resolve(policies, order.Kind, order.Priority), calendar, now, upgrades)
                    : [];
                var snapshot = WorkOrderSla.Snapshot(clocks, calendar, now);
                order.TrackSla(snapshot.WarnAt, snapshot.DueAt, snapshot.NextThreshold);
                foreach (var clock in clocks)
                {
                    foreach (var level in LevelsReached(clock.Reading.Status))
                    {
                        if (existing.Add((order.Id, clock.Target, level)))
                        {
                            db.Add(SlaAlert.Raise(order, clock.Target, level, clock.Reading.Deadline, now));
                            raised++;
                        }
                    }
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            after = orders[^1].Id;
        }
    }

    /// <summary>A breach found without its warning (the job was down) raises both, so the history stays complete.</summary>
    private static SlaAlertLevel[] LevelsReached(SlaStatus status) => status switch
    {
        SlaStatus.Warning => [SlaAlertLevel.Warning],
        SlaStatus.Breached => [SlaAlertLevel.Warning, SlaAlertLevel.Breached],
        _ => [],
    };
}

/// <summary>Evaluates every tenant with running work orders, one tenant scope at a time.</summary>
[DisallowConcurrentExecution]
public sealed class EvaluateSlaJob(TenantScopes tenants, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new("evaluate-sla", "work-orders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var tenantId in await tenants.TenantsWithAsync<WorkOrder>(w => w.SlaCheckAt != null && w.SlaCheckAt <= now, cancellationToken))
        {
            await using var scope = tenants.For(tenantId);
            await scope.ServiceProvider.GetRequiredService<SlaEvaluator>().EvaluateAsync(cancellationToken);
        }
    }
}
