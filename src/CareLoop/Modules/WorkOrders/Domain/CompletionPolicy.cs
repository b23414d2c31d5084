using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.WorkOrders.Domain;

/// <summary>
/// What completing a job of one kind needs, as a tenant set it: photos, the unit's barcode scanned equal to its
/// serial, a signature image, and the customer's 6-digit SMS code (核销码, proving the engineer was there). Kinds a
/// tenant has not set use <see cref="Default"/>.
/// </summary>
public sealed class CompletionPolicy : ITenantOwned
{
    public const int MaxPhotos = 20;

    private CompletionPolicy()
    {
    }

    public Guid TenantId { get; private set; }

    public WorkOrderKind Kind { get; private set; }

    public int MinPhotos { get; private set; }

    public bool RequiresBarcode { get; private set; }

    public bool RequiresSignature { get; private set; }

    public bool RequiresCustomerCode { get; private set; }

    /// <summary>
    /// The defaults: an installation shows at least four photos, the scanned barcode and the customer's code; an
    /// on-site repair one photo, the barcode and the code; maintenance one photo; guidance and mail-in nothing.
    /// </summary>
    public static CompletionRequirements Default(WorkOrderKind kind) => kind switch
    {
        WorkOrderKind.Installation => new(4, true, false, true),
        WorkOrderKind.OnSiteRepair => new(1, true, false, true),
        WorkOrderKind.Maintenance => new(1, false, false, false),
        _ => new(0, false, false, false),
    };

    public static CompletionPolicy Create(Guid tenantId, WorkOrderKind kind) => new() { TenantId = tenantId, Kind = kind };

    public CompletionRequirements Requirements => new(MinPhotos, RequiresBarcode, RequiresSignature, RequiresCustomerCode);

    public void Change(CompletionRequirements requirements)
    {
        MinPhotos = requirements.MinPhotos;
        RequiresBarcode = requirements.RequiresBarcode;
        RequiresSignature = requirements.RequiresSignature;
        RequiresCustomerCode = requirements.RequiresCustomerCode;
    }
}

/// <summary>What completing a job needs (see <see cref="CompletionPolicy"/>).</summary>
public sealed record CompletionRequirements(int MinPhotos, bool RequiresBarcode, bool RequiresSignature, bool RequiresCustomerCode);
