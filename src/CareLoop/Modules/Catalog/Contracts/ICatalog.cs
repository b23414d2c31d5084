namespace CareLoop.Modules.Catalog.Contracts;

/// <summary>What other modules may read of the catalog (tenant-scoped).</summary>
public interface ICatalog
{
    Task<ModelInfo?> FindModelAsync(Guid modelId, CancellationToken cancellationToken);

    Task<ModelInfo?> FindModelBySkuAsync(string sku, CancellationToken cancellationToken);

    /// <summary>Models on sale, by name: what a customer or an importer may pick.</summary>
    Task<IReadOnlyList<ModelSummary>> ActiveModelsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The warranty covers (by each model's policy and start rule; none when the rule's date is missing) and the model
    /// name of many units at once, in one query however many units. Results are in the order of <paramref name="units"/>.
    /// </summary>
    Task<IReadOnlyList<UnitCoverage>> CoverageAsync(IReadOnlyList<UnitFacts> units, CancellationToken cancellationToken);

    /// <summary>Whether the model's warranty follows the unit to a new owner.</summary>
    Task<bool> WarrantyTransfersAsync(Guid modelId, CancellationToken cancellationToken);

    /// <summary>The tenant's product categories in display order: their codes (lower case) are what skills and contracts name.</summary>
    Task<IReadOnlyList<CategoryInfo>> CategoriesAsync(CancellationToken cancellationToken);

    /// <summary>The active nodes of a category's fault tree (symptom 1 → component 2 → cause 3), by code: parents before children.</summary>
    Task<IReadOnlyList<FaultCodeInfo>> FaultCodesAsync(Guid categoryId, CancellationToken cancellationToken);

    /// <summary>A model's BOM: its spare parts with list prices, by code (empty for an unknown model).</summary>
    Task<IReadOnlyList<PartInfo>> PartsAsync(Guid modelId, CancellationToken cancellationToken);
}

/// <summary>A fault-tree node; <paramref name="Level"/> 1 symptom, 2 component, 3 cause.</summary>
public sealed record FaultCodeInfo(Guid Id, Guid? ParentId, int Level, string Code, string Name);

public sealed record PartInfo(Guid Id, string Code, string Name, long ListPriceFen, bool IsWearPart);

public sealed record CategoryInfo(string Code, string Name);

/// <summary>Warranty scope names and the day arithmetic every page shows.</summary>
public static class WarrantyScopes
{
    public const string MainUnit = "main-unit";
    public const string WearParts = "wear-parts";

    /// <summary>Days left including today; 0 once expired.</summary>
    public static int DaysRemaining(DateOnly end, DateOnly today) => Math.Max(0, end.DayNumber - today.DayNumber + 1);
}

/// <summary>What a warranty start rule may need about one unit.</summary>
public sealed record UnitFacts(Guid ModelId, DateOnly? InvoiceDate, DateOnly? DeliveryDate, DateOnly? ManufactureDate);

/// <summary>A unit's model name (null when the model is gone) and its covers by the model's policy.</summary>
public sealed record UnitCoverage(string? ModelName, IReadOnlyList<WarrantyCoverInfo> Covers);

/// <summary>One warranty scope of a unit: <c>main-unit</c>, <c>wear-parts</c> or a component name.</summary>
public sealed record WarrantyCoverInfo(string Scope, DateOnly Start, DateOnly End);

public sealed record ModelSummary(Guid Id, string Sku, string Name);

public sealed record ModelInfo(
    Guid Id, string Sku, string Name, Guid CategoryId, string CategoryCode, bool IsActive, string? SerialPattern,
    IReadOnlyList<ConsumableInfo> Consumables)
{
    public bool AcceptsSerial(string serial) => SerialFormat.Matches(SerialPattern, serial);
}

/// <summary>A model's serial-number format: a regular expression the whole serial must match (none: any serial).</summary>
public static class SerialFormat
{
    public static bool Matches(string? pattern, string serial) =>
        pattern is null || System.Text.RegularExpressions.Regex.IsMatch(
            serial, "^(?:" + pattern + ")$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}

public sealed record ConsumableInfo(Guid Id, string Code, string Name, int IntervalDays, long PriceFen);
