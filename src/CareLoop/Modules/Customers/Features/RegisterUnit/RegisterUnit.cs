using System.Security.Claims;
using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.RegisterUnit;

public sealed record RegisterUnitRequest(
    string? SerialNumber, string? Sku, DateOnly? PurchaseDate, PurchaseChannel Channel = PurchaseChannel.Other, string? OrderNumber = null,
    DateOnly? DeliveryDate = null, DateOnly? InstallDate = null);

public sealed record RegisteredUnitRef(Guid Id, string SerialNumber, string Sku);

/// <summary>Registers a product to a customer; the warranty starts from the model's rule and these dates.</summary>
public sealed class RegisterUnitHandler(CareLoopDbContext db, ITenantContext tenant, ICatalog catalog, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<RegisteredUnitRef>> HandleAsync(ClaimsPrincipal actor, Guid customerId, RegisterUnitRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CustomersManage))
        {
            return Error.Forbidden();
        }

        if (!await db.Set<Customer>().AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return Error.NotFound();
        }

        var today = TimeDisplay.Today(time);
        var v = new Validation()
            .Required("serialNumber", request.SerialNumber).MaxLength("serialNumber", request.SerialNumber, 64)
            .Required("sku", request.Sku)
            .MaxLength("orderNumber", request.OrderNumber, 64);
        var model = string.IsNullOrWhiteSpace(request.Sku) ? null : await catalog.FindModelBySkuAsync(request.Sku, cancellationToken);
        if (!string.IsNullOrWhiteSpace(request.Sku) && model is null)
        {
            v.Add("sku", ErrorCodes.UnknownSku, request.Sku);
        }

        var serial = RegisteredUnit.NormalizeSerial(request.SerialNumber ?? "");
        if (model is not null && serial.Length > 0 && !model.AcceptsSerial(serial))
        {
            v.Add("serialNumber", ErrorCodes.SerialFormat, model.Sku);
        }

        foreach (var (field, date) in new[] { ("purchaseDate", request.PurchaseDate), ("deliveryDate", request.DeliveryDate), ("installDate", request.InstallDate) })
        {
            if (date > today)
            {
                v.Add(field, ErrorCodes.InFuture);
            }
        }

        if (!Enum.IsDefined(request.Channel))
        {
            v.Add("channel", ErrorCodes.InvalidFormat);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        if (await db.Set<RegisteredUnit>().AnyAsync(u => u.SerialNumber == serial, cancellationToken))
        {
            return Error.Conflict(ErrorCodes.SerialTaken);
        }

        var unit = RegisteredUnit.Register(tenant.RequireTenantId(), customerId, serial, model!.Id, model.Sku, request.PurchaseDate, request.Channel,
            request.OrderNumber, request.DeliveryDate, request.InstallDate, time.GetUtcNow());
        db.Add(unit);
        audit.Record("unit.registered", nameof(RegisteredUnit), unit.Id.ToString(), new { unit.SerialNumber, unit.Sku, customerId });
        await db.SaveChangesAsync(cancellationToken);
        return new RegisteredUnitRef(unit.Id, unit.SerialNumber, unit.Sku);
    }
}

public static class RegisterUnitEndpoint
{
    public static void MapRegisterUnit(this RouteGroupBuilder customers) =>
        customers.MapPost("/{id:guid}/units", async (Guid id, RegisterUnitRequest body, ClaimsPrincipal user, RegisterUnitHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body, ct)).ToHttp(http, u => TypedResults.Created($"/api/v1/units/{u.Id}", u)))
            .RequireAuthorization(Permissions.CustomersManage)
            .WithSummary("Register a unit (serial number unique per brand, checked against the model's format).");
}
