using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Features.AttachEvidence;
using CareLoop.Modules.WorkOrders.Features.Charges;
using CareLoop.Modules.WorkOrders.Features.CompletionPolicies;
using CareLoop.Modules.WorkOrders.Features.ServicePrices;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Files;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Realtime;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CareLoop.Modules.WorkOrders.Features.EngineerWork;

/// <summary>
/// <see cref="IEngineerWork"/>: charges go through <see cref="ChargesHandler"/> (warranty decides what is covered),
/// photos through <see cref="AttachEvidenceHandler"/> (sanitized, size limit), the barcode is checked against the
/// unit's serial (<see cref="ICustomerDirectory"/>), and the diagnosis and scan are recorded on the order's timeline.
/// </summary>
internal sealed class EngineerWork(
    CareLoopDbContext db, ChargesHandler charges, AttachEvidenceHandler evidence, CompletionPoliciesHandler completion, ServicePricesHandler prices,
    ICustomerDirectory customers, IAuditLog audit, IChangeFeed changes, IStringLocalizer<SharedResource> localizer, TimeProvider time) : IEngineerWork
{
    public const int BarcodeMaxLength = 64;

    public async Task<WorkSheetFacts?> SheetAsync(ClaimsPrincipal engineer, Guid id, CancellationToken cancellationToken)
    {
        if (await MineAsync(engineer, id, tracked: false, cancellationToken) is not { } order)
        {
            return null;
        }

        var view = await charges.GetAsync(engineer, id, cancellationToken);
        var lines = view.Value?.Lines.Select(l => new WorkLine(l.Id, (WorkLineKind)l.Kind, l.Description, l.Quantity, l.UnitPriceFen, l.TotalFen, l.Covered)).ToList() ?? [];
        var photos = await db.Set<WorkOrderAttachment>().AsNoTracking().Where(a => a.WorkOrderId == id && a.Kind == AttachmentKind.Photo)
            .OrderBy(a => a.UploadedAt).Select(a => a.Id).ToListAsync(cancellationToken);
        var required = await completion.RequirementsAsync(order.Kind, cancellationToken);
        var price = await prices.ForKindAsync(order.Kind, cancellationToken);
        return new WorkSheetFacts(
            order.Id, order.Number, order.Kind, order.State, order.Version, order.UnitId, Workable(order.State), order.FaultCodeId, order.FaultCode,
            order.DiagnosisNotes, order.ScannedBarcode, order.BarcodeManualReason, view.Value?.UnderWarranty ?? false, lines, view.Value?.TotalFen ?? 0,
            view.Value?.CoveredFen ?? 0, view.Value?.CustomerPaysFen ?? 0, photos, required.MinPhotos, required.RequiresBarcode, price.LabourFen, price.VisitFeeFen);
    }

    public async Task<Result<WorkOrderRef>> DiagnoseAsync(
        ClaimsPrincipal engineer, Guid id, Guid faultCodeId, string faultCode, string? notes, CancellationToken cancellationToken)
    {
        var found = await WritableAsync(engineer, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        if (new Validation().MaxLength("notes", notes, WorkOrderRules.DiagnosisNotesMaxLength).ToError() is { } invalid)
        {
            return invalid;
        }

        var order = found.Value!;
        var label = faultCode.Length > WorkOrderRules.FaultCodeMaxLength ? faultCode[..WorkOrderRules.FaultCodeMaxLength] : faultCode;
        order.Diagnose(WorkOrderActors.From(engineer), faultCodeId, label, notes, time.GetUtcNow());
        audit.Record("work-order.diagnosed", nameof(WorkOrder), order.Id.ToString(), new { faultCodeId, FaultCode = label });
        return await SaveAsync(order, "recordFault", cancellationToken);
    }

    public async Task<Result<WorkOrderRef>> AddPartAsync(
        ClaimsPrincipal engineer, Guid id, string description, int quantity, long unitPriceFen, CancellationToken cancellationToken)
    {
        var found = await WritableAsync(engineer, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var added = await charges.AddAsync(engineer, id, new AddChargeRequest(ChargeKind.Part, description, quantity, unitPriceFen), cancellationToken);
        return added.IsSuccess ? Ref(found.Value!) : added.Error!;
    }

    public async Task<Result<WorkOrderRef>> AddFeeAsync(ClaimsPrincipal engineer, Guid id, WorkFee fee, CancellationToken cancellationToken)
    {
        var found = await WritableAsync(engineer, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var kind = fee == WorkFee.Labour ? ChargeKind.Labour : fee == WorkFee.VisitFee ? ChargeKind.VisitFee : (ChargeKind)0;
        if (kind == 0)
        {
            return new Validation().Add("kind", ErrorCodes.InvalidFormat).ToError()!;
        }

        if (await db.Set<ChargeLine>().AnyAsync(c => c.WorkOrderId == id && c.Kind == kind, cancellationToken))
        {
            return new Validation().Add("kind", ErrorCodes.Duplicate).ToError()!;
        }

        var price = await prices.ForKindAsync(found.Value!.Kind, cancellationToken);
        var description = localizer["WorkOrders.Kind." + found.Value!.Kind].Value; // the line's kind says labour or visit fee; this says for what job
        var added = await charges.AddAsync(engineer, id, new AddChargeRequest(kind, description, 1, kind == ChargeKind.Labour ? price.LabourFen : price.VisitFeeFen), cancellationToken);
        return added.IsSuccess ? Ref(found.Value!) : added.Error!;
    }

    public async Task<Result<Guid>> AttachPhotoAsync(ClaimsPrincipal engineer, Guid id, Upload upload, CancellationToken cancellationToken)
    {
        var found = await WritableAsync(engineer, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var attached = await evidence.HandleAsync(engineer, id, upload, AttachmentKind.Photo, null, cancellationToken);
        return attached.IsSuccess ? attached.Value!.Id : attached.Error!;
    }

    public async Task<Result<WorkOrderRef>> RecordBarcodeAsync(
        ClaimsPrincipal engineer, Guid id, string? barcode, bool manual, string? reason, CancellationToken cancellationToken)
    {
        var found = await WritableAsync(engineer, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var scanned = barcode?.Trim().ToUpperInvariant();
        var v = new Validation().Required("barcode", scanned).MaxLength("barcode", scanned, BarcodeMaxLength).MaxLength("reason", reason, WorkOrderRules.ReasonMaxLength);
        if (manual)
        {
            v.Required("reason", reason);
        }

        var order = found.Value!;
        var unit = order.UnitId is { } unitId ? await customers.FindUnitAsync(unitId, cancellationToken) : null;
        if (unit is null)
        {
            v.Add("barcode", ErrorCodes.UnknownUnit);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        if (unit!.IsSerialPending)
        {
            // A new installation's unit takes the scanned serial (refused when another unit has it or it breaks the model's format).
            if (await customers.BindSerialAsync(unit.Id, scanned!, checkOnly: false, cancellationToken) is { } refused)
            {
                return refused;
            }
        }
        else if (!string.Equals(scanned, unit.SerialNumber, StringComparison.OrdinalIgnoreCase))
        {
            return new Validation().Add("barcode", ErrorCodes.SerialMismatch, scanned!, unit.SerialNumber).ToError()!;
        }

        order.RecordScan(WorkOrderActors.From(engineer), scanned!, manual ? reason : null, time.GetUtcNow());
        audit.Record("work-order.barcode-recorded", nameof(WorkOrder), order.Id.ToString(), new { Barcode = scanned, manual, reason, bound = unit.IsSerialPending });
        return await SaveAsync(order, "recordBarcode", cancellationToken);
    }

    /// <summary>Work is recorded once the engineer has accepted the job and until they complete it.</summary>
    private static bool Workable(WorkOrderState state) => state is WorkOrderState.Accepted or WorkOrderState.Scheduled or WorkOrderState.OnSite;

    private async Task<Result<WorkOrder>> WritableAsync(ClaimsPrincipal engineer, Guid id, CancellationToken cancellationToken)
    {
        if (!engineer.HasPermission(Permissions.WorkOrdersTransition))
        {
            return Error.Forbidden();
        }

        if (await MineAsync(engineer, id, tracked: true, cancellationToken) is not { } order)
        {
            return Error.NotFound();
        }

        return Workable(order.State) ? order : new Error(ErrorCodes.IllegalTransition, 422, null, "work", order.State.ToString());
    }

    private async Task<WorkOrder?> MineAsync(ClaimsPrincipal engineer, Guid id, bool tracked, CancellationToken cancellationToken)
    {
        if (engineer.UserId() is not { } me)
        {
            return null;
        }

        var orders = tracked ? db.Set<WorkOrder>() : db.Set<WorkOrder>().AsNoTracking();
        return await orders.SingleOrDefaultAsync(w => w.Id == id && w.AssigneeId == me, cancellationToken);
    }

    private async Task<Result<WorkOrderRef>> SaveAsync(WorkOrder order, string action, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        changes.Publish(ChangeTopics.Topic(order.TenantId, WorkOrderTopics.Order, order.Id), new ChangeNotice(order.Id, order.Version, action));
        return Ref(order);
    }

    private static WorkOrderRef Ref(WorkOrder order) => new(order.Id, order.Number, order.State);
}
