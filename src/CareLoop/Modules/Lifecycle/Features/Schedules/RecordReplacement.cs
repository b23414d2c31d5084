using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Lifecycle.Domain;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Lifecycle.Features.Schedules;

/// <summary>A replacement to record: which consumable (catalog code), how it became known (purchase, customerSaid), on which day (today when null).</summary>
public sealed record ReplacementRequest(string? ConsumableCode, string? Source, DateOnly? On = null);

public sealed record ScheduleView(Guid Id, ScheduleKind Kind, string ItemKey, string ItemName, int IntervalDays, DateOnly StartedOn, DateOnly DueOn, ScheduleState State, DateOnly? LastReplacedOn, string? LastReplacedBy);

/// <summary>
/// Restarts a consumable's interval on a replacement, whichever way it is learnt: a completed maintenance order that
/// carried it, a purchase, or the customer's word. An open call-list entry for it closes: there is nothing left to sell.
/// </summary>
public sealed class RecordReplacementHandler(CareLoopDbContext db, ICustomerDirectory customers, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<IReadOnlyList<ScheduleView>>> ScheduleAsync(Guid unitId, CancellationToken cancellationToken)
    {
        if (await customers.FindUnitAsync(unitId, cancellationToken) is null)
        {
            return Error.NotFound();
        }

        return Result<IReadOnlyList<ScheduleView>>.Success(await ViewsAsync(unitId, cancellationToken));
    }

    public async Task<Result<IReadOnlyList<ScheduleView>>> RecordAsync(ClaimsPrincipal actor, Guid unitId, ReplacementRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.LifecycleCall))
        {
            return Error.Forbidden();
        }

        if (await customers.FindUnitAsync(unitId, cancellationToken) is null)
        {
            return Error.NotFound();
        }

        var today = TimeDisplay.Today(time);
        var v = new Validation().Required("consumableCode", request.ConsumableCode).Required("source", request.Source);
        if (request.Source is { Length: > 0 } source && (source == ReplacementSources.WorkOrder || !ReplacementSources.All.Contains(source)))
        {
            v.Add("source", ErrorCodes.InvalidFormat);
        }

        if (request.On is { } on && on > today)
        {
            v.Add("on", ErrorCodes.InFuture);
        }

        var code = request.ConsumableCode?.Trim().ToUpperInvariant();
        var row = code is null ? null : await db.Set<LifecycleSchedule>()
            .SingleOrDefaultAsync(s => s.UnitId == unitId && s.Kind == ScheduleKind.Consumable && s.ItemKey == code, cancellationToken);
        if (code is { Length: > 0 } && row is null)
        {
            v.Add("consumableCode", LifecycleErrors.UnknownConsumable);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        await ApplyAsync([row!], request.On ?? today, request.Source!, cancellationToken);
        audit.Record("lifecycle.replacement-recorded", "RegisteredUnit", unitId.ToString(), new { code, request.Source, On = request.On ?? today });
        await db.SaveChangesAsync(cancellationToken);
        return Result<IReadOnlyList<ScheduleView>>.Success(await ViewsAsync(unitId, cancellationToken));
    }

    /// <summary>Resets the rows (tracked) and closes their open call-list entries but <paramref name="keep"/>, in the caller's unit of work.</summary>
    public async Task ApplyAsync(IReadOnlyCollection<LifecycleSchedule> rows, DateOnly on, string source, CancellationToken cancellationToken, Guid? keep = null)
    {
        var now = time.GetUtcNow();
        foreach (var row in rows)
        {
            row.Replaced(on, source, now);
        }

        var ids = rows.Select(r => r.Id).ToList();
        foreach (var entry in await db.Set<CallListEntry>().Where(e => ids.Contains(e.ScheduleId) && e.Status == EntryStatus.Open && e.Id != keep).ToListAsync(cancellationToken))
        {
            entry.Settle(now);
        }
    }

    private async Task<IReadOnlyList<ScheduleView>> ViewsAsync(Guid unitId, CancellationToken cancellationToken) =>
        await db.Set<LifecycleSchedule>().AsNoTracking().Where(s => s.UnitId == unitId).OrderBy(s => s.DueOn).ThenBy(s => s.ItemKey)
            .Select(s => new ScheduleView(s.Id, s.Kind, s.ItemKey, s.ItemName, s.IntervalDays, s.StartedOn, s.DueOn, s.State, s.LastReplacedOn, s.LastReplacedBy))
            .ToListAsync(cancellationToken);
}

/// <summary>
/// A completed maintenance order replaced the consumables its part lines name (<c>Name [CODE]</c>, as the call list
/// writes them, or the bare name or code an engineer typed): their intervals restart on the completion day.
/// </summary>
public sealed class ReplacementOnCompletion(CareLoopDbContext db, IMaintenanceOrders orders, RecordReplacementHandler replacements, TimeProvider time)
    : IOutboxHandler<WorkOrderTransitioned>
{
    public async Task HandleAsync(WorkOrderTransitioned domainEvent, OutboxContext context, CancellationToken cancellationToken)
    {
        if (domainEvent.To != WorkOrderState.Completed || await orders.CompletedWorkAsync(domainEvent.WorkOrderId, cancellationToken) is not { UnitId: { } unitId } work)
        {
            return;
        }

        var rows = await db.Set<LifecycleSchedule>().Where(s => s.UnitId == unitId && s.Kind == ScheduleKind.Consumable).ToListAsync(cancellationToken);
        var replaced = rows.Where(r => work.PartLines.Any(line => Names(line, r))).ToList();
        if (replaced.Count == 0)
        {
            return;
        }

        await replacements.ApplyAsync(replaced, TimeDisplay.DateOf(work.CompletedAt ?? time.GetUtcNow()), ReplacementSources.WorkOrder, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static bool Names(string line, LifecycleSchedule row) =>
        line.Contains($"[{row.ItemKey}]", StringComparison.OrdinalIgnoreCase) ||
        line.Trim().Equals(row.ItemKey, StringComparison.OrdinalIgnoreCase) ||
        line.Contains(row.ItemName, StringComparison.OrdinalIgnoreCase);
}
