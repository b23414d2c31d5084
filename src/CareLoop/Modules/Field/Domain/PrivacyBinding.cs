using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Field.Domain;

/// <summary>How a privacy-number binding ended.</summary>
public enum PrivacyBindingRelease
{
    /// <summary>The provider freed the secret number on our <c>UnbindSubscription</c>.</summary>
    Unbound = 1,

    /// <summary>The provider no longer knew it (expired, or freed by an earlier attempt whose commit was lost): nothing left to free.</summary>
    AlreadyFree = 2,
}

/// <summary>
/// A privacy-number (AXB) binding made for an engineer calling the customer of a job: what is needed to unbind it
/// (pool, subscription id, secret number) and whether it was released. Bound when the engineer asks for the number
/// (ADR 0021), released once when the job is completed or cancelled (ADR 0021, "Unbinding"). The parties' numbers are
/// not kept here: the provider has them, and the audit entry of the binding names the job.
/// </summary>
public sealed class PrivacyBinding : ITenantOwned
{
    public const int SubsIdMaxLength = 64;
    public const int PoolKeyMaxLength = 64;
    public const int SecretNoMaxLength = 20;

    private PrivacyBinding()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid WorkOrderId { get; private set; }

    /// <summary>The engineer (A of the binding).</summary>
    public Guid EngineerId { get; private set; }

    public string PoolKey { get; private set; } = "";

    public string SubsId { get; private set; } = "";

    /// <summary>X, E.164.</summary>
    public string SecretNo { get; private set; } = "";

    public DateTimeOffset BoundAt { get; private set; }

    public DateTimeOffset Expiration { get; private set; }

    public DateTimeOffset? ReleasedAt { get; private set; }

    public PrivacyBindingRelease? Release { get; private set; }

    /// <summary>The job's event that released it (e.g. <c>complete</c>, <c>cancel</c>).</summary>
    public string? ReleasedOn { get; private set; }

    public bool IsReleased => ReleasedAt is not null;

    public static PrivacyBinding Bound(Guid workOrderId, Guid engineerId, string poolKey, string subsId, string secretNo, DateTimeOffset expiration, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        WorkOrderId = workOrderId,
        EngineerId = engineerId,
        PoolKey = poolKey,
        SubsId = subsId,
        SecretNo = secretNo,
        BoundAt = now,
        Expiration = expiration,
    };

    /// <summary>The provider bound the same pair again (same subscription): it lives longer.</summary>
    public void Extend(DateTimeOffset expiration) => Expiration = expiration;

    public void Released(PrivacyBindingRelease how, string action, DateTimeOffset at)
    {
        if (IsReleased)
        {
            throw new InvalidOperationException($"Privacy binding {SubsId} was already released.");
        }

        (Release, ReleasedOn, ReleasedAt) = (how, action, at);
    }
}
