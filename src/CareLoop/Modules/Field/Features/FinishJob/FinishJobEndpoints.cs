using System.Security.Claims;
using CareLoop.Platform.Problems;
using Microsoft.AspNetCore.Mvc;
using QRCoder;

namespace CareLoop.Modules.Field.Features.FinishJob;

/// <summary>The payment QR: the order's <c>code_url</c> and the same as an SVG image (drawn on the server, no script needed).</summary>
public sealed record PaymentQr(Guid PaymentId, long AmountFen, string Status, string? CodeUrl, string? QrSvg, bool Replayed);

public static class FinishJobEndpoints
{
    public static void MapFinishJob(this RouteGroupBuilder field)
    {
        field.MapGet("/{id:guid}/finish", async (Guid id, ClaimsPrincipal user, FinishJobHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SheetAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("The finish sheet of my job: the evidence the tenant's policy needs and what is there, the missing items, the code's tries left, what the customer pays and has paid.");
        field.MapPost("/{id:guid}/signature", async (
                    Guid id, IFormFile? file, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, FinishJobHandler handler, HttpContext http,
                    CancellationToken ct) =>
            {
                byte[]? image = null;
                if (file is { Length: > 0 and <= FinishJobHandler.MaxSignatureBytes })
                {
                    using var buffer = new MemoryStream();
                    await file.CopyToAsync(buffer, ct);
                    image = buffer.ToArray();
                }
                else if (file is { Length: > FinishJobHandler.MaxSignatureBytes })
                {
                    image = new byte[FinishJobHandler.MaxSignatureBytes + 1];
                }

                return (await handler.SignAsync(user, id, key, image, ct)).ToHttp(http, TypedResults.Ok);
            })
            .DisableAntiforgery()
            .WithSummary("The customer's signature drawn on the phone (multipart 'file', PNG) as the job's signature evidence; Idempotency-Key header.");
        field.MapPost("/{id:guid}/completion-code", async (
                    Guid id, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, FinishJobHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SendCodeAsync(user, id, key, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("Send the customer the 6-digit completion code by SMS; Idempotency-Key header.");
        field.MapPost("/{id:guid}/cash", async (
                    Guid id, CashRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, FinishJobHandler handler, HttpContext http,
                    CancellationToken ct) =>
                (await handler.CashAsync(user, id, body with { IdempotencyKey = body.IdempotencyKey ?? key }, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("{ amountFen }: cash taken from the customer, exactly what is still due; Idempotency-Key header.");
        field.MapPost("/{id:guid}/payment-qr", async (
                    Guid id, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, FinishJobHandler handler, HttpContext http, CancellationToken ct) =>
            {
                var made = await handler.QrAsync(user, id, key, ct);
                if (!made.IsSuccess)
                {
                    return http.Problem(made.Error!);
                }

                var sheet = await handler.SheetAsync(user, id, ct);
                var payment = sheet.Value!.Payments.Single(p => p.Id.ToString("N") == made.Value!.Outcome);
                return TypedResults.Ok(new PaymentQr(payment.Id, payment.AmountFen, payment.Status, payment.CodeUrl, Svg(payment.CodeUrl), made.Value!.Replayed));
            })
            .WithSummary("A WeChat Pay Native order for what is still due: its code_url and QR (SVG); the customer scans it, WeChat notifies us; Idempotency-Key header.");
        field.MapPost("/{id:guid}/complete", async (
                    Guid id, CompleteRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, FinishJobHandler handler, HttpContext http,
                    CancellationToken ct) =>
                (await handler.CompleteAsync(user, id, body with { IdempotencyKey = body.IdempotencyKey ?? key }, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("{ expectedVersion, barcode?, verificationCode? }: complete my job once its evidence is there (422 lists what is missing); Idempotency-Key header.");
    }

    /// <summary>The QR of a <c>code_url</c> as SVG markup (null when there is none).</summary>
    public static string? Svg(string? codeUrl)
    {
        if (string.IsNullOrEmpty(codeUrl))
        {
            return null;
        }

        using var data = QRCodeGenerator.GenerateQrCode(codeUrl, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(6);
    }
}
