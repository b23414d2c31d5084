using System.Security.Claims;
using CareLoop.Modules.Catalog.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Catalog.Features.Categories;

public sealed record CategoryRow(Guid Id, string Code, string Name, int SortOrder, int ModelCount, long Version);

public sealed record SaveCategoryRequest(string? Code, string? Name, int SortOrder = 0);

/// <summary>Lists and creates product categories.</summary>
public sealed class CategoriesHandler(CareLoopDbContext db, ITenantContext tenant, IAuditLog audit, TimeProvider time)
{
    public Task<List<CategoryRow>> ListAsync(CancellationToken cancellationToken) =>
        db.Set<ProductCategory>()
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Code)
            .Select(c => new CategoryRow(c.Id, c.Code, c.Name, c.SortOrder, db.Set<ProductModel>().Count(m => m.CategoryId == c.Id), c.Version))
            .ToListAsync(cancellationToken);

    public async Task<Result<CategoryRow>> CreateAsync(ClaimsPrincipal actor, SaveCategoryRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CatalogManage))
        {
            return Error.Forbidden();
        }

        var validation = new Validation()
            .Required("code", request.Code).MaxLength("code", request.Code, 64)
            .Required("name", request.Name).MaxLength("name", request.Name, 100);
        if (!string.IsNullOrWhiteSpace(request.Code) && !CatalogRules.IsValidCode(request.Code))
        {
            validation.Add("code", ErrorCodes.InvalidFormat);
        }

        if (validation.ToError() is { } invalid)
        {
            return invalid;
        }

        var code = request.Code!.Trim().ToLowerInvariant();
        if (await db.Set<ProductCategory>().AnyAsync(c => c.Code == code, cancellationToken))
        {
            return Error.Conflict(ErrorCodes.CategoryCodeTaken);
        }

        var category = ProductCategory.Create(tenant.RequireTenantId(), code, request.Name!, request.SortOrder, time.GetUtcNow());
        db.Add(category);
        audit.Record("catalog.category-created", nameof(ProductCategory), category.Id.ToString(), new { category.Code, category.Name });
        await db.SaveChangesAsync(cancellationToken);
        return new CategoryRow(category.Id, category.Code, category.Name, category.SortOrder, 0, category.Version);
    }
}

public static class CategoriesEndpoints
{
    public static void MapCategories(this RouteGroupBuilder catalog)
    {
        catalog.MapGet("/categories", (CategoriesHandler handler, CancellationToken ct) => handler.ListAsync(ct))
            .RequireAuthorization(Permissions.CatalogRead);
        catalog.MapPost("/categories", async (SaveCategoryRequest body, ClaimsPrincipal user, CategoriesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.CreateAsync(user, body, ct)).ToHttp(http, c => TypedResults.Created($"/api/v1/catalog/categories/{c.Id}", c)))
            .RequireAuthorization(Permissions.CatalogManage);
    }
}
