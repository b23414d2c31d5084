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
/// Reads the SLA clocks of a tenant's open work orders and raises an <see cref="SlaAlert"/> (and through it the
/// <see cref="SlaThresholdReached"/> event) the first time a clock is at risk or breached. Orders are read in pages by
/// id; each page commits its alerts on its own.
/// </summary>
public sealed class SlaEvaluator(CareLoopDbContext db, SlaSettingsHandler settings, TimeProvider time)
{
    private const int PageSize = 200;

    /// <summary>States where some clock may still be running (completed work only waits for the callback).</summary>
    public static readonly WorkOrderState[] Running =
        Enum.GetValues<WorkOrderState>().Where(s => s is not (WorkOrderState.Completed or WorkOrderState.CallbackPending or WorkOrderState.Closed or WorkOrderState.Cancelled)).ToArray();

    public async Task<int> EvaluateAsync(CancellationToken cancellationToken)
    {
        var (policies, calendar) = await settings.ConfigurationAsync(cancellationToken);
        var raised = 0;
        Guid? after = null;
        while (true)
        {
            var now = time.GetUtcNow();
            var orders = await db.Set<WorkOrder>().Include(w => w.Timeline)
                .Where(w => Running.Contains(w.State) && (after == null || w.Id.CompareTo(after.Value) > 0))
                .OrderBy(w => w.Id).Take(PageSize).AsSplitQuery().ToListAsync(cancellationToken);
            if (orders.Count == 0)
            {
                return raised;
            }

            var ids = orders.Select(o => o.Id).ToList();
            var existing = (await db.Set<SlaAlert>().Where(a => ids.Contains(a.WorkOrderId)).Select(a => new { a.WorkOrderId, a.Target, a.Level }).ToListAsync(cancellationToken))
                .Select(a => (a.WorkOrderId, a.Target, a.Level)).ToHashSet();
            foreach (var order in orders)
            {
                foreach (var clock in WorkOrderSla.Read(order, SlaPolicyResolver.Resolve(policies, order.Kind, order.Priority), calendar, now))
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
public sealed class EvaluateSlaJob(TenantScopes tenants) : IJob
{
    public static readonly JobKey Key = new("evaluate-sla", "work-orders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        foreach (var tenantId in await tenants.TenantsWithAsync<WorkOrder>(w => SlaEvaluator.Running.Contains(w.State), cancellationToken))
        {
            await using var scope = tenants.For(tenantId);
            await scope.ServiceProvider.GetRequiredService<SlaEvaluator>().EvaluateAsync(cancellationToken);
        }
    }
}
