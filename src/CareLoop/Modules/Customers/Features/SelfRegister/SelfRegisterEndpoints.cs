using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Files;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using CareLoop.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace CareLoop.Modules.Customers.Features.SelfRegister;

/// <summary>
/// The customer-facing API behind the registration page (and a brand's app or mini-program):
/// anonymous, reached by the brand's slug, rate-limited per client address.
/// </summary>
public static class SelfRegisterEndpoints
{
    /// <summary>Room for a 10 MB invoice plus the form fields, so a slightly larger file gets a field error, not a reset.</summary>
    public const long MaxRegistrationBodyBytes = CustomerRules.MaxInvoiceBytes + 4 * 1024 * 1024;

    public static void MapSelfRegistration(this RouteGroupBuilder api)
    {
        var brand = api.MapGroup("/public/brands/{brand}").WithTags("Registration").AllowAnonymous().RequireRateLimiting(RateLimiting.Public);
        brand.MapPost("/registration-codes", async (string brand, SendCodeRequest body, TenantScopes scopes, HttpContext http, CancellationToken ct) =>
            {
                await using var scope = await scopes.ForBrandAsync(brand, ct);
                return scope is null
                    ? http.Problem(Error.NotFound(ErrorCodes.UnknownBrand))
                    : (await scope.Services.GetRequiredService<SendRegistrationCodeHandler>().HandleAsync(body, ct)).ToHttp(http, TypedResults.Ok);
            })
            .WithSummary("Send a one-time SMS code to the phone a customer is registering with.");
        brand.MapPost("/registrations", async (string brand, [FromForm] SelfRegistrationForm form, IFormFile? invoice, TenantScopes scopes, HttpContext http, CancellationToken ct) =>
            {
                await using var scope = await scopes.ForBrandAsync(brand, ct);
                if (scope is null)
                {
                    return http.Problem(Error.NotFound(ErrorCodes.UnknownBrand));
                }

                var upload = invoice is null ? null : new Upload(invoice.FileName, invoice.OpenReadStream);
                return (await scope.Services.GetRequiredService<SelfRegisterHandler>().HandleAsync(form.ToRequest(), upload, ct))
                    .ToHttp(http, r => TypedResults.Created($"/api/v1/units/{r.UnitId}", r));
            })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxRegistrationBodyBytes))
            .WithSummary("Register a unit as its owner (multipart form: the fields, the SMS code and the invoice file).");
    }
}

/// <summary>The multipart form of a registration; dates as yyyy-MM-dd.</summary>
public sealed class SelfRegistrationForm
{
    public string? Sku { get; set; }

    public string? SerialNumber { get; set; }

    public string? Signature { get; set; }

    public string? Phone { get; set; }

    public string? VerificationCode { get; set; }

    public string? Name { get; set; }

    public DateOnly? PurchaseDate { get; set; }

    public PurchaseChannel? Channel { get; set; }

    public string? OrderNumber { get; set; }

    public SelfRegistrationRequest ToRequest() =>
        new(Sku, SerialNumber, string.IsNullOrWhiteSpace(Signature) ? null : Signature, Phone, VerificationCode, Name, PurchaseDate, Channel ?? PurchaseChannel.Other, OrderNumber);
}
