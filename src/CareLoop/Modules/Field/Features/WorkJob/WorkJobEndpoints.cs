using System.Security.Claims;
using CareLoop.Platform.Files;
using CareLoop.Platform.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CareLoop.Modules.Field.Features.WorkJob;

public static class WorkJobEndpoints
{
    /// <summary>The largest photo post the work screen and the API take: the evidence limit, and room for the form around it.</summary>
    public const long MaxPhotoRequestBytes = 16 * 1024 * 1024;

    public static void MapWorkJob(this RouteGroupBuilder field)
    {
        var work = field.MapGroup("/{id:guid}/work");
        work.MapGet("/", async (Guid id, ClaimsPrincipal user, WorkJobHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SheetAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("The work sheet of my job: fault, notes, charge lines and totals in 分 (covered / customer pays), photos against the required count, the accepted barcode; with the unit category's fault tree and the model's BOM to pick from.");
        work.MapPost("/fault", async (Guid id, FaultRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, WorkJobHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.DiagnoseAsync(user, id, body with { IdempotencyKey = body.IdempotencyKey ?? key }, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("{ faultCodeId, notes? }: the diagnosed fault (a node of the unit's category's tree) and diagnosis notes, once per Idempotency-Key.");
        work.MapPost("/parts", async (Guid id, PartRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, WorkJobHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.AddPartAsync(user, id, body with { IdempotencyKey = body.IdempotencyKey ?? key }, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("{ partId, quantity? }: a part of the model's BOM used, charged at its list price (covered under warranty), once per Idempotency-Key.");
        work.MapPost("/fees", async (Guid id, FeeRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, WorkJobHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.AddFeeAsync(user, id, body with { IdempotencyKey = body.IdempotencyKey ?? key }, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("{ kind: labour|visitFee }: the line priced by the tenant's price list for the job's kind (once per job), once per Idempotency-Key.");
        work.MapPost("/photos", async (Guid id, IFormFile? file, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, WorkJobHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.AttachPhotoAsync(user, id, key, file is null ? null : new Upload(file.FileName, file.OpenReadStream), ct)).ToHttp(http, TypedResults.Ok))
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxPhotoRequestBytes))
            .WithSummary("A site photo (multipart 'file', JPEG/PNG/WebP up to 15 MB; stored without EXIF, at most 2560 px, with a thumbnail), once per Idempotency-Key: a resend adds no second photo.");
        work.MapPost("/barcode", async (Guid id, BarcodeRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, WorkJobHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.RecordBarcodeAsync(user, id, body with { IdempotencyKey = body.IdempotencyKey ?? key }, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("{ barcode, manual?, reason? }: the unit's scanned barcode, which must equal its serial (a mismatch names both) or becomes the serial of a new installation; typed in (manual) needs a reason.");
    }
}
