using System.Security.Claims;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Modules.Settlement.Features.Statements;
using CareLoop.Modules.Staff.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Settlement.Features.Corrections;

/// <summary>{ entryId, reason, amountFen? }: reverse the entry, or <c>amountFen</c> (a positive magnitude, at most the entry's) of it.</summary>
public sealed record RequestCorrection(Guid EntryId, string? Reason, long? AmountFen = null);

/// <summary>
/// A correction as the approvals list shows it: the entry it corrects (party, order, rule, amount), how much is reversed
/// (<paramref name="AmountFen"/>, a positive magnitude), who asked and why, and the decision.
/// </summary>
public sealed record CorrectionView(
    Guid Id, Guid EntryId, string Reason, Guid RequestedBy, DateTimeOffset RequestedAt, Guid? ApprovedBy, Guid? ReversalId,
    long AmountFen = 0, CorrectionState State = CorrectionState.Pending, Guid? RejectedBy = null, string? RequesterName = null, string? PartyName = null,
    PartyKind? PartyKind = null, string? WorkOrderNumber = null, string? RuleCode = null, long EntryAmountFen = 0);

/// <summary>
/// Corrections never edit the ledger: a manager asks to reverse an entry (wholly or in part) with a reason; somebody else
/// holding the approve permission approves — only then the reversing entry is posted (once per entry) — or rejects it.
/// </summary>
public sealed class CorrectionsHandler(CareLoopDbContext db, IStaffDirectory staff, StatementsHandler statements, IAuditLog audit, TimeProvider time)
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
        else if (request.AmountFen is { } part && (part <= 0 || part > Math.Abs(entry.AmountFen)))
        {
            v.Add("amountFen", SettlementErrors.CorrectionAmountRange, new Money(Math.Abs(entry.AmountFen)).ToString());
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var amount = request.AmountFen is { } whole && whole == Math.Abs(entry!.AmountFen) ? null : request.AmountFen;
        var correction = CorrectionRequest.Open(entry!.Id, request.Reason!, amount, me, time.GetUtcNow());
        db.Add(correction);
        audit.Record("settlement.correction-requested", nameof(CorrectionRequest), correction.Id.ToString(), new { entry.Id, correction.Reason, correction.AmountFen });
        await db.SaveChangesAsync(cancellationToken);
        return View(correction, entry);
    }

    public async Task<Result<CorrectionView>> ApproveAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        var (correction, refused) = await DecidableAsync(actor, id, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var entry = await db.Set<LedgerEntry>().AsNoTracking().SingleAsync(e => e.Id == correction!.EntryId, cancellationToken);
        var me = actor.UserId()!.Value;
        var reversal = entry.Reverse(correction!.Reason, correction.RequestedBy, me, time.GetUtcNow(), correction.AmountFen);
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

        return View(correction, entry);
    }

    /// <summary>Turns the request down: nothing is posted. Same rule as approving: somebody else, holding the approve permission.</summary>
    public async Task<Result<CorrectionView>> RejectAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        var (correction, refused) = await DecidableAsync(actor, id, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        correction!.Reject(actor.UserId()!.Value, time.GetUtcNow());
        audit.Record("settlement.correction-rejected", nameof(CorrectionRequest), correction.Id.ToString(), new { entry = correction.EntryId });
        await db.SaveChangesAsync(cancellationToken);
        var entry = await db.Set<LedgerEntry>().AsNoTracking().SingleAsync(e => e.Id == correction.EntryId, cancellationToken);
        return View(correction, entry);
    }

    /// <summary>Correction requests, pending first, then newest first, with their entries and requesters' names.</summary>
    public async Task<Result<IReadOnlyList<CorrectionView>>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettlementRead))
        {
            return Error.Forbidden();
        }

        var corrections = await db.Set<CorrectionRequest>().AsNoTracking().OrderByDescending(c => c.RequestedAt).Take(500).ToListAsync(cancellationToken);
        var entryIds = corrections.Select(c => c.EntryId).Distinct().ToList();
        var entries = await db.Set<LedgerEntry>().AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var names = await statements.PartyNamesAsync(cancellationToken);
        var requesters = new Dictionary<Guid, string>();
        foreach (var userId in corrections.Select(c => c.RequestedBy).Distinct())
        {
            requesters[userId] = (await staff.FindAsync(userId, cancellationToken))?.DisplayName ?? "";
        }

        return corrections
            .Select(c => View(c, entries.GetValueOrDefault(c.EntryId)) with
            {
                RequesterName = requesters.GetValueOrDefault(c.RequestedBy),
                PartyName = entries.GetValueOrDefault(c.EntryId) is { } e ? names.GetValueOrDefault(e.PartyId) ?? e.PartyId.ToString("N")[..8] : null,
            })
            .OrderBy(c => c.State == CorrectionState.Pending ? 0 : 1).ThenByDescending(c => c.RequestedAt)
            .ToList();
    }

    /// <summary>The request if the actor may decide it now: it exists, is undecided, and the actor is somebody else holding the approve permission.</summary>
    private async Task<(CorrectionRequest? Correction, Error? Refused)> DecidableAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        var correction = await db.Set<CorrectionRequest>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (correction is null)
        {
            return (null, Error.NotFound());
        }

        if (actor.UserId() is not { } me || !actor.HasPermission(Permissions.SettlementApprove) ||
            await staff.FindAsync(me, cancellationToken) is not { IsLocked: false })
        {
            return (null, new Validation().Add("approver", SettlementErrors.ApproverRequired).ToError());
        }

        if (me == correction.RequestedBy)
        {
            return (null, new Validation().Add("approver", SettlementErrors.ApproverIsRequester).ToError());
        }

        return correction.State != CorrectionState.Pending ? (null, Error.Conflict(ErrorCodes.AlreadyDecided)) : (correction, null);
    }

    private static CorrectionView View(CorrectionRequest c, LedgerEntry? entry) => new(
        c.Id, c.EntryId, c.Reason, c.RequestedBy, c.RequestedAt, c.ApprovedBy, c.ReversalId, c.AmountFen ?? Math.Abs(entry?.AmountFen ?? 0), c.State, c.RejectedBy,
        PartyKind: entry?.PartyKind, WorkOrderNumber: entry?.WorkOrderNumber, RuleCode: entry?.RuleCode, EntryAmountFen: entry?.AmountFen ?? 0);
}
