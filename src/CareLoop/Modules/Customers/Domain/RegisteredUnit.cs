using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Customers.Domain;

public enum PurchaseChannel
{
    Tmall = 1,
    JD = 2,
    Douyin = 3,
    Offline = 4,
    Other = 5,
}

/// <summary>Who put the unit on file.</summary>
public enum RegistrationSource
{
    Staff = 1,

    /// <summary>The customer, on the brand's public registration page (QR on the product or typed serial).</summary>
    Customer = 2,

    /// <summary>A bulk import (CSV/XLSX) from a dealer, an e-commerce export or a legacy system.</summary>
    Import = 3,

    /// <summary>A paid order pushed by an e-commerce platform (Tmall, JD, Douyin) through the integration API.</summary>
    Platform = 4,
}

public enum ExtensionKind
{
    /// <summary>Bought by the customer (an extended-warranty order).</summary>
    Paid = 1,

    /// <summary>Granted by an agent as a courtesy; above the tenant's limit a supervisor must approve.</summary>
    Goodwill = 2,
}

public enum ExtensionStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>A product a customer owns: serial number (unique per brand), model, purchase facts and warranty extensions.</summary>
public sealed class RegisteredUnit : ITenantOwned, IVersioned
{
    private readonly List<WarrantyExtension> _extensions = [];
    private readonly List<OwnershipTransfer> _transfers = [];

    private RegisteredUnit()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string SerialNumber { get; private set; } = "";

    public Guid ModelId { get; private set; }

    public string Sku { get; private set; } = "";

    public Guid CustomerId { get; private set; }

    public DateOnly? PurchaseDate { get; private set; }

    public PurchaseChannel Channel { get; private set; }

    public string? OrderNumber { get; private set; }

    public DateOnly? DeliveryDate { get; private set; }

    public DateOnly? InstallDate { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public RegistrationSource Source { get; private set; } = RegistrationSource.Staff;

    /// <summary>The purchase invoice (a <c>StoredFile</c>): the proof the invoice-date start rule relies on.</summary>
    public Guid? InvoiceFileId { get; private set; }

    /// <summary>
    /// Set by the first transfer of a unit whose policy does not follow the owner: every cover ends the day before.
    /// </summary>
    public DateOnly? WarrantyVoidedOn { get; private set; }

    public IReadOnlyList<WarrantyExtension> Extensions => _extensions;

    public IReadOnlyList<OwnershipTransfer> Transfers => _transfers;

    public long Version { get; set; }

    public static RegisteredUnit Register(
        Guid tenantId, Guid customerId, string serial, Guid modelId, string sku, DateOnly? purchaseDate, PurchaseChannel channel,
        string? orderNumber, DateOnly? deliveryDate, DateOnly? installDate, DateTimeOffset now, RegistrationSource source = RegistrationSource.Staff) => new()
        {
            Source = source,
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            CustomerId = customerId,
            SerialNumber = NormalizeSerial(serial),
            ModelId = modelId,
            Sku = sku,
            PurchaseDate = purchaseDate,
            Channel = channel,
            OrderNumber = string.IsNullOrWhiteSpace(orderNumber) ? null : orderNumber.Trim(),
            DeliveryDate = deliveryDate,
            InstallDate = installDate,
            RegisteredAt = now,
        };

    public static string NormalizeSerial(string serial) => serial.Trim().ToUpperInvariant();

    /// <summary>What a unit bought online carries until the installer scans the real barcode (unique: it embeds the unit's id).</summary>
    public const string PendingSerialPrefix = "PENDING-";

    public bool IsSerialPending => SerialNumber.StartsWith(PendingSerialPrefix, StringComparison.Ordinal);

    /// <summary>A unit registered from an order whose shop did not know the serial: the placeholder stands in until the scan.</summary>
    public static RegisteredUnit RegisterPending(
        Guid tenantId, Guid customerId, Guid modelId, string sku, DateOnly purchaseDate, PurchaseChannel channel, string orderNumber, DateTimeOffset now)
    {
        var unit = Register(tenantId, customerId, "-", modelId, sku, purchaseDate, channel, orderNumber, null, null, now, RegistrationSource.Platform);
        unit.SerialNumber = PendingSerialPrefix + unit.Id.ToString("N").ToUpperInvariant();
        return unit;
    }

    /// <summary>The installer scanned the unit's barcode: it becomes the serial (only while the serial is still a placeholder).</summary>
    public void BindSerial(string serial)
    {
        if (!IsSerialPending)
        {
            throw new InvalidOperationException("Only a placeholder serial is replaced by a scan.");
        }

        SerialNumber = NormalizeSerial(serial);
    }

    public void AttachInvoice(Guid fileId) => InvoiceFileId = fileId;

    /// <summary>
    /// Hands the unit to another customer. When the model's warranty does not transfer, the cover ends the day
    /// before <paramref name="on"/>; a later transfer back does not revive it.
    /// </summary>
    public OwnershipTransfer TransferTo(Guid newOwner, DateOnly on, string reason, bool warrantyTransfers, Guid? by, DateTimeOffset now)
    {
        if (newOwner == CustomerId)
        {
            throw new InvalidOperationException("A unit cannot be transferred to its current owner.");
        }

        var transfer = OwnershipTransfer.Create(Id, CustomerId, newOwner, on, reason, warrantyTransfers, by, now);
        _transfers.Add(transfer);
        CustomerId = newOwner;
        if (!warrantyTransfers)
        {
            WarrantyVoidedOn ??= on;
        }

        return transfer;
    }

    /// <summary>A cover's last day once extensions and a voiding transfer are applied.</summary>
    public DateOnly EffectiveEnd(string scope, DateOnly policyEnd, string mainUnitScope)
    {
        var end = scope == mainUnitScope ? policyEnd.AddDays(ExtendedDays) : policyEnd;
        return WarrantyVoidedOn is { } voided && voided.AddDays(-1) < end ? voided.AddDays(-1) : end;
    }

    /// <summary>Approved extension days, added to the main unit's cover.</summary>
    public int ExtendedDays => _extensions.Where(e => e.Status == ExtensionStatus.Approved).Sum(e => e.Days);

    /// <summary>
    /// Records an extension. Paid ones and goodwill within <paramref name="goodwillLimitDays"/> are approved at once;
    /// larger goodwill waits for a supervisor unless the requester may approve it themself.
    /// </summary>
    public WarrantyExtension Extend(int days, ExtensionKind kind, string reason, Guid requestedBy, bool requesterMayApprove, int goodwillLimitDays, DateTimeOffset now)
    {
        var needsApproval = kind == ExtensionKind.Goodwill && days > goodwillLimitDays && !requesterMayApprove;
        var extension = WarrantyExtension.Create(Id, days, kind, reason, requestedBy, needsApproval ? null : requestedBy, now);
        _extensions.Add(extension);
        return extension;
    }
}

public sealed class WarrantyExtension
{
    private WarrantyExtension()
    {
    }

    public Guid Id { get; private set; }

    public Guid UnitId { get; private set; }

    public int Days { get; private set; }

    public ExtensionKind Kind { get; private set; }

    public string Reason { get; private set; } = "";

    public ExtensionStatus Status { get; private set; }

    public Guid RequestedBy { get; private set; }

    public Guid? DecidedBy { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    internal static WarrantyExtension Create(Guid unitId, int days, ExtensionKind kind, string reason, Guid requestedBy, Guid? approvedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UnitId = unitId,
        Days = days,
        Kind = kind,
        Reason = reason.Trim(),
        RequestedBy = requestedBy,
        RequestedAt = now,
        Status = approvedBy is null ? ExtensionStatus.Pending : ExtensionStatus.Approved,
        DecidedBy = approvedBy,
        DecidedAt = approvedBy is null ? null : now,
    };

    /// <summary>A supervisor decides a pending extension; deciding twice is refused.</summary>
    public bool Decide(bool approve, Guid supervisor, DateTimeOffset now)
    {
        if (Status != ExtensionStatus.Pending)
        {
            return false;
        }

        Status = approve ? ExtensionStatus.Approved : ExtensionStatus.Rejected;
        DecidedBy = supervisor;
        DecidedAt = now;
        return true;
    }
}

/// <summary>One change of owner: who from, who to, when, why, and whether the warranty went along.</summary>
public sealed class OwnershipTransfer
{
    private OwnershipTransfer()
    {
    }

    public Guid Id { get; private set; }

    public Guid UnitId { get; private set; }

    public Guid FromCustomerId { get; private set; }

    public Guid ToCustomerId { get; private set; }

    public DateOnly TransferredOn { get; private set; }

    public string Reason { get; private set; } = "";

    public bool WarrantyTransferred { get; private set; }

    public Guid? RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    internal static OwnershipTransfer Create(Guid unitId, Guid from, Guid to, DateOnly on, string reason, bool warrantyTransferred, Guid? by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UnitId = unitId,
        FromCustomerId = from,
        ToCustomerId = to,
        TransferredOn = on,
        Reason = reason.Trim(),
        WarrantyTransferred = warrantyTransferred,
        RecordedBy = by,
        RecordedAt = now,
    };
}
