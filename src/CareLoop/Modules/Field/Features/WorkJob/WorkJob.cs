using System.Security.Claims;
using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Field.Domain;
using CareLoop.Modules.Field.Features.ExactlyOnce;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Files;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.Field.Features.WorkJob;

/// <summary>
/// The work screen of one of my jobs: what is recorded (<see cref="WorkSheetFacts"/>), and what can be picked for it,
/// the unit's category's fault tree and its model's BOM (until an inventory module gives the van's stock).
/// <paramref name="SerialPending"/>: the unit has no serial yet (a new installation): the scan records it.
/// </summary>
public sealed record WorkSheet(WorkSheetFacts Work, string? ModelName, bool SerialPending, IReadOnlyList<FaultCodeInfo> FaultCodes, IReadOnlyList<PartInfo> Parts);

public sealed record FaultRequest(string? IdempotencyKey, Guid? FaultCodeId, string? Notes);

public sealed record PartRequest(string? IdempotencyKey, Guid? PartId, int? Quantity);

/// <summary><paramref name="Kind"/>: <c>labour</c> or <c>visitFee</c>, priced by the tenant's price list.</summary>
public sealed record FeeRequest(string? IdempotencyKey, string? Kind);

/// <summary><paramref name="Manual"/>: typed in because the label would not scan; then <paramref name="Reason"/> is required.</summary>
public sealed record BarcodeRequest(string? IdempotencyKey, string? Barcode, bool Manual = false, string? Reason = null);

/// <param name="Outcome">What the action left: the photo's attachment id, else the order's state.</param>
/// <param name="Replayed">True when the key had been used: nothing was done again.</param>
public sealed record WorkActionResult(Guid WorkOrderId, string Action, string Outcome, bool Replayed);

/// <summary>
/// Records the engineer's work on site, each save once per idempotency key (<see cref="ExactlyOnceActions"/>): the
/// fault (from the unit's category) and notes, parts (from the model's BOM, at list price) and fees (from the price
/// list), photos and the unit's barcode. The WorkOrders contract saves each with the receipt in one transaction.
/// </summary>
public sealed class WorkJobHandler(IEngineerWork work, ICustomerDirectory customers, ICatalog catalog, ExactlyOnceActions once)
{
    public const string Fault = "fault";
    public const string Part = "part";
    public const string Fee = "fee";
    public const string Photo = "photo";
    public const string Barcode = "barcode";
    public const int MaxQuantity = 99;

    public async Task<Result<WorkSheet>> SheetAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.MobileUse))
        {
            return Error.Forbidden();
        }

        if (await work.SheetAsync(actor, id, cancellationToken) is not { } facts)
        {
            return Error.NotFound();
        }

        var unit = facts.UnitId is { } unitId ? await customers.FindUnitAsync(unitId, cancellationToken) : null;
        var model = unit is null ? null : await catalog.FindModelAsync(unit.ModelId, cancellationToken);
        var faults = model is null ? [] : await catalog.FaultCodesAsync(model.CategoryId, cancellationToken);
        var parts = model is null ? [] : await catalog.PartsAsync(model.Id, cancellationToken);
        return new WorkSheet(facts, model?.Name, unit?.IsSerialPending ?? false, faults, parts);
    }

    public async Task<Result<WorkActionResult>> DiagnoseAsync(ClaimsPrincipal actor, Guid id, FaultRequest request, CancellationToken cancellationToken)
    {
        var v = Keyed(request.IdempotencyKey);
        if (request.FaultCodeId is null)
        {
            v.Add("faultCodeId", ErrorCodes.Required);
        }

        return await RunAsync(actor, id, Fault, request.IdempotencyKey, v, async (sheet, receipt) =>
        {
            var node = sheet.FaultCodes.FirstOrDefault(f => f.Id == request.FaultCodeId);
            if (node is null)
            {
                return new Validation().Add("faultCodeId", ErrorCodes.FaultCodeNotForUnit).ToError()!;
            }

            receipt.Settle(sheet.Work.State.ToString());
            var done = await work.DiagnoseAsync(actor, id, node.Id, Label(sheet.FaultCodes, node), request.Notes, cancellationToken);
            return done.IsSuccess ? done.Value!.State.ToString() : done.Error!;
        }, cancellationToken);
    }

    public async Task<Result<WorkActionResult>> AddPartAsync(ClaimsPrincipal actor, Guid id, PartRequest request, CancellationToken cancellationToken)
    {
        var v = Keyed(request.IdempotencyKey);
        if (request.PartId is null)
        {
            v.Add("partId", ErrorCodes.Required);
        }

        v.Range("quantity", request.Quantity ?? 1, 1, MaxQuantity);
        return await RunAsync(actor, id, Part, request.IdempotencyKey, v, async (sheet, receipt) =>
        {
            var part = sheet.Parts.FirstOrDefault(p => p.Id == request.PartId);
            if (part is null)
            {
                return new Validation().Add("partId", ErrorCodes.PartNotInBom).ToError()!;
            }

            receipt.Settle(sheet.Work.State.ToString());
            var done = await work.AddPartAsync(actor, id, $"{part.Name} {part.Code}", request.Quantity ?? 1, part.ListPriceFen, cancellationToken);
            return done.IsSuccess ? done.Value!.State.ToString() : done.Error!;
        }, cancellationToken);
    }

    public async Task<Result<WorkActionResult>> AddFeeAsync(ClaimsPrincipal actor, Guid id, FeeRequest request, CancellationToken cancellationToken)
    {
        var v = Keyed(request.IdempotencyKey);
        WorkFee? fee = request.Kind?.Trim() switch
        {
            "labour" => WorkFee.Labour,
            "visitFee" => WorkFee.VisitFee,
            _ => null,
        };
        if (fee is null)
        {
            v.Add("kind", string.IsNullOrWhiteSpace(request.Kind) ? ErrorCodes.Required : ErrorCodes.InvalidFormat);
        }

        return await RunAsync(actor, id, Fee, request.IdempotencyKey, v, async (sheet, receipt) =>
        {
            receipt.Settle(sheet.Work.State.ToString());
            var done = await work.AddFeeAsync(actor, id, fee!.Value, cancellationToken);
            return done.IsSuccess ? done.Value!.State.ToString() : done.Error!;
        }, cancellationToken);
    }

    public async Task<Result<WorkActionResult>> AttachPhotoAsync(ClaimsPrincipal actor, Guid id, string? key, Upload? upload, CancellationToken cancellationToken)
    {
        var v = Keyed(key);
        if (upload is null)
        {
            v.Add("file", ErrorCodes.Required);
        }

        return await RunAsync(actor, id, Photo, key, v, async (_, receipt) =>
        {
            receipt.Settle(Photo);
            var done = await work.AttachPhotoAsync(actor, id, upload!, cancellationToken);
            if (!done.IsSuccess)
            {
                return done.Error!;
            }

            receipt.Settle(done.Value.ToString("N")); // saved by the runner: a resend answers with the same photo
            return done.Value.ToString("N");
        }, cancellationToken);
    }

    public async Task<Result<WorkActionResult>> RecordBarcodeAsync(ClaimsPrincipal actor, Guid id, BarcodeRequest request, CancellationToken cancellationToken)
    {
        var v = Keyed(request.IdempotencyKey);
        return await RunAsync(actor, id, Barcode, request.IdempotencyKey, v, async (sheet, receipt) =>
        {
            receipt.Settle(sheet.Work.State.ToString());
            var done = await work.RecordBarcodeAsync(actor, id, request.Barcode, request.Manual, request.Reason, cancellationToken);
            return done.IsSuccess ? done.Value!.State.ToString() : done.Error!;
        }, cancellationToken);
    }

    /// <summary>"S01-C01-R01 出水变慢 › RO反渗透膜 › 滤芯超期" : the node's code and the names from its symptom down.</summary>
    public static string Label(IReadOnlyList<FaultCodeInfo> tree, FaultCodeInfo node)
    {
        var names = new List<string>();
        for (var at = node; at is not null; at = at.ParentId is { } parent ? tree.FirstOrDefault(f => f.Id == parent) : null)
        {
            names.Insert(0, at.Name);
        }

        return $"{node.Code} {string.Join(" › ", names)}";
    }

    private static Validation Keyed(string? key) =>
        ExactlyOnceActions.CheckKey(new Validation(), key?.Trim());

    private async Task<Result<WorkActionResult>> RunAsync(
        ClaimsPrincipal actor, Guid id, string action, string? key, Validation v, Func<WorkSheet, ActionReceipt, Task<Result<string>>> act,
        CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.MobileUse) || actor.UserId() is not { } me)
        {
            return Error.Forbidden();
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var done = await once.RunAsync(me, key!.Trim(), action, id, async receipt =>
        {
            var sheet = await SheetAsync(actor, id, cancellationToken);
            return sheet.IsSuccess ? await act(sheet.Value!, receipt) : sheet.Error!;
        }, cancellationToken);
        return done.IsSuccess ? new WorkActionResult(id, action, done.Value!.Outcome, done.Value.Replayed) : done.Error!;
    }
}
