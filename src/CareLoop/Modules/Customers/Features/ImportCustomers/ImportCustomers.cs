using System.Security.Claims;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Files;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Imports;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using CareLoop.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.ImportCustomers;

public sealed record ImportView(
    Guid Id, string FileName, ImportStatus Status, int? TotalRows, int ProcessedRows, int CreatedCustomers, int CreatedUnits,
    int SkippedRows, int RejectedRows, string? Failure, string RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

/// <summary>
/// Takes a CSV/XLSX upload in: checks it is a sheet with the required columns (so a wrong file fails at once, not
/// in the background), stores it and queues the import; <see cref="ImportProcessor"/> processes it.
/// </summary>
public sealed class ImportCustomersHandler(CareLoopDbContext db, ITenantContext tenant, FileIntake files, IAuditLog audit, TimeProvider time)
{
    public const long MaxFileBytes = 64 * 1024 * 1024;

    public async Task<Result<ImportView>> QueueAsync(ClaimsPrincipal actor, Upload? upload, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CustomersImport))
        {
            return Error.Forbidden();
        }

        if (upload is null)
        {
            return new Validation().Add("file", ErrorCodes.Required).ToError()!;
        }

        var inspected = await FileIntake.InspectAsync("file", upload, MaxFileBytes, FileKinds.Sheets, cancellationToken);
        if (!inspected.IsSuccess)
        {
            return inspected.Error!;
        }

        await using var file = inspected.Value!;
        var stored = await files.StoreAsync(file, "import", cancellationToken);
        List<string> missing;
        await using (var content = await files.OpenContentAsync(stored, cancellationToken))
        {
            missing = MissingColumns(content, ImportSheet.FormatOf(stored.ContentType)!.Value);
        }

        if (missing.Count > 0)
        {
            await files.DiscardAsync(stored, cancellationToken);
            return new Error(ErrorCodes.ImportHeaders, StatusCodes.Status422UnprocessableEntity, null, string.Join("、", missing));
        }

        var job = ImportJob.Queue(tenant.RequireTenantId(), stored.Id, stored.FileName, actor.UserId()!.Value, actor.Identity?.Name ?? "", time.GetUtcNow());
        db.Add(job);
        audit.Record("customers.import-queued", nameof(ImportJob), job.Id.ToString(), new { stored.FileName, stored.Length });
        await db.SaveChangesAsync(cancellationToken);
        return View(job);
    }

    public async Task<Result<ImportView>> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Set<ImportJob>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken) is { } job ? View(job) : Error.NotFound();

    public Task<Page<ImportView>> ListAsync(int? page, int? pageSize, CancellationToken cancellationToken) =>
        db.Set<ImportJob>().AsNoTracking().OrderByDescending(j => j.CreatedAt)
            .Select(j => new ImportView(j.Id, j.FileName, j.Status, j.TotalRows, j.ProcessedRows, j.CreatedCustomers, j.CreatedUnits, j.SkippedRows,
                j.RejectedRows, j.Failure, j.RequestedByName, j.CreatedAt, j.FinishedAt))
            .ToPageAsync(page, pageSize, cancellationToken);

    private static List<string> MissingColumns(Stream content, MiniExcelLibs.ExcelType format)
    {
        var headers = ImportSheet.HeadersOrNone(content, format);
        var mapped = ImportColumns.Map(headers).Values.ToHashSet();
        return ImportColumns.Required.Where(r => !mapped.Contains(r)).Select(ImportColumns.Header).ToList();
    }

    internal static ImportView View(ImportJob j) => new(
        j.Id, j.FileName, j.Status, j.TotalRows, j.ProcessedRows, j.CreatedCustomers, j.CreatedUnits, j.SkippedRows, j.RejectedRows,
        j.Failure, j.RequestedByName, j.CreatedAt, j.FinishedAt);
}
