using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Security;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace CareLoop.Modules.Customers.Features.SelfRegister;

public sealed record RegistrationLink(string Url, string Sku, string SerialNumber, string Signature, string QrSvg);

/// <summary>
/// The URL printed as a QR code on each product: <c>/r/{brand}?m={sku}&amp;s={serial}&amp;t={signature}</c>. The signature
/// covers brand, model and serial, so editing any of them in the URL is detected (<see cref="UrlSigner"/>).
/// </summary>
public sealed class RegistrationLinks(UrlSigner signer)
{
    private const string Purpose = "unit-registration";

    public string Sign(string brand, string sku, string serial) => signer.Sign(Purpose, brand, sku, serial);

    public bool Verify(string brand, string sku, string serial, string? signature) => signer.Verify(signature, Purpose, brand, sku, serial);

    public static string PathFor(string brand, string sku, string serial, string signature) =>
        $"/r/{Uri.EscapeDataString(brand)}?m={Uri.EscapeDataString(sku)}&s={Uri.EscapeDataString(serial)}&t={signature}";
}

/// <summary>For the factory line and for staff: the signed link and its QR code (SVG) for one serial of a model.</summary>
public sealed class CreateRegistrationLinkHandler(RegistrationLinks links, ICatalog catalog, ITenantContext tenant, CareLoopDbContext db)
{
    public async Task<Result<RegistrationLink>> HandleAsync(string baseUrl, string? sku, string? serial, CancellationToken cancellationToken)
    {
        var v = new Validation().Required("sku", sku).Required("serialNumber", serial).MaxLength("serialNumber", serial, 64);
        var model = string.IsNullOrWhiteSpace(sku) ? null : await catalog.FindModelBySkuAsync(sku, cancellationToken);
        if (!string.IsNullOrWhiteSpace(sku) && model is null)
        {
            v.Add("sku", ErrorCodes.UnknownSku, sku);
        }

        var normalized = RegisteredUnit.NormalizeSerial(serial ?? "");
        if (model is not null && normalized.Length > 0 && !model.AcceptsSerial(normalized))
        {
            v.Add("serialNumber", ErrorCodes.SerialFormat, model.Sku);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var tenantId = tenant.RequireTenantId();
        var brand = tenant.TenantSlug ?? await db.Set<Tenant>().Where(t => t.Id == tenantId).Select(t => t.Slug).SingleAsync(cancellationToken);
        var signature = links.Sign(brand, model!.Sku, normalized);
        var url = baseUrl.TrimEnd('/') + RegistrationLinks.PathFor(brand, model.Sku, normalized, signature);
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return new RegistrationLink(url, model.Sku, normalized, signature, svg);
    }
}

public static class RegistrationLinkEndpoint
{
    public static void MapRegistrationLinks(this RouteGroupBuilder api) =>
        api.MapGet("/registration-links", async (string? sku, string? serial, CreateRegistrationLinkHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync($"{http.Request.Scheme}://{http.Request.Host}", sku, serial, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.CustomersManage)
            .WithTags("Registration")
            .WithSummary("The signed registration URL and QR code (SVG) to print on one unit.");
}
