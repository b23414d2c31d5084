using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Integrations.Domain;

public enum PlatformOrderStatus
{
    Accepted = 1,
    Cancelled = 2,
}

/// <summary>
/// A platform order as received: unique per tenant, platform and platform order id (the idempotency key, enforced by
/// the database, so concurrent duplicates cannot both win), the work orders it opened, and the raw payload encrypted
/// (it carries the buyer's phone and address) for audit and replay.
/// </summary>
public sealed class PlatformOrder : ITenantOwned
{
    private PlatformOrder()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Platform { get; private set; } = "";

    public string PlatformOrderId { get; private set; } = "";

    public string ShopId { get; private set; } = "";

    public string KeyId { get; private set; } = "";

    public DateTimeOffset PaidAt { get; private set; }

    public Guid CustomerId { get; private set; }

    /// <summary>Comma-separated ids of the work orders opened, in item order (what a duplicate gets back).</summary>
    public string WorkOrderIds { get; private set; } = "";

    public PlatformOrderStatus Status { get; private set; }

    public string PayloadCipher { get; private set; } = "";

    public DateTimeOffset ReceivedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? CancelReason { get; private set; }

    public IReadOnlyList<Guid> WorkOrders => ParseIds(WorkOrderIds);

    /// <summary>The ids of <see cref="WorkOrderIds"/> (also for queries that project the column alone).</summary>
    public static IReadOnlyList<Guid> ParseIds(string workOrderIds) => workOrderIds.Length == 0 ? [] : workOrderIds.Split(',').Select(Guid.Parse).ToList();

    public static PlatformOrder Accept(
        Guid tenantId, string platform, string platformOrderId, string shopId, string keyId, DateTimeOffset paidAt, Guid customerId,
        IReadOnlyList<Guid> workOrders, string payloadCipher, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        Platform = platform,
        PlatformOrderId = platformOrderId,
        ShopId = shopId,
        KeyId = keyId,
        PaidAt = paidAt,
        CustomerId = customerId,
        WorkOrderIds = string.Join(',', workOrders),
        Status = PlatformOrderStatus.Accepted,
        PayloadCipher = payloadCipher,
        ReceivedAt = now,
    };

    public void Cancel(string reason, DateTimeOffset now)
    {
        Status = PlatformOrderStatus.Cancelled;
        CancelledAt ??= now;
        CancelReason = reason;
    }
}

public enum RejectionStatus
{
    Open = 1,
    Replayed = 2,
    Dismissed = 3,
}

/// <summary>
/// A signed order the content checks refused (unknown SKU, bad region, bad phone): kept encrypted with its errors so an
/// administrator can fix master data and replay it; the shop got its 422 and may also resend.
/// </summary>
public sealed class RejectedOrder : ITenantOwned
{
    private RejectedOrder()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string KeyId { get; private set; } = "";

    public string? Platform { get; private set; }

    public string? PlatformOrderId { get; private set; }

    public string PayloadCipher { get; private set; } = "";

    /// <summary>The field errors as <c>field:code</c> lines, each followed by its message arguments (see <see cref="RefusalReasons"/>).</summary>
    public string Errors { get; private set; } = "";

    public DateTimeOffset ReceivedAt { get; private set; }

    public RejectionStatus Status { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? ResolvedBy { get; private set; }

    public static RejectedOrder Record(Guid tenantId, string keyId, string? platform, string? platformOrderId, string payloadCipher, string errors, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        KeyId = keyId,
        Platform = platform,
        PlatformOrderId = platformOrderId is { Length: > 64 } ? platformOrderId[..64] : platformOrderId,
        PayloadCipher = payloadCipher,
        Errors = Truncate(errors),
        ReceivedAt = now,
        Status = RejectionStatus.Open,
    };

    public bool IsOpen => Status == RejectionStatus.Open;

    /// <summary>Replayed after master data was fixed (or the shop resent it): the order now exists.</summary>
    public void MarkReplayed(string by, DateTimeOffset now) => Close(RejectionStatus.Replayed, by, now);

    /// <summary>Set aside by an administrator: not worth replaying (a test order, junk, a duplicate the shop resent fixed).</summary>
    public void Dismiss(string by, DateTimeOffset now) => Close(RejectionStatus.Dismissed, by, now);

    /// <summary>A replay was refused again: it stays open, with the reasons of this latest attempt.</summary>
    public void RefusedAgain(string errors)
    {
        EnsureOpen();
        Errors = Truncate(errors);
    }

    private void Close(RejectionStatus status, string by, DateTimeOffset now)
    {
        EnsureOpen();
        Status = status;
        ResolvedAt = now;
        ResolvedBy = by.Length > 256 ? by[..256] : by;
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"Rejected order {Id} is {Status}, not open.");
        }
    }

    private static string Truncate(string errors) => errors.Length > 4000 ? errors[..4000] : errors;
}
