using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Settlement.Domain;

public enum StatementState
{
    Draft = 1,
    Issued = 2,
    Confirmed = 3,
    Paid = 4,
}

/// <summary>
/// A party's monthly statement: the balance brought forward, the month's credits and debits, the closing balance and
/// how many entries made them — all sums of the ledger (the entries themselves stay in the ledger, read by period).
/// Draft → issued → confirmed → paid, one step at a time; a draft is regenerated when the month is closed again.
/// </summary>
public sealed class Statement : ITenantOwned, IVersioned
{
    private Statement()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public PartyKind PartyKind { get; private set; }

    public Guid PartyId { get; private set; }

    public int Period { get; private set; }

    public long OpeningFen { get; private set; }

    public long CreditsFen { get; private set; }

    /// <summary>The month's negative entries (a negative number).</summary>
    public long DebitsFen { get; private set; }

    public long ClosingFen { get; private set; }

    public int EntryCount { get; private set; }

    public StatementState State { get; private set; }

    public DateTimeOffset GeneratedAt { get; private set; }

    public DateTimeOffset? IssuedAt { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public long Version { get; set; }

    public static Statement Generate(Guid tenantId, PartyKind party, Guid partyId, int period, long opening, long credits, long debits, int count, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at), TenantId = tenantId, PartyKind = party, PartyId = partyId, Period = period, OpeningFen = opening, CreditsFen = credits,
        DebitsFen = debits, ClosingFen = opening + credits + debits, EntryCount = count, State = StatementState.Draft, GeneratedAt = at,
    };

    /// <summary>Moves one step forward (issue, confirm, pay); false (and unchanged) for any other move.</summary>
    public bool MoveTo(StatementState next, DateTimeOffset at)
    {
        if ((int)next != (int)State + 1)
        {
            return false;
        }

        State = next;
        switch (next)
        {
            case StatementState.Issued:
                IssuedAt = at;
                break;
            case StatementState.Confirmed:
                ConfirmedAt = at;
                break;
            case StatementState.Paid:
                PaidAt = at;
                break;
        }

        return true;
    }
}

public enum CorrectionState
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>
/// A request to reverse a ledger entry, wholly or in part (<see cref="AmountFen"/>): who asked and why; posted only when
/// someone else with the approve permission approves it; somebody else may also reject it. Decided once.
/// </summary>
public sealed class CorrectionRequest : ITenantOwned
{
    private CorrectionRequest()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid EntryId { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>How much of the entry to cancel, in 分, as a positive magnitude; null: all of it (requests made before partial corrections).</summary>
    public long? AmountFen { get; private set; }

    public Guid RequestedBy { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public Guid? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public Guid? ReversalId { get; private set; }

    public Guid? RejectedBy { get; private set; }

    public DateTimeOffset? RejectedAt { get; private set; }

    public CorrectionState State => ReversalId is not null ? CorrectionState.Approved : RejectedBy is not null ? CorrectionState.Rejected : CorrectionState.Pending;

    public static CorrectionRequest Open(Guid entryId, string reason, long? amountFen, Guid requestedBy, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at), EntryId = entryId, Reason = reason.Trim(), AmountFen = amountFen, RequestedBy = requestedBy, RequestedAt = at,
    };

    public void Approve(Guid approver, Guid reversalId, DateTimeOffset at)
    {
        ApprovedBy = approver;
        ApprovedAt = at;
        ReversalId = reversalId;
    }

    public void Reject(Guid by, DateTimeOffset at)
    {
        RejectedBy = by;
        RejectedAt = at;
    }
}
