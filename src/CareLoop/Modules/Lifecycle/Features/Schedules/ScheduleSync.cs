using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Lifecycle.Domain;
using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Lifecycle.Features.Schedules;

/// <summary>
/// Keeps schedules in step with the unit roster: walks the units registered since the tenant's cursor (every
/// registration path, and every existing unit the first time: the backfill) and adds a row per consumable of the
/// unit's model, per warranty-expiry and per usage-tip template of the Outreach store (<c>lifecycle.warranty.30</c>,
/// <c>lifecycle.tip.3</c>). Rows that exist are left alone, so walking again is safe.
/// </summary>
public sealed class ScheduleSync(CareLoopDbContext db, ITenantContext tenant, IUnitRoster roster, ICatalog catalog, IOutreach outreach, TimeProvider time)
{
    private const int PageSize = 500;

    /// <summary>Follows the roster to its end; returns the rows added.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequireTenantId();
        var now = time.GetUtcNow();
        var cursor = await db.Set<ScheduleCursor>().SingleOrDefaultAsync(cancellationToken);
        if (cursor is null)
        {
            // The tenant's first run: its default lifecycle templates join the Outreach store (a key it has already is kept).
            foreach (var (key, text, providerTemplateId) in LifecycleTemplateKeys.Defaults)
            {
                await outreach.EnsureTemplateAsync(key, text, providerTemplateId, cancellationToken);
            }

            cursor = ScheduleCursor.Start(tenantId, now);
            db.Add(cursor);
        }

        var templates = await MessagesAsync(cancellationToken);
        cursor.Follow(templates.Where(t => t.ScheduleKind is not null).Select(t => t.Key));

        var models = new Dictionary<Guid, ModelInfo?>();
        var added = 0;
        while (true)
        {
            var units = await roster.RegisteredSinceAsync(cursor.At, cursor.SkipAtAt, PageSize, cancellationToken);
            if (units.Count == 0)
            {
                break;
            }

            var unitIds = units.Select(u => u.UnitId).ToList();
            var existing = (await db.Set<LifecycleSchedule>().AsNoTracking().Where(s => unitIds.Contains(s.UnitId))
                .Select(s => new { s.UnitId, s.Kind, s.ItemKey }).ToListAsync(cancellationToken))
                .Select(s => (s.UnitId, s.Kind, s.ItemKey)).ToHashSet();
            foreach (var unit in units)
            {
                if (!models.TryGetValue(unit.ModelId, out var model))
                {
                    models[unit.ModelId] = model = await catalog.FindModelAsync(unit.ModelId, cancellationToken);
                }

                foreach (var row in RowsFor(tenantId, unit, model, templates, now).Where(r => !existing.Contains((r.UnitId, r.Kind, r.ItemKey))))
                {
                    db.Add(row);
                    added++;
                }
            }

            var last = units[^1].RegisteredAt;
            cursor.Advance(last, units.Count(u => u.RegisteredAt == last));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            db.Attach(cursor);
            if (units.Count < PageSize)
            {
                break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    /// <summary>The tenant's lifecycle templates, read by key from the Outreach store (keys this module does not understand are ignored).</summary>
    public async Task<IReadOnlyList<LifecycleMessage>> MessagesAsync(CancellationToken cancellationToken) =>
        (await outreach.TemplateKeysAsync(LifecycleTemplateKeys.Prefix, cancellationToken)).Select(LifecycleTemplateKeys.Parse).OfType<LifecycleMessage>().ToList();

    /// <summary>What one unit is due for: each consumable from the day its life started; each milestone on its template's day.</summary>
    public static IEnumerable<LifecycleSchedule> RowsFor(Guid tenantId, UnitLifecycleFacts unit, ModelInfo? model, IEnumerable<LifecycleMessage> templates, DateTimeOffset now)
    {
        foreach (var c in model?.Consumables.Where(c => c.IntervalDays > 0) ?? [])
        {
            yield return LifecycleSchedule.ForConsumable(tenantId, unit.UnitId, unit.CustomerId, unit.ModelId, c.Code, c.Name, c.IntervalDays, unit.StartedOn, now);
        }

        foreach (var t in templates)
        {
            if (t.Kind == LifecycleMessageKind.Tip)
            {
                yield return LifecycleSchedule.ForMilestone(tenantId, unit.UnitId, unit.CustomerId, unit.ModelId, ScheduleKind.UsageTip, t.Key, unit.StartedOn, unit.StartedOn.AddDays(t.Days), now);
            }
            else if (t.Kind == LifecycleMessageKind.Warranty && unit.WarrantyEndsOn is { } end)
            {
                yield return LifecycleSchedule.ForMilestone(tenantId, unit.UnitId, unit.CustomerId, unit.ModelId, ScheduleKind.WarrantyExpiry, t.Key, unit.StartedOn, end.AddDays(-t.Days), now);
            }
        }
    }
}
