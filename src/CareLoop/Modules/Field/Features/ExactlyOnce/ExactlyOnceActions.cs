using System.Data.Common;
using CareLoop.Modules.Field.Domain;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Field.Features.ExactlyOnce;

/// <summary>An action's outcome, and whether this answer is a replay of the first one (the key had been used).</summary>
public sealed record Once(string Outcome, bool Replayed);

/// <summary>
/// Carries out an engineer's action exactly once per idempotency key (ADR 0020), for every action the phone posts
/// (accept, book, check in, photos, complete, pay …). The receipt is staged in the unit of work before the action
/// runs, so the action's own save commits both in one transaction (or neither); an action that only stages changes
/// is saved here. A resend finds the receipt and gets the first answer; two resends racing each other meet at the
/// receipt's unique key, and the loser reads the winner's.
/// </summary>
public sealed class ExactlyOnceActions(CareLoopDbContext db, DatabaseProvider provider, TimeProvider time)
{
    /// <param name="act">
    /// Does the action and returns its outcome (at most <see cref="ActionReceipt.OutcomeMaxLength"/> characters, e.g. the
    /// order's new state or the id it created). When it saves the unit of work itself it must call
    /// <see cref="ActionReceipt.Settle(string)"/> with the outcome first, so the receipt commits with it.
    /// </param>
    public async Task<Result<Once>> RunAsync(
        Guid userId, string key, string action, Guid workOrderId, Func<ActionReceipt, Task<Result<string>>> act, CancellationToken cancellationToken)
    {
        if (await ReceiptAsync(userId, key, cancellationToken) is { } done)
        {
            return Replay(done, action, workOrderId);
        }

        var receipt = ActionReceipt.For(userId, key, action, workOrderId, "", time.GetUtcNow());
        db.Add(receipt);
        try
        {
            var result = await act(receipt);
            if (result.IsSuccess)
            {
                // Staged only (the action saved nothing), or settled after the action's save with what it created (a photo's id).
                if (db.Entry(receipt).State is EntityState.Added or EntityState.Modified)
                {
                    receipt.Settle(result.Value!);
                    await db.SaveChangesAsync(cancellationToken);
                }

                return new Once(result.Value!, Replayed: false);
            }

            await ForgetAsync(receipt, cancellationToken);
            // A conflict may be our own twin that got there first: then its answer is ours.
            return result.Error!.Status == 409 && await ReceiptAsync(userId, key, cancellationToken) is { } twin ? Replay(twin, action, workOrderId) : result.Error!;
        }
        catch (DbUpdateException e) when (e.InnerException is DbException inner && provider.IsUniqueViolation(inner))
        {
            db.ChangeTracker.Clear();
            if (await ReceiptAsync(userId, key, cancellationToken) is { } twin)
            {
                return Replay(twin, action, workOrderId);
            }

            throw;
        }
    }

    /// <summary>
    /// The first answer when this key was already used (null when not): for an action whose checks depend on the state
    /// it changes (a booking turns into a rebooking), so a resend is answered before those checks refuse it.
    /// </summary>
    public async Task<Result<Once>?> ReplayAsync(Guid userId, string key, string action, Guid workOrderId, CancellationToken cancellationToken) =>
        await ReceiptAsync(userId, key, cancellationToken) is { } done ? Replay(done, action, workOrderId) : (Result<Once>?)null;

    private Task<ActionReceipt?> ReceiptAsync(Guid userId, string key, CancellationToken cancellationToken) =>
        db.Set<ActionReceipt>().AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, cancellationToken);

    private static Result<Once> Replay(ActionReceipt receipt, string action, Guid workOrderId) =>
        receipt.Matches(action, workOrderId) ? new Once(receipt.Outcome, Replayed: true) : Error.Conflict(ErrorCodes.IdempotencyKeyReused);

    /// <summary>
    /// A refused action leaves no receipt, so the key reads as "not done". Usually it was only staged; but a refusal
    /// that saved something on its way (a wrong completion code counts as a try) committed the receipt with it: delete it.
    /// </summary>
    private async Task ForgetAsync(ActionReceipt receipt, CancellationToken cancellationToken)
    {
        var entry = db.Entry(receipt);
        if (entry.State is EntityState.Unchanged or EntityState.Modified)
        {
            db.Remove(receipt);
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (entry.State != EntityState.Detached)
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>The idempotency key the phone sends with every action: required, at most <see cref="ActionReceipt.KeyMaxLength"/> characters.</summary>
    public static Validation CheckKey(Validation validation, string? key) =>
        validation.Required("idempotencyKey", key).MaxLength("idempotencyKey", key, ActionReceipt.KeyMaxLength);
}
