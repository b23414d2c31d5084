using System.Security.Claims;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Modules.Settlement.Features.Statements;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Settlement.Features.Earnings;

/// <summary>One local day of the month: jobs completed, commission posted, jobs still waiting for their callback.</summary>
public sealed record EarningsDay(DateOnly Day, int JobsDone, long PostedFen, int PendingJobs);

/// <summary>
/// The engineer's earnings for a month: jobs done, posted commission (entries of the month) and jobs pending (completed,
/// callback not yet confirmed, so nothing posted), by day; the month's entries with their explanations; their statements.
/// </summary>
public sealed record EarningsView(
    int Period, int JobsDone, long PostedFen, int PendingJobs, IReadOnlyList<EarningsDay> Days, IReadOnlyList<EntryRow> Entries, IReadOnlyList<StatementRow> Statements);

public sealed class EarningsHandler(CareLoopDbContext db, IWorkOrderDesk workOrders, StatementsHandler statements, TimeProvider time)
{
    public async Task<Result<EarningsView>> MineAsync(ClaimsPrincipal actor, int? period, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.MobileUse) || actor.UserId() is not { } me)
        {
            return Error.Forbidden();
        }

        var month = period is { } p && Periods.IsValid(p) ? p : Periods.Of(time.GetUtcNow());
        var (from, to) = (Periods.Start(month), Periods.End(month));
        var completed = (await workOrders.CompletedByAsync(me, from, cancellationToken)).Where(j => j.CompletedAt < to).ToList();
        var completedIds = completed.Select(j => j.Id).ToList();
        var settled = (await db.Set<JobSettlement>().AsNoTracking().Where(j => completedIds.Contains(j.WorkOrderId)).Select(j => j.WorkOrderId).ToListAsync(cancellationToken)).ToHashSet();
        var entries = await statements.EntriesAsync(PartyKind.Engineer, me, month, cancellationToken);

        var days = completed.Select(j => TimeDisplay.DateOf(j.CompletedAt)).Concat(entries.Select(e => TimeDisplay.DateOf(e.PostedAt))).Distinct().OrderByDescending(d => d)
            .Select(d => new EarningsDay(
                d,
                completed.Count(j => TimeDisplay.DateOf(j.CompletedAt) == d),
                entries.Where(e => TimeDisplay.DateOf(e.PostedAt) == d).Sum(e => e.AmountFen),
                completed.Count(j => TimeDisplay.DateOf(j.CompletedAt) == d && !settled.Contains(j.Id))))
            .ToList();
        var mine = await statements.ListAsync(actor, null, PartyKind.Engineer, me, cancellationToken);
        return new EarningsView(month, completed.Count, entries.Sum(e => e.AmountFen), completed.Count(j => !settled.Contains(j.Id)), days,
            entries.OrderByDescending(e => e.PostedAt).ToList(), mine.IsSuccess ? mine.Value! : []);
    }
}
