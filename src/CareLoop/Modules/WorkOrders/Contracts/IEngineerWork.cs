using System.Security.Claims;
using CareLoop.Platform.Files;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.WorkOrders.Contracts;

/// <summary>
/// The work the engineer records on site for one of their own jobs (the phone's work screen): the diagnosis, charge
/// lines, photos and the unit's barcode. Another engineer's job does not exist (null / not found). Every write saves
/// the caller's unit of work with it (so a receipt the caller staged commits with the write, or not at all), and is
/// refused once the job is completed. The caller checks what belongs to other modules (fault code in the unit's
/// category, part in the model's BOM); this contract checks the rest (warranty, price list, serial, file rules).
/// </summary>
public interface IEngineerWork
{
    /// <summary>The job's work sheet as it is now; null when it is not the engineer's.</summary>
    Task<WorkSheetFacts?> SheetAsync(ClaimsPrincipal engineer, Guid id, CancellationToken cancellationToken);

    /// <summary>Records the diagnosed fault (<paramref name="faultCode"/>: its code and path as shown) and the notes.</summary>
    Task<Result<WorkOrderRef>> DiagnoseAsync(ClaimsPrincipal engineer, Guid id, Guid faultCodeId, string faultCode, string? notes, CancellationToken cancellationToken);

    /// <summary>Adds a part line at the given price; covered when the unit is under warranty (the charges rules decide).</summary>
    Task<Result<WorkOrderRef>> AddPartAsync(ClaimsPrincipal engineer, Guid id, string description, int quantity, long unitPriceFen, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the labour or visit-fee line priced by the tenant's price list for the job's kind; once per job (a second is
    /// a <c>kind</c> field error <c>duplicate</c>).
    /// </summary>
    Task<Result<WorkOrderRef>> AddFeeAsync(ClaimsPrincipal engineer, Guid id, WorkFee fee, CancellationToken cancellationToken);

    /// <summary>Adds a site photo (sanitized, with a thumbnail, under the evidence size limit); returns the attachment's id.</summary>
    Task<Result<Guid>> AttachPhotoAsync(ClaimsPrincipal engineer, Guid id, Upload upload, CancellationToken cancellationToken);

    /// <summary>
    /// Records the unit's barcode: it must equal the unit's serial (else a <c>barcode</c> error <c>serial_mismatch</c>
    /// with both values), or becomes the serial of a unit still waiting for one. <paramref name="manual"/>: typed in
    /// because the label would not scan, which needs a <c>reason</c>.
    /// </summary>
    Task<Result<WorkOrderRef>> RecordBarcodeAsync(ClaimsPrincipal engineer, Guid id, string? barcode, bool manual, string? reason, CancellationToken cancellationToken);
}

public static class EngineerWorkLimits
{
    /// <summary>The largest photo the server takes (the evidence limit); the phone downscales until its photos fit.</summary>
    public const long MaxPhotoBytes = Features.AttachEvidence.AttachEvidenceHandler.MaxBytes;
}

public enum WorkFee
{
    Labour = 2,
    VisitFee = 3,
}

public enum WorkLineKind
{
    Part = 1,
    Labour = 2,
    VisitFee = 3,
    Shipping = 4,
}

/// <summary>One charge line in 分; covered lines are the brand's.</summary>
public sealed record WorkLine(Guid Id, WorkLineKind Kind, string Description, int Quantity, long UnitPriceFen, long TotalFen, bool Covered);

/// <summary>
/// What the work screen shows of a job: the diagnosis, the lines and totals (covered vs the customer's share), the
/// photos and what completion needs (<paramref name="MinPhotos"/>, <paramref name="RequiresBarcode"/>), the accepted
/// barcode and the price list's labour and visit fee for the job's kind. <paramref name="Editable"/>: work may still
/// be recorded (accepted, scheduled or on site).
/// </summary>
public sealed record WorkSheetFacts(
    Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, long Version, Guid? UnitId, bool Editable,
    Guid? FaultCodeId, string? FaultCode, string? DiagnosisNotes, string? ScannedBarcode, string? BarcodeManualReason,
    bool UnderWarranty, IReadOnlyList<WorkLine> Lines, long TotalFen, long CoveredFen, long CustomerPaysFen,
    IReadOnlyList<Guid> PhotoIds, int MinPhotos, bool RequiresBarcode, long LabourFen, long VisitFeeFen);
