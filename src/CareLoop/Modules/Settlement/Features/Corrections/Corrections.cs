using System.Security.Claims;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Modules.Staff.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Settlement.Features.Corrections;

public sealed record RequestCorrection(Guid EntryId, string? Reason);

public sealed record CorrectionView(Guid Id, Guid EntryId, string Reason, Guid RequestedBy, DateTimeOffset RequestedAt, Guid? ApprovedBy, Guid? ReversalId);

/// <summary>
/// Corrections never edit the ledger: a manager asks to reverse an entry with a reason; somebody else holding the approve
/// permission approves, and only then the reversing entry is posted (once per entry).
/// </summary>
public sealed class CorrectionsHandler(CareLoopDbContext db, IStaffDirectory staff, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<CorrectionView>> RequestAsync(ClaimsPrincipal actor, RequestCorrection request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettlementManage) || actor.UserId() is not { } me)
        {
            return Error.Forbidden();
        }

        var v = new Validation().Required("reason", request.Reason).MaxLength("reason", request.Reason, 500);
        var entry = await db.Set<LedgerEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.EntryId, cancellationToken);
        if (entry is null)
        {
            v.Add("entryId", ErrorCodes.NotFound);
        }
        else if (entry.RuleCode == RuleCodes.Reversal || await db.Set<LedgerEntry>().AnyAsync(e => e.ReversesId == entry.Id, cancellationToken))
        {
            v.Add("entryId", SettlementErrors.AlreadyReversed);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var correction = CorrectionRequest.Open(entry!.Id, request.Reason!, me, time.GetUtcNow());
        db.Add(correction);
        audit.Record("settlement.correction-requested", nameof(CorrectionRequest), correction.Id.ToString(), new { entry.Id, correction.Reason });
        await db.SaveChangesAsync(cancellationToken);
        return View(correction);
    }

    public async Task<Result<CorrectionView>> ApproveAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        var correction = await db.Set<CorrectionRequest>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (correction is null)
        {
            return Error.NotFound();
        }

        if (actor.UserId() is not { } me || !actor.HasPermission(Permissions.SettlementApprove) ||
            await staff.FindAsync(me, cancellationToken) is not { IsLocked: false })
        {
            return new Validation().Add("approver", SettlementErrors.ApproverRequired).ToError()!;
        }

        if (me == correction.RequestedBy)
        {
            return new Validation().Add("approver", SettlementErrors.ApproverIsRequester).ToError()!;
        }

        if (correction.ReversalId is not null)
        {
            return Error.Conflict(ErrorCodes.AlreadyDecided);
        }

        var entry = await db.Set<LedgerEntry>().AsNoTracking().SingleAsync(e => e.Id == correction.EntryId, cancellationToken);
        var reversal = entry.Reverse(correction.Reason, correction.RequestedBy, me, time.GetUtcNow());
        db.Add(reversal);
        correction.Approve(me, reversal.Id, time.GetUtcNow());
        audit.Record("settlement.correction-approved", nameof(CorrectionRequest), correction.Id.ToString(), new { entry = entry.Id, reversal = reversal.Id, reversal.AmountFen });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict(ErrorCodes.AlreadyDecided); // the entry was reversed by another approval (unique key)
        }

        return View(correction);
    }

    public async Task<Result<IReadOnlyList<CorrectionView>>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        actor.HasPermission(Permissions.SettlementRead)
            ? (await db.Set<CorrectionRequest>().AsNoTracking().OrderByDescending(c => c.RequestedAt).Take(500).ToListAsync(cancellationToken)).Select(View).ToList()
            : Error.Forbidden();

    private static CorrectionView View(CorrectionRequest c) => new(c.Id, c.EntryId, c.Reason, c.RequestedBy, c.RequestedAt, c.ApprovedBy, c.ReversalId);
}
