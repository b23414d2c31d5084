namespace CareLoop.Modules.Catalog.Contracts;

/// <summary>What other modules may read of the catalog (tenant-scoped).</summary>
public interface ICatalog
{
    Task<ModelInfo?> FindModelAsync(Guid modelId, CancellationToken cancellationToken);

    Task<ModelInfo?> FindModelBySkuAsync(string sku, CancellationToken cancellationToken);
}

public sealed record ModelInfo(
    Guid Id, string Sku, string Name, Guid CategoryId, string CategoryCode, bool IsActive, string? SerialPattern,
    IReadOnlyList<ConsumableInfo> Consumables);

public sealed record ConsumableInfo(Guid Id, string Code, string Name, int IntervalDays, long PriceFen);
