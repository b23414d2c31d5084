using System.Security.Claims;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Files;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.AttachInvoice;

/// <summary>Staff attach (or replace) a unit's purchase invoice, and open it; both audited (an invoice carries personal data).</summary>
public sealed class AttachInvoiceHandler(CareLoopDbContext db, FileIntake files, IAuditLog audit)
{
    public async Task<Result> AttachAsync(ClaimsPrincipal actor, Guid unitId, Upload? upload, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CustomersManage))
        {
            return Error.Forbidden();
        }

        var unit = await db.Set<RegisteredUnit>().SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return Error.NotFound();
        }

        if (upload is null)
        {
            return new Validation().Add("invoice", ErrorCodes.Required).ToError()!;
        }

        var inspected = await FileIntake.InspectAsync("invoice", upload, CustomerRules.MaxInvoiceBytes, FileKinds.ImagesAndPdf, cancellationToken);
        if (!inspected.IsSuccess)
        {
            return inspected.Error!;
        }

        await using var file = inspected.Value!;
        var stored = await files.StoreAsync(file, "invoice", cancellationToken);
        unit.AttachInvoice(stored.Id);
        audit.Record("unit.invoice-attached", nameof(RegisteredUnit), unit.Id.ToString(), new { fileId = stored.Id, stored.ContentType, stored.Length });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    public async Task<Result<(StoredFile File, Stream Content)>> OpenAsync(ClaimsPrincipal actor, Guid unitId, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CustomersRead))
        {
            return Error.Forbidden();
        }

        var fileId = await db.Set<RegisteredUnit>().Where(u => u.Id == unitId).Select(u => u.InvoiceFileId).SingleOrDefaultAsync(cancellationToken);
        if (fileId is null || await files.OpenAsync(fileId.Value, cancellationToken) is not { } opened)
        {
            return Error.NotFound();
        }

        audit.Record("unit.invoice-viewed", nameof(RegisteredUnit), unitId.ToString(), new { fileId });
        await db.SaveChangesAsync(cancellationToken);
        return opened;
    }
}

public static class AttachInvoiceEndpoints
{
    public static void MapAttachInvoice(this RouteGroupBuilder api, RouteGroupBuilder downloads)
    {
        var units = api.MapGroup("/units").WithTags("Customers");
        units.MapPut("/{id:guid}/invoice", async (Guid id, IFormFile? invoice, ClaimsPrincipal user, AttachInvoiceHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.AttachAsync(user, id, invoice is null ? null : new Upload(invoice.FileName, invoice.OpenReadStream), ct)).ToHttp(http, TypedResults.NoContent))
            .RequireAuthorization(Permissions.CustomersManage)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(CustomerRules.MaxInvoiceBytes + 1024 * 1024))
            .WithSummary("Attach or replace the unit's purchase invoice (multipart field 'invoice': image or PDF, up to 10 MB).");
        foreach (var group in new[] { units, downloads.MapGroup("/units") })
        {
            group.MapGet("/{id:guid}/invoice", async (Guid id, ClaimsPrincipal user, AttachInvoiceHandler handler, HttpContext http, CancellationToken ct) =>
                {
                    var opened = await handler.OpenAsync(user, id, ct);
                    return opened.IsSuccess
                        ? TypedResults.Stream(opened.Value.Content, opened.Value.File.ContentType, opened.Value.File.FileName)
                        : http.Problem(opened.Error!);
                })
                .RequireAuthorization(Permissions.CustomersRead)
                .WithSummary("Download the unit's invoice (audited).");
        }
    }
}
