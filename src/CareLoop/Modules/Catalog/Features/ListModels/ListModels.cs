using CareLoop.Modules.Catalog.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Web;

namespace CareLoop.Modules.Catalog.Features.ListModels;

public sealed record ModelRow(Guid Id, string Sku, string Name, Guid CategoryId, string CategoryName, DateOnly? LaunchDate, bool IsActive, int ConsumableCount, int PartCount);

public sealed class ListModelsHandler(CareLoopDbContext db)
{
    public Task<Page<ModelRow>> HandleAsync(Guid? categoryId, string? search, bool? active, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var models = db.Set<ProductModel>().AsQueryable();
        if (categoryId is { } category)
        {
            models = models.Where(m => m.CategoryId == category);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            var sku = term.ToUpperInvariant();
            models = models.Where(m => m.Sku.Contains(sku) || m.Name.Contains(term));
        }

        if (active is { } isActive)
        {
            models = models.Where(m => m.IsActive == isActive);
        }

        return models
            .OrderBy(m => m.Sku)
            .Select(m => new ModelRow(
                m.Id, m.Sku, m.Name, m.CategoryId,
                db.Set<ProductCategory>().Where(c => c.Id == m.CategoryId).Select(c => c.Name).First(),
                m.LaunchDate, m.IsActive, m.Consumables.Count, m.Parts.Count))
            .ToPageAsync(page, pageSize, cancellationToken);
    }
}

public static class ListModelsEndpoint
{
    public static void MapListModels(this RouteGroupBuilder catalog) =>
        catalog.MapGet("/models", (Guid? categoryId, string? search, bool? active, int? page, int? pageSize, ListModelsHandler handler, CancellationToken ct) =>
                handler.HandleAsync(categoryId, search, active, page, pageSize, ct))
            .RequireAuthorization(Permissions.CatalogRead)
            .WithSummary("Product models (SKUs), filtered by category, text and active flag.");
}
