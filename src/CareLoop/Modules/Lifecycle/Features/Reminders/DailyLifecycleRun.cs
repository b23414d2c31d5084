using System.Globalization;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Lifecycle.Domain;
using CareLoop.Modules.Lifecycle.Features.Campaigns;
using CareLoop.Modules.Lifecycle.Features.Schedules;
using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CareLoop.Modules.Lifecycle.Features.Reminders;

/// <summary>What one day's run did in one tenant.</summary>
public sealed record DailyRunResult(DateOnly Day, int SchedulesAdded, int DueRowsRead, int RemindersSent, int RemindersSkipped, int MilestonesSent, int EntriesOpened, int EntriesJoinedCampaigns);

/// <summary>
/// The daily lifecycle computation for one tenant: follow the unit roster, remind customers whose consumables fall
/// due in the reminder window (one message per customer and day, whatever number of items), send the warranty and
/// tip milestones of the day, and put consumables past their due date on the call list. Every read is a range of
/// the (tenant, state, due date) index; a second run on the same day finds its claims and sends nothing.
/// </summary>
public sealed class DailyLifecycleRun(
    CareLoopDbContext db, ITenantContext tenant, ScheduleSync sync, IOutreach outreach, IUnitRoster roster, ICustomerDirectory customers, CampaignAudience audience,
    DatabaseProvider provider, TimeProvider time)
{
    /// <summary>Milestones whose day passed longer ago than this (a unit registered late, a missed run) are closed unsent.</summary>
    private const int MilestoneGraceDays = 3;

    private const int Batch = 1000;

    public async Task<DailyRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var added = await sync.RunAsync(cancellationToken);
        var templates = await sync.MessagesAsync(cancellationToken);
        var today = TimeDisplay.Today(time);

        // The widest lifecycle.reminder.{days} template is the window; without one, nobody is reminded (the call list still fills).
        var reminder = templates.Where(t => t.Kind == LifecycleMessageKind.Reminder).MaxBy(t => t.Days);
        var (read, sent, skipped) = reminder is null ? (0, 0, 0) : await RemindAsync(today, reminder, cancellationToken);
        var (milestonesRead, milestones) = await MilestonesAsync(today, templates, cancellationToken);
        var opened = await OpenCallListAsync(today, cancellationToken);
        var joined = await audience.AttachAsync(cancellationToken);
        return new DailyRunResult(today, added, read + milestonesRead, sent, skipped, milestones, opened, joined);
    }

    /// <summary>Consumables due within the window and not yet reminded: grouped per customer, one claim and one message each.</summary>
    private async Task<(int Read, int Sent, int Skipped)> RemindAsync(DateOnly today, LifecycleMessage reminder, CancellationToken cancellationToken)
    {
        var until = today.AddDays(reminder.Days);
        var due = await db.Set<LifecycleSchedule>().AsNoTracking()
            .Where(s => s.State == ScheduleState.Upcoming && s.DueOn >= today && s.DueOn <= until && s.Kind == ScheduleKind.Consumable)
            .Select(s => new DueRow(s.Id, s.CustomerId, s.UnitId, s.ItemName, s.DueOn))
            .ToListAsync(cancellationToken);
        var (sent, skipped) = await SendGroupedAsync("reminder", ContactPurpose.Reminder, reminder, today, due, cancellationToken);
        await SetStateAsync(due.Select(d => d.Id), ScheduleState.Upcoming, ScheduleState.Reminded, cancellationToken);
        return (due.Count, sent, skipped);
    }

    /// <summary>Warranty and tip milestones of the day (a few days' grace); older ones, and those whose template was deleted, close unsent.</summary>
    private async Task<(int Read, int Sent)> MilestonesAsync(DateOnly today, IReadOnlyList<LifecycleMessage> templates, CancellationToken cancellationToken)
    {
        var rows = await db.Set<LifecycleSchedule>().AsNoTracking()
            .Where(s => s.State == ScheduleState.Upcoming && s.DueOn <= today && s.Kind != ScheduleKind.Consumable)
            .Select(s => new DueRow(s.Id, s.CustomerId, s.UnitId, s.ItemKey, s.DueOn))
            .ToListAsync(cancellationToken);
        var byKey = templates.Where(t => t.ScheduleKind is not null).ToDictionary(t => t.Key, StringComparer.Ordinal);
        var timely = rows.Where(r => r.DueOn >= today.AddDays(-MilestoneGraceDays) && byKey.ContainsKey(r.Item)).ToList();
        var sent = 0;
        foreach (var byTemplate in timely.GroupBy(r => r.Item))
        {
            var template = byKey[byTemplate.Key];
            var purpose = template.Kind == LifecycleMessageKind.Tip ? ContactPurpose.Marketing : ContactPurpose.Reminder;
            sent += (await SendGroupedAsync(byTemplate.Key, purpose, template, today, byTemplate.ToList(), cancellationToken)).Sent;
        }

        await SetStateAsync(rows.Select(r => r.Id), ScheduleState.Upcoming, ScheduleState.Done, cancellationToken);
        return (rows.Count, sent);
    }

    /// <summary>
    /// Claims <c>{prefix}:{customer}:{day}</c> for every customer of <paramref name="rows"/> that has no claim yet (the
    /// unique key decides between two nodes), then sends one message per claim through the outreach port, a chunk at a time.
    /// </summary>
    private async Task<(int Sent, int Skipped)> SendGroupedAsync(
        string prefix, ContactPurpose purpose, LifecycleMessage template, DateOnly today, IReadOnlyList<DueRow> rows, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequireTenantId();
        var now = time.GetUtcNow();
        var (sent, skipped) = (0, 0);
        foreach (var chunk in rows.GroupBy(r => r.CustomerId).Chunk(Batch))
        {
            var keys = chunk.ToDictionary(g => Key(prefix, g.Key, today), g => g);
            var keyList = keys.Keys.ToList();
            var taken = (await db.Set<ReminderDispatch>().AsNoTracking().Where(r => keyList.Contains(r.DedupKey)).Select(r => r.DedupKey).ToListAsync(cancellationToken)).ToHashSet();
            var claims = keys.Where(k => !taken.Contains(k.Key))
                .Select(k => ReminderDispatch.Claim(tenantId, k.Key, k.Value.Key, today, k.Value.Select(r => r.Item).Distinct().ToList(), now)).ToList();
            skipped += taken.Count;
            db.AddRange(claims);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is System.Data.Common.DbException inner && provider.IsUniqueViolation(inner))
            {
                db.ChangeTracker.Clear(); // another node claimed some of these first: it sends them
                skipped += claims.Count;
                continue;
            }

            var names = claims.Count == 0 ? new Dictionary<Guid, string>() : await customers.NamesAsync(claims.Select(c => c.CustomerId).ToList(), cancellationToken);
            var messages = claims.Select(claim => new OutreachMessage(claim.CustomerId, purpose, template.Key,
                Parameters(template, keys[claim.DedupKey].ToList(), names.GetValueOrDefault(claim.CustomerId) ?? "", today), claim.DedupKey)).ToList();
            var receipts = await outreach.SendManyAsync(messages, cancellationToken);
            foreach (var (claim, receipt) in claims.Zip(receipts))
            {
                claim.Outcome(receipt.IsSuccess ? receipt.Value!.Status : "failed", receipt.IsSuccess ? receipt.Value!.ReasonCode : receipt.Error!.Code);
                if (receipt.IsSuccess && !receipt.Value!.Duplicate)
                {
                    sent++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return (sent, skipped);
    }

    /// <summary>Consumables past their due date, not replaced and not ordered: onto the call list, once per due date.</summary>
    private async Task<int> OpenCallListAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequireTenantId();
        var now = time.GetUtcNow();
        var opened = 0;
        while (true)
        {
            var rows = await db.Set<LifecycleSchedule>()
                .Where(s => (s.State == ScheduleState.Upcoming || s.State == ScheduleState.Reminded) && s.DueOn <= today && s.Kind == ScheduleKind.Consumable)
                .OrderBy(s => s.DueOn).Take(Batch).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return opened;
            }

            var facts = (await roster.FactsAsync(rows.Select(r => r.UnitId).Distinct().ToList(), cancellationToken)).ToDictionary(f => f.UnitId);
            var ids = rows.Select(r => r.Id).ToList();
            var listed = (await db.Set<CallListEntry>().AsNoTracking().Where(e => ids.Contains(e.ScheduleId)).Select(e => new { e.ScheduleId, e.DueOn }).ToListAsync(cancellationToken))
                .Select(e => (e.ScheduleId, e.DueOn)).ToHashSet();
            foreach (var row in rows)
            {
                var unit = facts.GetValueOrDefault(row.UnitId);
                if (unit is not null && unit.CustomerId != row.CustomerId)
                {
                    row.Owner(unit.CustomerId); // the unit changed hands: call its owner now
                }

                if (!listed.Contains((row.Id, row.DueOn)))
                {
                    db.Add(CallListEntry.Open(tenantId, row, unit?.DistrictCode, unit?.Tags ?? [], unit?.WarrantyEndsOn, now));
                    opened++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await SetStateAsync(ids, null, ScheduleState.Overdue, cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Set-based state change of many rows (no entity loaded), in chunks that fit a parameter list.</summary>
    private async Task SetStateAsync(IEnumerable<Guid> ids, ScheduleState? from, ScheduleState to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var chunk in ids.Chunk(Batch))
        {
            await db.Set<LifecycleSchedule>().Where(s => chunk.Contains(s.Id) && (from == null || s.State == from))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.State, to).SetProperty(s => s.UpdatedAt, now), cancellationToken);
        }
    }

    private static string Key(string prefix, Guid customerId, DateOnly day) => $"{prefix}:{customerId:N}:{day:yyyy-MM-dd}";

    private sealed record DueRow(Guid Id, Guid CustomerId, Guid UnitId, string Item, DateOnly DueOn);

    /// <summary>
    /// What the message's placeholders get (<see cref="LifecycleTemplateKeys.Fills"/>: the template store refuses others): the
    /// customer's name, the items due and the first due date (reminder), the warranty's last day (warranty), the day offset.
    /// </summary>
    private static Dictionary<string, string> Parameters(LifecycleMessage template, IReadOnlyList<DueRow> group, string customerName, DateOnly today)
    {
        var first = group.Min(r => r.DueOn);
        var parameters = new Dictionary<string, string>
        {
            ["customerName"] = customerName,
            ["days"] = template.Days.ToString(CultureInfo.InvariantCulture),
            ["units"] = string.Join(",", group.Select(r => r.UnitId).Distinct()),
        };
        switch (template.Kind)
        {
            case LifecycleMessageKind.Reminder:
                parameters["items"] = OutreachDedup.JoinItems(group.Select(r => r.Item));
                parameters["count"] = group.Select(r => r.Item).Distinct().Count().ToString(CultureInfo.InvariantCulture);
                parameters["dueDate"] = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                parameters["days"] = Math.Max(0, first.DayNumber - today.DayNumber).ToString(CultureInfo.InvariantCulture);
                break;
            case LifecycleMessageKind.Warranty:
                // The milestone row is due <days> before the warranty ends: the customer reads the end itself.
                parameters["warrantyEnd"] = parameters["dueDate"] = first.AddDays(template.Days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
        }

        return parameters;
    }
}

/// <summary>Quartz: every morning at 08:00 Shanghai time, the run for every tenant that has schedules or units waiting for them.</summary>
[DisallowConcurrentExecution]
public sealed class DailyLifecycleJob(TenantScopes tenants, IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("daily-lifecycle", "lifecycle");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        foreach (var tenantId in await TenantsAsync(cancellationToken))
        {
            await using var scope = tenants.For(tenantId);
            await scope.ServiceProvider.GetRequiredService<DailyLifecycleRun>().RunAsync(cancellationToken);
        }
    }

    /// <summary>Active brands: every one may have units to follow (their templates are created on first use).</summary>
    private async Task<IReadOnlyList<Guid>> TenantsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CareLoopDbContext>().Tenants.AsNoTracking()
            .Where(t => t.IsActive && t.Kind == TenantKind.Brand).Select(t => t.Id).ToListAsync(cancellationToken);
    }
}
