using System.Security.Claims;
using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Settlement.Features.Statements;

public sealed record StatementRow(
    Guid Id, PartyKind PartyKind, Guid PartyId, string PartyName, int Period, long OpeningFen, long CreditsFen, long DebitsFen, long ClosingFen, int EntryCount,
    StatementState State, DateTimeOffset GeneratedAt, long Version);

/// <summary>One ledger entry as statements, the ledger API and the phone show it; <paramref name="Args"/> feed its localized explanation.</summary>
public sealed record EntryRow(
    Guid Id, PartyKind PartyKind, Guid PartyId, Guid? WorkOrderId, string? WorkOrderNumber, long AmountFen, string RuleCode, IReadOnlyList<string> Args,
    DateTimeOffset PostedAt, int Period, Guid? ReversesId, string? Reason);

public sealed record StatementView(StatementRow Statement, IReadOnlyList<EntryRow> Entries);

/// <summary>{ action: issue | confirm | pay, expectedVersion }.</summary>
public sealed record MoveStatementRequest(string? Action, long ExpectedVersion);

/// <summary>
/// Statements: lists (staff with the read permission see every party; a provider's admin the provider's and its engineers'; an engineer only their own), one statement with its
/// entries (the ledger's entries of the party in the month), and the one-step moves draft → issued → confirmed → paid.
/// </summary>
public sealed class StatementsHandler(CareLoopDbContext db, INetwork network, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<IReadOnlyList<StatementRow>>> ListAsync(ClaimsPrincipal actor, int? period, PartyKind? party, Guid? partyId, CancellationToken cancellationToken)
    {
        if (await ScopeAsync(actor, cancellationToken) is not { } scope)
        {
            return Error.Forbidden();
        }

        var query = db.Set<Statement>().AsNoTracking();
        if (!scope.All)
        {
            var engineers = scope.Engineers.ToList();
            var provider = scope.ProviderId;
            query = query.Where(s => (s.PartyKind == PartyKind.Engineer && engineers.Contains(s.PartyId)) || (s.PartyKind == PartyKind.Provider && s.PartyId == provider));
        }

        if (period is { } p)
        {
            query = query.Where(s => s.Period == p);
        }

        if (party is { } kind)
        {
            query = query.Where(s => s.PartyKind == kind);
        }

        if (partyId is { } id)
        {
            query = query.Where(s => s.PartyId == id);
        }

        var rows = await query.OrderByDescending(s => s.Period).ThenBy(s => s.PartyKind).ThenBy(s => s.PartyId).Take(5000).ToListAsync(cancellationToken);
        var names = await PartyNamesAsync(cancellationToken);
        return rows.Select(s => Row(s, names)).ToList();
    }

    /// <summary>A party's entries of a month, for those who may see that party's statements.</summary>
    public async Task<Result<IReadOnlyList<EntryRow>>> LedgerAsync(ClaimsPrincipal actor, PartyKind party, Guid partyId, int period, CancellationToken cancellationToken) =>
        await ScopeAsync(actor, cancellationToken) is { } scope && scope.Covers(party, partyId)
            ? Result<IReadOnlyList<EntryRow>>.Success(await EntriesAsync(party, partyId, period, cancellationToken))
            : Error.Forbidden();

    public async Task<Result<StatementView>> FindAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        var statement = await db.Set<Statement>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (statement is null || await ScopeAsync(actor, cancellationToken) is not { } scope || !scope.Covers(statement.PartyKind, statement.PartyId))
        {
            return Error.NotFound();
        }

        var entries = await EntriesAsync(statement.PartyKind, statement.PartyId, statement.Period, cancellationToken);
        return new StatementView(Row(statement, await PartyNamesAsync(cancellationToken)), entries);
    }

    public async Task<Result<StatementRow>> MoveAsync(ClaimsPrincipal actor, Guid id, MoveStatementRequest request, CancellationToken cancellationToken)
    {
        var next = request.Action switch
        {
            "issue" => StatementState.Issued,
            "confirm" => StatementState.Confirmed,
            "pay" => StatementState.Paid,
            _ => (StatementState?)null,
        };
        if (next is null)
        {
            return new Validation().Add("action", ErrorCodes.InvalidFormat).ToError()!;
        }

        var statement = await db.Set<Statement>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (statement is null || await ScopeAsync(actor, cancellationToken) is not { } scope || !scope.Covers(statement.PartyKind, statement.PartyId))
        {
            return Error.NotFound();
        }

        // The party confirms their own statement (an engineer theirs, a provider's admin the provider's); issuing and paying are the brand's.
        var ownConfirm = next == StatementState.Confirmed &&
            ((statement.PartyKind == PartyKind.Engineer && statement.PartyId == actor.UserId()) ||
             (statement.PartyKind == PartyKind.Provider && statement.PartyId == scope.ProviderId));
        if (!actor.HasPermission(Permissions.SettlementManage) && !ownConfirm)
        {
            return Error.Forbidden();
        }

        if (statement.Version != request.ExpectedVersion)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        if (!statement.MoveTo(next.Value, time.GetUtcNow()))
        {
            return new Error(SettlementErrors.IllegalStatementMove, 409) { Extensions = new Dictionary<string, object?> { ["state"] = statement.State.ToString().ToLowerInvariant() } };
        }

        audit.Record("settlement.statement-" + request.Action, nameof(Statement), statement.Id.ToString(), new { statement.Period, state = statement.State.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        return Row(statement, await PartyNamesAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<EntryRow>> EntriesAsync(PartyKind party, Guid partyId, int period, CancellationToken cancellationToken) =>
        (await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.PartyKind == party && e.PartyId == partyId && e.Period == period)
            .OrderBy(e => e.PostedAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken))
        .Select(ToRow).ToList();

    public static EntryRow ToRow(LedgerEntry e) =>
        new(e.Id, e.PartyKind, e.PartyId, e.WorkOrderId, e.WorkOrderNumber, e.AmountFen, e.RuleCode, e.ArgList, e.PostedAt, e.Period, e.ReversesId, e.Reason);

    /// <summary>Engineers' and providers' display names from the network (a party no longer there shows its id).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> PartyNamesAsync(CancellationToken cancellationToken)
    {
        var names = new Dictionary<Guid, string>();
        foreach (var engineer in (await network.SnapshotAsync(cancellationToken)).Engineers)
        {
            names[engineer.UserId] = engineer.Name;
            if (engineer.Contract is { } contract)
            {
                names[contract.ProviderId] = contract.ProviderName;
            }
        }

        return names;
    }

    /// <summary>
    /// Whose statements the actor may see: staff with the read permission every party's; a provider's admin the provider's
    /// and those of the engineers working from its stations (as the network has them now); an engineer their own; else null.
    /// </summary>
    private async Task<StatementScope?> ScopeAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (actor.HasPermission(Permissions.SettlementRead))
        {
            return StatementScope.Everything;
        }

        if (actor.UserId() is not { } me)
        {
            return null;
        }

        if (actor.HasPermission(Permissions.SettlementProvider) && await network.ProviderAdministeredByAsync(me, cancellationToken) is { } provider)
        {
            var engineers = (await network.SnapshotAsync(cancellationToken)).Engineers.Where(e => e.Contract?.ProviderId == provider).Select(e => e.UserId).ToHashSet();
            return new StatementScope(false, engineers, provider);
        }

        return actor.HasPermission(Permissions.MobileUse) ? new StatementScope(false, new HashSet<Guid> { me }, null) : null;
    }

    private sealed record StatementScope(bool All, IReadOnlySet<Guid> Engineers, Guid? ProviderId)
    {
        public static readonly StatementScope Everything = new(true, new HashSet<Guid>(), null);

        public bool Covers(PartyKind party, Guid partyId) =>
            All || (party == PartyKind.Engineer && Engineers.Contains(partyId)) || (party == PartyKind.Provider && partyId == ProviderId);
    }

    private static StatementRow Row(Statement s, IReadOnlyDictionary<Guid, string> names) => new(
        s.Id, s.PartyKind, s.PartyId, names.GetValueOrDefault(s.PartyId) ?? s.PartyId.ToString("N")[..8], s.Period, s.OpeningFen, s.CreditsFen, s.DebitsFen, s.ClosingFen,
        s.EntryCount, s.State, s.GeneratedAt, s.Version);
}
