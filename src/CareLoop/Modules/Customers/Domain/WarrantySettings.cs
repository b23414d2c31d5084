using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Customers.Domain;

/// <summary>A tenant's warranty settings; absent until a tenant administrator changes a default.</summary>
public sealed class WarrantySettings : ITenantOwned, IVersioned
{
    private WarrantySettings()
    {
    }

    public Guid TenantId { get; private set; }

    /// <summary>Goodwill days an agent may grant without a supervisor.</summary>
    public int GoodwillLimitDays { get; private set; } = CustomerRules.DefaultGoodwillLimitDays;

    public long Version { get; set; }

    public static WarrantySettings Create(Guid tenantId, int goodwillLimitDays) => new() { TenantId = tenantId, GoodwillLimitDays = goodwillLimitDays };

    public void SetGoodwillLimit(int days) => GoodwillLimitDays = days;
}
