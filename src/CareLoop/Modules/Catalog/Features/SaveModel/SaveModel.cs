using System.Security.Claims;
using CareLoop.Modules.Catalog.Domain;
using CareLoop.Modules.Catalog.Features.GetModel;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Catalog.Features.SaveModel;

public sealed record PartInput(string? Code, string? Name, long ListPriceFen, bool IsWearPart);

public sealed record ConsumableInput(string? Code, string? Name, int IntervalDays, long PriceFen);

/// <summary>Creates a model (no id) or replaces its description, BOM, consumables and warranty (with <c>expectedVersion</c>).</summary>
public sealed record SaveModelRequest(
    string? Sku, string? Name, Guid? CategoryId, DateOnly? LaunchDate, string? PhotoUrl, bool IsActive, string? SerialPattern,
    WarrantyPolicy? Warranty, IReadOnlyList<PartInput>? Parts, IReadOnlyList<ConsumableInput>? Consumables, long? ExpectedVersion);

public sealed class SaveModelHandler(CareLoopDbContext db, ITenantContext tenant, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<ModelDetail>> HandleAsync(ClaimsPrincipal actor, Guid? id, SaveModelRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CatalogManage))
        {
            return Error.Forbidden();
        }

        if (await ValidateAsync(request, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var sku = ProductModel.NormalizeSku(request.Sku!);
        ProductModel model;
        if (id is null)
        {
            if (await db.Set<ProductModel>().AnyAsync(m => m.Sku == sku, cancellationToken))
            {
                return Error.Conflict(ErrorCodes.SkuTaken);
            }

            model = ProductModel.Create(tenant.RequireTenantId(), sku, request.Name!, request.CategoryId!.Value, now);
            db.Add(model);
        }
        else
        {
            var found = await db.Set<ProductModel>().Include(m => m.Parts).Include(m => m.Consumables).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (found is null)
            {
                return Error.NotFound();
            }

            if (request.ExpectedVersion is { } expected && expected != found.Version)
            {
                return Error.Conflict(ErrorCodes.ConcurrencyConflict);
            }

            if (found.Sku != sku)
            {
                return Error.Validation([new FieldError("sku", ErrorCodes.InvalidFormat)]);
            }

            model = found;
        }

        model.Describe(request.Name!, request.CategoryId!.Value, request.LaunchDate, request.PhotoUrl, request.IsActive, request.SerialPattern);
        model.SetWarranty(request.Warranty ?? WarrantyPolicy.Standard);
        model.SetParts((request.Parts ?? []).Select(p => (p.Code!, p.Name!, p.ListPriceFen, p.IsWearPart)), now);
        model.SetConsumables((request.Consumables ?? []).Select(c => (c.Code!, c.Name!, c.IntervalDays, c.PriceFen)), now);
        if (id is not null)
        {
            // A change anywhere in the aggregate (BOM, consumables) is a new version of the model.
            db.Entry(model).State = EntityState.Modified;
        }

        audit.Record(id is null ? "catalog.model-created" : "catalog.model-updated", nameof(ProductModel), model.Id.ToString(), new { model.Sku });
        await db.SaveChangesAsync(cancellationToken);
        return GetModelHandler.ToDetail(model);
    }

    private async Task<Error?> ValidateAsync(SaveModelRequest r, CancellationToken cancellationToken)
    {
        var v = new Validation()
            .Required("sku", r.Sku).MaxLength("sku", r.Sku, 64)
            .Required("name", r.Name).MaxLength("name", r.Name, 200)
            .MaxLength("photoUrl", r.PhotoUrl, 500)
            .MaxLength("serialPattern", r.SerialPattern, 200);
        if (!string.IsNullOrWhiteSpace(r.Sku) && !CatalogRules.IsValidCode(r.Sku))
        {
            v.Add("sku", ErrorCodes.InvalidFormat);
        }

        if (r.CategoryId is null)
        {
            v.Add("categoryId", ErrorCodes.Required);
        }
        else if (!await db.Set<ProductCategory>().AnyAsync(c => c.Id == r.CategoryId, cancellationToken))
        {
            v.Add("categoryId", ErrorCodes.UnknownCategory);
        }

        if (!ProductModel.IsValidPattern(r.SerialPattern))
        {
            v.Add("serialPattern", ErrorCodes.InvalidFormat);
        }

        if (r.Warranty is { } w)
        {
            v.Range("warranty.mainUnitMonths", w.MainUnitMonths, 0, CatalogRules.MaxWarrantyMonths)
                .Range("warranty.wearPartsMonths", w.WearPartsMonths, 0, CatalogRules.MaxWarrantyMonths)
                .Range("warranty.startOffset", w.StartOffset, 0, 365);
            if (!Enum.IsDefined(w.StartRule))
            {
                v.Add("warranty.startRule", ErrorCodes.InvalidFormat);
            }

            for (var i = 0; i < (w.Components?.Count ?? 0); i++)
            {
                v.Required($"warranty.components[{i}].component", w.Components![i].Component)
                    .Range($"warranty.components[{i}].months", w.Components[i].Months, 1, CatalogRules.MaxWarrantyMonths);
            }

            Unique(v, "warranty.components", (w.Components ?? []).Select(c => c.Component));
        }

        for (var i = 0; i < (r.Parts?.Count ?? 0); i++)
        {
            var p = r.Parts![i];
            v.Required($"parts[{i}].code", p.Code).Required($"parts[{i}].name", p.Name).MaxLength($"parts[{i}].code", p.Code, 64);
            if (p.ListPriceFen < 0)
            {
                v.Add($"parts[{i}].listPriceFen", ErrorCodes.OutOfRange, 0, long.MaxValue);
            }
        }

        for (var i = 0; i < (r.Consumables?.Count ?? 0); i++)
        {
            var c = r.Consumables![i];
            v.Required($"consumables[{i}].code", c.Code).Required($"consumables[{i}].name", c.Name)
                .MaxLength($"consumables[{i}].code", c.Code, 64)
                .Range($"consumables[{i}].intervalDays", c.IntervalDays, 1, CatalogRules.MaxConsumableIntervalDays);
            if (c.PriceFen < 0)
            {
                v.Add($"consumables[{i}].priceFen", ErrorCodes.OutOfRange, 0, long.MaxValue);
            }
        }

        Unique(v, "parts", (r.Parts ?? []).Select(p => p.Code));
        Unique(v, "consumables", (r.Consumables ?? []).Select(c => c.Code));
        return v.ToError();
    }

    private static void Unique(Validation v, string field, IEnumerable<string?> keys)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys.Where(k => !string.IsNullOrWhiteSpace(k)))
        {
            if (!seen.Add(key!.Trim()))
            {
                v.Add(field, ErrorCodes.Duplicate, key.Trim());
            }
        }
    }
}

public static class SaveModelEndpoints
{
    public static void MapSaveModel(this RouteGroupBuilder catalog)
    {
        catalog.MapPost("/models", async (SaveModelRequest body, ClaimsPrincipal user, SaveModelHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, null, body, ct)).ToHttp(http, m => TypedResults.Created($"/api/v1/catalog/models/{m.Id}", m)))
            .RequireAuthorization(Permissions.CatalogManage)
            .WithSummary("Create a model with its BOM, consumables and warranty policy.");
        catalog.MapPut("/models/{id:guid}", async (Guid id, SaveModelRequest body, ClaimsPrincipal user, SaveModelHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.CatalogManage)
            .WithSummary("Replace a model's description, BOM, consumables and warranty; 409 when expectedVersion is stale.");
    }
}
