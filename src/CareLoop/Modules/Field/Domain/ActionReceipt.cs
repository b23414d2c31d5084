using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Field.Domain;

/// <summary>
/// Proof that an engineer's action with a client-generated idempotency key was carried out, and what came of it: a
/// resent post (offline outbox, double tap, retry after a timeout) gets this answer instead of acting twice. Unique
/// per tenant, user and key; saved in the same transaction as the action itself.
/// </summary>
public sealed class ActionReceipt : ITenantOwned
{
    public const int KeyMaxLength = 64;

    public const int ActionMaxLength = 20;

    public const int OutcomeMaxLength = 40;

    private ActionReceipt()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid UserId { get; private set; }

    public string Key { get; private set; } = "";

    /// <summary>What was done: accept, decline, grab, book, checkIn … (the endpoint's action name).</summary>
    public string Action { get; private set; } = "";

    public Guid WorkOrderId { get; private set; }

    /// <summary>What came of it: the order's state after a move (e.g. <c>Accepted</c>), or the id the action created.</summary>
    public string Outcome { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Records the outcome the action leads to, before the action's save commits it with the receipt.</summary>
    public void Settle(string outcome) => Outcome = outcome;

    public static ActionReceipt For(Guid userId, string key, string action, Guid workOrderId, string outcome, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(), UserId = userId, Key = key, Action = action, WorkOrderId = workOrderId, Outcome = outcome, CreatedAt = at,
    };

    /// <summary>Whether a resent request is the same action this key was first used for (a key is never reused for another).</summary>
    public bool Matches(string action, Guid workOrderId) => Action == action && WorkOrderId == workOrderId;
}
