using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Catalog.Domain;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Catalog;

internal sealed class CatalogDirectory(CareLoopDbContext db) : ICatalog
{
    public Task<ModelInfo?> FindModelAsync(Guid modelId, CancellationToken cancellationToken) =>
        QueryAsync(m => m.Id == modelId, cancellationToken);

    public Task<ModelInfo?> FindModelBySkuAsync(string sku, CancellationToken cancellationToken)
    {
        var normalized = ProductModel.NormalizeSku(sku);
        return QueryAsync(m => m.Sku == normalized, cancellationToken);
    }

    private Task<ModelInfo?> QueryAsync(System.Linq.Expressions.Expression<Func<ProductModel, bool>> filter, CancellationToken cancellationToken) =>
        db.Set<ProductModel>()
            .Where(filter)
            .Select(m => new ModelInfo(
                m.Id, m.Sku, m.Name, m.CategoryId,
                db.Set<ProductCategory>().Where(c => c.Id == m.CategoryId).Select(c => c.Code).First(),
                m.IsActive, m.SerialPattern,
                m.Consumables.OrderBy(c => c.Code).Select(c => new ConsumableInfo(c.Id, c.Code, c.Name, c.IntervalDays, c.PriceFen)).ToList()))
            .SingleOrDefaultAsync(cancellationToken);
}
