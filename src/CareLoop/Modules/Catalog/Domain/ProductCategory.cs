using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Catalog.Domain;

/// <summary>A product family of a brand (water purifier, robot vacuum…): fault codes and skills hang off it.</summary>
public sealed class ProductCategory : ITenantOwned, IVersioned
{
    private ProductCategory()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>Stable key used by integrations and skills, e.g. <c>water-purifier</c>.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public int SortOrder { get; private set; }

    public long Version { get; set; }

    public static ProductCategory Create(Guid tenantId, string code, string name, int sortOrder, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        Code = code.Trim().ToLowerInvariant(),
        Name = name.Trim(),
        SortOrder = sortOrder,
    };

    public void Rename(string name, int sortOrder)
    {
        Name = name.Trim();
        SortOrder = sortOrder;
    }
}
