using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Dispatch.Domain;
using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Dispatch.Features.Board;

/// <summary>An order in the dispatcher's queue, with why it is there (the last decision) and how close its SLA deadline is.</summary>
public sealed record QueuedOrderView(
    Guid Id, string Number, string Kind, string State, long Version, string Priority, string? RegionCode, string CustomerName, DateTimeOffset CreatedAt,
    DateTimeOffset? AppointmentStart, DateTimeOffset? SlaDueAt, bool AtRisk, string? LastOutcome, string? LastReason, bool Offered);

/// <summary>An engineer on the board: the day's load against capacity, on shift or not, and their open jobs.</summary>
public sealed record EngineerLoadView(
    Guid Id, string Name, string Station, bool IsActive, bool OnShift, string? Shift, int Load, int Capacity, double? Latitude, double? Longitude,
    IReadOnlyList<string> Districts, IReadOnlyList<string> Skills, IReadOnlyList<BoardJob> Jobs);

public sealed record BoardJob(Guid Id, string Number, string State, long Version, string? RegionCode, DateTimeOffset? AppointmentStart, DateTimeOffset? SlaDueAt);

/// <summary>What the dispatcher board shows: the queue (unassigned, with reasons) and the engineers' day.</summary>
public sealed class DispatchBoard(CareLoopDbContext db, IWorkOrderDesk desk, ICustomerDirectory customers, INetwork network, TimeProvider time)
{
    /// <summary>How close to its deadline an order counts as at risk on the board.</summary>
    public static readonly TimeSpan AtRiskWithin = TimeSpan.FromHours(2);

    public async Task<IReadOnlyList<QueuedOrderView>> QueueAsync(string? regionPrefix, CancellationToken cancellationToken)
    {
        var orders = await desk.UnassignedAsync(regionPrefix, 500, cancellationToken);
        var ids = orders.Select(o => o.Id).ToList();
        var decisions = await db.Set<DispatchDecision>().AsNoTracking().Where(d => ids.Contains(d.WorkOrderId))
            .Select(d => new { d.WorkOrderId, d.CreatedAt, d.Outcome, d.Reason }).ToListAsync(cancellationToken);
        var last = decisions.GroupBy(d => d.WorkOrderId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.CreatedAt)!);
        var offered = (await db.Set<GrabOffer>().AsNoTracking().Where(o => ids.Contains(o.WorkOrderId) && o.Status == GrabOfferStatus.Open)
            .Select(o => o.WorkOrderId).ToListAsync(cancellationToken)).ToHashSet();
        var names = await customers.NamesAsync(orders.Select(o => o.CustomerId).Distinct().ToList(), cancellationToken);
        var now = time.GetUtcNow();
        return orders.Select(o =>
        {
            var decision = last.GetValueOrDefault(o.Id);
            return new QueuedOrderView(o.Id, o.Number, Camel(o.Kind.ToString()), Camel(o.State.ToString()), o.Version, o.Priority, o.RegionCode,
                names.GetValueOrDefault(o.CustomerId) ?? "", o.CreatedAt, o.AppointmentStart, o.SlaDueAt, o.SlaDueAt is { } due && due - now <= AtRiskWithin,
                decision?.Outcome.ToString().ToLowerInvariant(), decision?.Reason, offered.Contains(o.Id));
        }).OrderByDescending(o => o.AtRisk).ThenBy(o => o.SlaDueAt ?? DateTimeOffset.MaxValue).ThenBy(o => o.CreatedAt).ToList();
    }

    public async Task<IReadOnlyList<EngineerLoadView>> EngineersAsync(DateOnly? day, string? regionPrefix, CancellationToken cancellationToken)
    {
        var date = day ?? TimeDisplay.Today(time);
        var snapshot = await network.SnapshotAsync(cancellationToken);
        var engineers = snapshot.Engineers
            .Where(e => string.IsNullOrWhiteSpace(regionPrefix) || e.Districts.Any(d => d.StartsWith(regionPrefix.Trim(), StringComparison.Ordinal)))
            .ToList();
        var ids = engineers.Select(e => e.UserId).ToList();
        var loads = await desk.LoadsAsync(ids, date, cancellationToken);
        var jobs = (await desk.AssignedToAsync(ids, cancellationToken)).ToLookup(j => j.AssigneeId!.Value);
        return engineers.Select(e =>
        {
            var shift = e.ShiftOn(date);
            var at = e.LastKnown ?? e.Home ?? e.Station;
            return new EngineerLoadView(e.UserId, e.Name, e.StationName, e.IsActive, shift is not null, shift?.ToString(), loads.GetValueOrDefault(e.UserId), e.DailyCapacity,
                at?.Latitude, at?.Longitude, e.Districts.Order(StringComparer.Ordinal).ToList(), e.Skills.Order(StringComparer.Ordinal).ToList(),
                jobs[e.UserId].Select(j => new BoardJob(j.Id, j.Number, Camel(j.State.ToString()), j.Version, j.RegionCode, j.AppointmentStart, j.SlaDueAt)).ToList());
        }).OrderByDescending(e => e.OnShift && e.IsActive).ThenBy(e => e.Station, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
