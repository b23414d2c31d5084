using System.Security.Claims;
using CareLoop.Modules.Integrations.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Files;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Imports;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using CareLoop.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CareLoop.Modules.Integrations.Features.ImportOrders;

public sealed record OrderImportView(
    Guid Id, string FileName, string KeyId, string Layout, ImportStatus Status, int? TotalRows, int ProcessedRows, int AcceptedOrders, int RepeatedOrders,
    int RejectedOrders, int CreatedWorkOrders, int RejectedRows, string? Failure, string RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

/// <summary>
/// Takes a platform order export in for a shop's key: checks the key (the shop's, not revoked), that the file is a sheet
/// with data rows whose header row is a known export with the required columns (so a wrong file fails at once, naming the
/// missing columns), stores it and queues the import; <see cref="OrderImportProcessor"/> runs it in the background.
/// Also the imports' progress, their error reports and the template.
/// </summary>
public sealed class ImportOrdersHandler(
    CareLoopDbContext db, ITenantContext tenant, FileIntake files, IAuditLog audit, IStringLocalizer<SharedResource> localizer, TimeProvider time)
{
    public const long MaxFileBytes = 32 * 1024 * 1024;

    public async Task<Result<OrderImportView>> QueueAsync(ClaimsPrincipal actor, string? keyId, Upload? upload, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.IntegrationsManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation().Required("keyId", keyId);
        if (upload is null)
        {
            v.Add("file", ErrorCodes.Required);
        }

        var key = string.IsNullOrWhiteSpace(keyId)
            ? null
            : await db.Set<IntegrationKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Id == keyId.Trim(), cancellationToken);
        if (!string.IsNullOrWhiteSpace(keyId) && key is null)
        {
            v.Add("keyId", ErrorCodes.NotFound);
        }
        else if (key is { IsRevoked: true })
        {
            v.Add("keyId", ErrorCodes.IntegrationKeyRevoked, key.Id);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var inspected = await FileIntake.InspectAsync("file", upload!, MaxFileBytes, FileKinds.Sheets, cancellationToken);
        if (!inspected.IsSuccess)
        {
            // The platform's own wording is about images and PDFs; here only a sheet will do.
            return inspected.Error! is { Fields: [{ Code: ErrorCodes.FileType }] } ? new Validation().Add("file", ErrorCodes.SheetType).ToError()! : inspected.Error!;
        }

        await using var file = inspected.Value!;
        var format = ImportSheet.FormatOf(file.ContentType)!.Value;
        var (columns, hasRows) = Inspect(file.OpenRead(), format);
        if (columns is null && !hasRows)
        {
            return new Validation().Add("file", ErrorCodes.EmptySheet).ToError()!;
        }

        if (columns is null || columns.Missing.Count > 0)
        {
            var missing = string.Join("、", columns?.Missing ?? OrderSheetFields.RequiredTemplateHeaders);
            return new Error(ErrorCodes.ImportHeaders, StatusCodes.Status422UnprocessableEntity, [new FieldError("file", ErrorCodes.ImportHeaders, missing)], missing);
        }

        if (!hasRows)
        {
            return new Validation().Add("file", ErrorCodes.EmptySheet).ToError()!;
        }

        var stored = await files.StoreAsync(file, "order-import", cancellationToken);
        var job = OrderImport.Queue(tenant.RequireTenantId(), key!.Id, columns.Layout.Name, stored.Id, stored.FileName, actor.UserId()!.Value, actor.Identity?.Name ?? "",
            time.GetUtcNow());
        db.Add(job);
        audit.Record("platform-orders.import-queued", nameof(OrderImport), job.Id.ToString(), new { stored.FileName, stored.Length, key.Id, job.Layout });
        await db.SaveChangesAsync(cancellationToken);
        return View(job);
    }

    public async Task<Result<OrderImportView>> GetAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.IntegrationsManage))
        {
            return Error.Forbidden();
        }

        return await db.Set<OrderImport>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken) is { } job ? View(job) : Error.NotFound();
    }

    public async Task<Result<Page<OrderImportView>>> ListAsync(ClaimsPrincipal actor, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.IntegrationsManage))
        {
            return Error.Forbidden();
        }

        return await db.Set<OrderImport>().AsNoTracking().OrderByDescending(j => j.CreatedAt)
            .Select(j => new OrderImportView(j.Id, j.FileName, j.KeyId, j.Layout, j.Status, j.TotalRows, j.ProcessedRows, j.AcceptedOrders, j.RepeatedOrders,
                j.RejectedOrders, j.CreatedWorkOrders, j.RejectedRows, j.Failure, j.RequestedByName, j.CreatedAt, j.FinishedAt))
            .ToPageAsync(page, pageSize, cancellationToken);
    }

    /// <summary>The refused orders' rows with the reason for each, in the reader's language; values as typed, phones masked.</summary>
    public async Task<Result<Stream>> ErrorReportAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.IntegrationsManage))
        {
            return Error.Forbidden();
        }

        if (!await db.Set<OrderImport>().AnyAsync(j => j.Id == id, cancellationToken))
        {
            return Error.NotFound();
        }

        var errors = await db.Set<OrderImportError>().AsNoTracking().Where(e => e.ImportId == id)
            .OrderBy(e => e.RowNumber).ToListAsync(cancellationToken);
        var rows = errors.OrderBy(e => e.RowNumber).ThenBy(e => OrderSheetFields.Position(e.Column)).Select(e => new ImportReportRow(
            e.RowNumber, e.Column.StartsWith('@') ? ErrorText.FieldLabel(localizer, e.Column[1..]) : e.Column, e.Value, localizer.Format("Field." + e.Code, e.ArgsList())));
        return await ImportReport.WriteAsync(rows, ImportReportHeaders.Localized(localizer), cancellationToken);
    }

    /// <summary>The generic layout's headers with two example rows: one order of two lines (a unit with its serial, and a second model).</summary>
    public static Task<Stream> TemplateAsync(CancellationToken cancellationToken)
    {
        var h = OrderSheetFields.Generic.Headers;
        Dictionary<string, object?> Row(string sku, int quantity, string? serials) => new()
        {
            [h[OrderSheetFields.OrderId]] = "SHOP-20261111-0001", [h[OrderSheetFields.BuyerName]] = "张三", [h[OrderSheetFields.Phone]] = "13800000000",
            [h[OrderSheetFields.RegionCode]] = "320508", [h[OrderSheetFields.Address]] = "观前街 1 号", [h[OrderSheetFields.Sku]] = sku,
            [h[OrderSheetFields.Quantity]] = quantity, [h[OrderSheetFields.SerialNumbers]] = serials, [h[OrderSheetFields.Service]] = "安装",
            [h[OrderSheetFields.PaidAt]] = "2026-11-11 00:00:05", [h[OrderSheetFields.PreferredStart]] = "2026-11-13 09:00",
            [h[OrderSheetFields.PreferredEnd]] = "2026-11-13 12:00", [h[OrderSheetFields.Remark]] = "工作日晚上在家", [h[OrderSheetFields.Platform]] = "天猫",
        };
        return ImportReport.WriteAsync([Row("WP-RO600", 1, "WP6099990001"), Row("RV-X20", 1, null)], cancellationToken);
    }

    private static (OrderSheetColumns? Columns, bool HasRows) Inspect(Stream content, MiniExcelLibs.ExcelType format)
    {
        var headers = ImportSheet.HeadersOrNone(content, format);
        if (headers.Count == 0)
        {
            return (null, false); // nothing to read (a header-only CSV reads as no columns at all)
        }

        var columns = OrderSheetFields.Recognise(headers);
        if (columns is null)
        {
            return (null, true);
        }

        content.Position = 0;
        try
        {
            return (columns, ImportSheet.Rows(content, format).Any(r => !ImportSheet.IsBlank(r)));
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Xml.XmlException)
        {
            return (columns, false);
        }
    }

    private static OrderImportView View(OrderImport j) => new(
        j.Id, j.FileName, j.KeyId, j.Layout, j.Status, j.TotalRows, j.ProcessedRows, j.AcceptedOrders, j.RepeatedOrders, j.RejectedOrders, j.CreatedWorkOrders,
        j.RejectedRows, j.Failure, j.RequestedByName, j.CreatedAt, j.FinishedAt);
}
