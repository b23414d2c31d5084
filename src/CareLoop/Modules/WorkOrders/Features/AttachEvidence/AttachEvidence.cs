using System.Security.Claims;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Files;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Realtime;
using CareLoop.Platform.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders.Features.AttachEvidence;

public sealed record AttachmentRef(Guid Id, AttachmentKind Kind, int Width, int Height);

/// <summary>
/// Adds a photo (or signature, receipt) to an open work order. Images are re-encoded (<see cref="ImageSanitizer"/>):
/// upright, at most 2560 px, no EXIF (a customer's GPS position never leaves the phone), with a 320 px thumbnail.
/// </summary>
public sealed class AttachEvidenceHandler(CareLoopDbContext db, FileIntake files, IAuditLog audit, IChangeFeed changes, TimeProvider time)
{
    public const long MaxBytes = 15 * 1024 * 1024;
    private static readonly IReadOnlySet<string> Images = new HashSet<string> { FileKinds.Jpeg, FileKinds.Png, FileKinds.Webp };

    public async Task<Result<AttachmentRef>> HandleAsync(ClaimsPrincipal actor, Guid workOrderId, Upload? upload, AttachmentKind kind, string? caption, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.WorkOrdersTransition))
        {
            return Error.Forbidden();
        }

        var order = await db.Set<WorkOrder>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == workOrderId, cancellationToken);
        if (order is null || !WorkOrderActors.Sees(actor, order))
        {
            return Error.NotFound();
        }

        var v = new Validation().MaxLength("caption", caption, 200);
        if (!Enum.IsDefined(kind))
        {
            v.Add("kind", ErrorCodes.InvalidFormat);
        }

        if (!order.IsOpen)
        {
            return new Error(ErrorCodes.IllegalTransition, 422, null, "attach", order.State.ToString());
        }

        if (upload is null)
        {
            v.Add("file", ErrorCodes.Required);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var inspected = await FileIntake.InspectAsync("file", upload!, MaxBytes, Images, cancellationToken);
        if (!inspected.IsSuccess)
        {
            return inspected.Error!;
        }

        SanitizedImage? image;
        await using (var original = inspected.Value!)
        {
            image = ImageSanitizer.Sanitize(original.OpenRead());
        }

        if (image is null)
        {
            return new Validation().Add("file", ErrorCodes.FileType).ToError()!;
        }

        var name = Path.GetFileNameWithoutExtension(upload!.FileName) + ".jpg";
        var full = await StoreAsync(name, image.Jpeg, "evidence", cancellationToken);
        var thumbnail = await StoreAsync(name, image.Thumbnail, "thumbnail", cancellationToken);
        var now = time.GetUtcNow();
        var attachment = WorkOrderAttachment.Create(order.TenantId, order.Id, full.Id, thumbnail.Id, kind, caption, WorkOrderActors.From(actor), now);
        db.Add(attachment);
        audit.Record("work-order.evidence-added", nameof(WorkOrder), order.Id.ToString(), new { attachment.Id, kind, full.Length });
        await db.SaveChangesAsync(cancellationToken);
        changes.Publish(ChangeTopics.Topic(order.TenantId, WorkOrderTopics.Order, order.Id), new ChangeNotice(order.Id, long.MaxValue, "attach"));
        return new AttachmentRef(attachment.Id, kind, image.Width, image.Height);
    }

    public async Task<Result<(StoredFile File, Stream Content)>> OpenAsync(ClaimsPrincipal actor, Guid workOrderId, Guid attachmentId, bool thumbnail, CancellationToken cancellationToken)
    {
        var order = await db.Set<WorkOrder>().AsNoTracking().Where(w => w.Id == workOrderId).Select(w => new { w.AssigneeId }).SingleOrDefaultAsync(cancellationToken);
        var attachment = await db.Set<WorkOrderAttachment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.WorkOrderId == workOrderId, cancellationToken);
        if (order is null || attachment is null || (WorkOrderActors.SeesOnlyOwn(actor) && order.AssigneeId != actor.UserId()) ||
            await files.OpenAsync(thumbnail ? attachment.ThumbnailFileId ?? attachment.FileId : attachment.FileId, cancellationToken) is not { } opened)
        {
            return Error.NotFound();
        }

        return opened;
    }

    private async Task<StoredFile> StoreAsync(string name, byte[] bytes, string purpose, CancellationToken cancellationToken)
    {
        var inspected = await FileIntake.InspectAsync("file", new Upload(name, () => new MemoryStream(bytes)), MaxBytes, Images, cancellationToken);
        await using var file = inspected.Value!;
        return await files.StoreAsync(file, purpose, cancellationToken);
    }
}

public static class AttachEvidenceEndpoints
{
    public static void MapAttachEvidence(this RouteGroupBuilder orders, RouteGroupBuilder downloads)
    {
        orders.MapPost("/{id:guid}/attachments", async (Guid id, IFormFile? file, [FromForm] string? kind, [FromForm] string? caption, ClaimsPrincipal user,
                    AttachEvidenceHandler handler, HttpContext http, CancellationToken ct) =>
            {
                // The kind as the API writes enums (camelCase), in any case; an unknown one is a field error, not a 400.
                var parsed = string.IsNullOrWhiteSpace(kind) ? AttachmentKind.Photo
                    : Enum.TryParse<AttachmentKind>(kind, ignoreCase: true, out var k) && !int.TryParse(kind, out _) ? k : (AttachmentKind)0;
                return (await handler.HandleAsync(user, id, file is null ? null : new Upload(file.FileName, file.OpenReadStream), parsed, caption, ct))
                    .ToHttp(http, a => TypedResults.Created($"/api/v1/work-orders/{id}/attachments/{a.Id}", a));
            })
            .RequireAuthorization(Permissions.WorkOrdersTransition)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(AttachEvidenceHandler.MaxBytes + 1024 * 1024))
            .WithSummary("Add a photo to a work order (multipart 'file', 'kind', 'caption'); stored without EXIF, with a thumbnail.");
        foreach (var group in new[] { orders, downloads.MapGroup("/work-orders") })
        {
            group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, bool? thumbnail, ClaimsPrincipal user, AttachEvidenceHandler handler, HttpContext http, CancellationToken ct) =>
                {
                    var opened = await handler.OpenAsync(user, id, attachmentId, thumbnail == true, ct);
                    return opened.IsSuccess ? TypedResults.Stream(opened.Value.Content, opened.Value.File.ContentType) : http.Problem(opened.Error!);
                })
                .RequireAuthorization(Permissions.WorkOrdersRead)
                .WithSummary("An attachment's image (?thumbnail=true for the 320 px one).");
        }
    }
}
