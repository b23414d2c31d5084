using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Domain.Sla;
using CareLoop.Modules.WorkOrders.Features.SlaSettings;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders.Features.EvaluateSla;

/// <summary>
/// Reads a work order's SLA clocks with the tenant's calendar, policies and the order's approved upgrades, and keeps
/// the order's SLA columns (<see cref="WorkOrder.TrackSla"/>) in step after every change, so the list can filter by
/// risk and the SLA job looks only at orders with a threshold due.
/// </summary>
public sealed class SlaTracker(CareLoopDbContext db, SlaSettingsHandler settings, TimeProvider time)
{
    public async Task<IReadOnlyList<SlaClockReading>> ReadAsync(WorkOrder order, CancellationToken cancellationToken) =>
        (await ClocksAsync(order, withUpgrades: true, time.GetUtcNow(), cancellationToken)).Clocks;

    /// <summary>
    /// After a change (created, moved, upgrade approved): records where the running clocks stand; the SLA job looks
    /// at the order at once when a threshold is already reached (its alert may be new), else when the next one comes.
    /// </summary>
    public async Task TrackAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        // An order not yet saved has no approved upgrades: no need to ask (every platform order passes here).
        var isNew = db.Entry(order).State is EntityState.Detached or EntityState.Added;
        var now = time.GetUtcNow();
        var (clocks, calendar) = await ClocksAsync(order, withUpgrades: !isNew, now, cancellationToken);
        var snapshot = WorkOrderSla.Snapshot(clocks, calendar, now);
        order.TrackSla(snapshot.WarnAt, snapshot.DueAt, snapshot.Reached ? now : snapshot.NextThreshold);
    }

    private async Task<(IReadOnlyList<SlaClockReading> Clocks, BusinessCalendar Calendar)> ClocksAsync(
        WorkOrder order, bool withUpgrades, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (policies, calendar) = await settings.ConfigurationAsync(cancellationToken);
        var upgrades = withUpgrades ? await ApprovedUpgradesAsync([order.Id], cancellationToken) : [];
        return (WorkOrderSla.Read(order, SlaPolicyResolver.Resolve(policies, order.Kind, order.Priority), calendar, now, upgrades), calendar);
    }

    public async Task<IReadOnlyList<SlaUpgrade>> ApprovedUpgradesAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken) =>
        await db.Set<SlaUpgrade>().AsNoTracking()
            .Where(u => orderIds.Contains(u.WorkOrderId) && u.Status == SlaUpgradeStatus.Approved)
            .ToListAsync(cancellationToken);
}
