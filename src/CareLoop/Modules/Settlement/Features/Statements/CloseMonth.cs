using System.Security.Claims;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Settlement.Features.Statements;

public sealed record CloseMonthRequest(int Period);

/// <summary><paramref name="Generated"/>: statements written (drafts); <paramref name="Kept"/>: statements already issued or later, left as they are.</summary>
public sealed record CloseMonthResult(int Period, int Generated, int Kept, long ClosingTotalFen, double Milliseconds);

/// <summary>
/// Closes a month: one statement per party with entries in the month or a balance brought forward, computed by one
/// grouped query over the ledger (opening = every earlier entry, credits and debits = the month's), never entry by entry
/// in memory. Drafts of the month are replaced; statements already issued, confirmed or paid are kept. Only a month that
/// is over can be closed (its entries are final: postings go to the month they are posted in).
/// </summary>
public sealed class CloseMonthHandler(CareLoopDbContext db, ITenantContext tenant, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<CloseMonthResult>> HandleAsync(ClaimsPrincipal actor, CloseMonthRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettlementManage))
        {
            return Error.Forbidden();
        }

        var period = request.Period;
        if (!Periods.IsValid(period))
        {
            return new Validation().Add("period", ErrorCodes.InvalidFormat).ToError()!;
        }

        var now = time.GetUtcNow();
        if (Periods.End(period) > now)
        {
            return new Validation().Add("period", SettlementErrors.PeriodNotOver).ToError()!;
        }

        var started = time.GetTimestamp();
        var tenantId = tenant.RequireTenantId();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<Statement>().Where(s => s.Period == period && s.State == StatementState.Draft).ExecuteDeleteAsync(cancellationToken);
        var kept = await db.Set<Statement>().Where(s => s.Period == period).Select(s => new { s.PartyKind, s.PartyId }).ToListAsync(cancellationToken);
        var keep = kept.Select(k => (k.PartyKind, k.PartyId)).ToHashSet();

        var sums = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.Period <= period)
            .GroupBy(e => new { e.PartyKind, e.PartyId })
            .Select(g => new
            {
                g.Key.PartyKind,
                g.Key.PartyId,
                Opening = g.Sum(e => e.Period < period ? e.AmountFen : 0),
                Credits = g.Sum(e => e.Period == period && e.AmountFen > 0 ? e.AmountFen : 0),
                Debits = g.Sum(e => e.Period == period && e.AmountFen < 0 ? e.AmountFen : 0),
                Count = g.Sum(e => e.Period == period ? 1 : 0),
            })
            .ToListAsync(cancellationToken);

        var statements = sums
            .Where(s => (s.Count > 0 || s.Opening != 0) && !keep.Contains((s.PartyKind, s.PartyId)))
            .Select(s => Statement.Generate(tenantId, s.PartyKind, s.PartyId, period, s.Opening, s.Credits, s.Debits, s.Count, now))
            .ToList();
        db.AddRange(statements);
        audit.Record("settlement.month-closed", nameof(Statement), period.ToString(System.Globalization.CultureInfo.InvariantCulture), new { generated = statements.Count, kept = keep.Count });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new CloseMonthResult(period, statements.Count, keep.Count, statements.Sum(s => s.ClosingFen), time.GetElapsedTime(started).TotalMilliseconds);
    }
}
