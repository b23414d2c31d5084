using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Files;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.SelfRegister;

/// <summary>What the customer submits. <see cref="Signature"/> comes from the QR code; without it the serial was typed.</summary>
public sealed record SelfRegistrationRequest(
    string? Sku, string? SerialNumber, string? Signature, string? Phone, string? VerificationCode, string? Name,
    DateOnly? PurchaseDate, PurchaseChannel Channel = PurchaseChannel.Other, string? OrderNumber = null);

public sealed record SelfRegistered(Guid UnitId, string SerialNumber, string Sku, string? ModelName, string MaskedPhone, IReadOnlyList<CoverView> Covers);

/// <summary>
/// A customer registers their product: the phone is proven by an SMS code, the serial by the signed QR (or the
/// model's serial format when typed), the purchase by an invoice. Creates or links the customer by phone, registers
/// the unit and so starts its warranty — all in one transaction; on any error nothing is saved but the spent try.
/// </summary>
public sealed class SelfRegisterHandler(
    CareLoopDbContext db, ITenantContext tenant, PhoneVault vault, ICatalog catalog, RegistrationLinks links, FileIntake files,
    UnitWarranty warranty, Codes.OneTimeCodes codes, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<SelfRegistered>> HandleAsync(SelfRegistrationRequest request, Upload? invoice, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequireTenantId();
        var v = new Validation()
            .Required("name", request.Name).MaxLength("name", request.Name, CustomerRules.MaxNameLength)
            .Required("verificationCode", request.VerificationCode)
            .Required("serialNumber", request.SerialNumber).MaxLength("serialNumber", request.SerialNumber, 64)
            .Required("sku", request.Sku)
            .MaxLength("orderNumber", request.OrderNumber, 64);
        var phone = vault.Seal(tenantId, request.Phone);
        if (phone is null)
        {
            v.Add("phone", ErrorCodes.InvalidPhone);
        }

        var serial = RegisteredUnit.NormalizeSerial(request.SerialNumber ?? "");
        var model = string.IsNullOrWhiteSpace(request.Sku) ? null : await catalog.FindModelBySkuAsync(request.Sku, cancellationToken);
        if (!string.IsNullOrWhiteSpace(request.Sku) && model is not { IsActive: true })
        {
            v.Add("sku", ErrorCodes.UnknownSku, request.Sku);
        }

        if (request.Signature is not null && !links.Verify(tenant.TenantSlug!, model?.Sku ?? request.Sku ?? "", serial, request.Signature))
        {
            v.Add("qr", ErrorCodes.QrSignatureInvalid);
        }
        else if (model is not null && serial.Length > 0 && !model.AcceptsSerial(serial))
        {
            v.Add("serialNumber", ErrorCodes.SerialFormat, model.Sku);
        }

        if (request.PurchaseDate is null)
        {
            v.Add("purchaseDate", ErrorCodes.Required);
        }
        else if (request.PurchaseDate > TimeDisplay.Today(time))
        {
            v.Add("purchaseDate", ErrorCodes.InFuture);
        }

        if (!Enum.IsDefined(request.Channel))
        {
            v.Add("channel", ErrorCodes.InvalidFormat);
        }

        await using var inspected = await InspectInvoiceAsync(invoice, v, cancellationToken);
        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        if (await codes.VerifyAsync(phone!.BlindIndex, SendRegistrationCodeHandler.Purpose, request.VerificationCode, "verificationCode", cancellationToken) is { } codeError)
        {
            return codeError;
        }

        var customerId = await db.Set<CustomerPhone>().Where(p => p.BlindIndex == phone.BlindIndex).Select(p => (Guid?)p.CustomerId).FirstOrDefaultAsync(cancellationToken);
        var existing = await db.Set<RegisteredUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.SerialNumber == serial, cancellationToken);
        if (existing is not null && existing.CustomerId != customerId)
        {
            return new Validation().Add("serialNumber", ErrorCodes.SerialTaken).ToError()!;
        }

        var now = time.GetUtcNow();
        if (customerId is null)
        {
            var customer = Customer.Create(tenantId, request.Name!, now);
            customer.SetPreferences(ContactChannel.Sms, phone: true, sms: true, weChat: false);
            customer.AddPhone(phone.Cipher, phone.BlindIndex, phone.Masked, now);
            db.Add(customer);
            customerId = customer.Id;
            audit.Record(tenantId, null, "customer " + phone.Masked, "customer.self-registered", nameof(Customer), customer.Id.ToString());
        }

        var unit = existing;
        if (unit is null)
        {
            unit = RegisteredUnit.Register(tenantId, customerId.Value, serial, model!.Id, model.Sku, request.PurchaseDate, request.Channel,
                request.OrderNumber, null, null, now, RegistrationSource.Customer);
            db.Add(unit);
            audit.Record(tenantId, null, "customer " + phone.Masked, "unit.registered", nameof(RegisteredUnit), unit.Id.ToString(),
                new { unit.SerialNumber, unit.Sku, customerId, source = "customer", qr = request.Signature is not null });
        }

        if (existing is null && inspected is not null)
        {
            unit.AttachInvoice((await files.StoreAsync(inspected, "invoice", cancellationToken)).Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new SelfRegistered(unit.Id, unit.SerialNumber, unit.Sku, model!.Name, phone.Masked, await warranty.CoversAsync(unit, cancellationToken));
    }

    private static async Task<InspectedUpload?> InspectInvoiceAsync(Upload? invoice, Validation v, CancellationToken cancellationToken)
    {
        if (invoice is null)
        {
            v.Add("invoice", ErrorCodes.Required);
            return null;
        }

        var result = await FileIntake.InspectAsync("invoice", invoice, CustomerRules.MaxInvoiceBytes, FileKinds.ImagesAndPdf, cancellationToken);
        foreach (var field in result.Error?.Fields ?? [])
        {
            v.Add(field.Field, field.Code, field.Args);
        }

        return result.Value;
    }
}
