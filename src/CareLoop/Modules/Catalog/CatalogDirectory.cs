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

    public async Task<IReadOnlyList<ModelSummary>> ActiveModelsAsync(CancellationToken cancellationToken) =>
        await db.Set<ProductModel>().Where(m => m.IsActive).OrderBy(m => m.Name).Select(m => new ModelSummary(m.Id, m.Sku, m.Name)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<UnitCoverage>> CoverageAsync(IReadOnlyList<UnitFacts> units, CancellationToken cancellationToken)
    {
        var ids = units.Select(u => u.ModelId).Distinct().ToList();
        var models = await db.Set<ProductModel>().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Name, m.Warranty })
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        return units.Select(u => models.TryGetValue(u.ModelId, out var m)
                ? new UnitCoverage(m.Name, WarrantyCalculator.Covers(m.Warranty, new WarrantyFacts(u.InvoiceDate, u.DeliveryDate, u.ManufactureDate))
                    .Select(c => new WarrantyCoverInfo(c.Scope, c.Start, c.End)).ToList())
                : new UnitCoverage(null, []))
            .ToList();
    }

    public async Task<bool> WarrantyTransfersAsync(Guid modelId, CancellationToken cancellationToken) =>
        (await PolicyAsync(modelId, cancellationToken))?.TransfersWithOwnership ?? false;

    public async Task<IReadOnlyList<CategoryInfo>> CategoriesAsync(CancellationToken cancellationToken) =>
        await db.Set<ProductCategory>().OrderBy(c => c.SortOrder).ThenBy(c => c.Code).Select(c => new CategoryInfo(c.Code, c.Name)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<FaultCodeInfo>> FaultCodesAsync(Guid categoryId, CancellationToken cancellationToken) =>
        await db.Set<FaultCode>().AsNoTracking().Where(f => f.CategoryId == categoryId && f.IsActive).OrderBy(f => f.Code)
            .Select(f => new FaultCodeInfo(f.Id, f.ParentId, (int)f.Level, f.Code, f.Name)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<PartInfo>> PartsAsync(Guid modelId, CancellationToken cancellationToken) =>
        await db.Set<ProductModel>().AsNoTracking().Where(m => m.Id == modelId).SelectMany(m => m.Parts).OrderBy(p => p.Code)
            .Select(p => new PartInfo(p.Id, p.Code, p.Name, p.ListPriceFen, p.IsWearPart)).ToListAsync(cancellationToken);

    private Task<WarrantyPolicy?> PolicyAsync(Guid modelId, CancellationToken cancellationToken) =>
        db.Set<ProductModel>().Where(m => m.Id == modelId).Select(m => (WarrantyPolicy?)m.Warranty).SingleOrDefaultAsync(cancellationToken);

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
