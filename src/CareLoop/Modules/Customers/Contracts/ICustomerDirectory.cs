namespace CareLoop.Modules.Customers.Contracts;

/// <summary>What other modules may ask about customers (tenant-scoped): lookup by phone, summaries, contactability.</summary>
public interface ICustomerDirectory
{
    Task<Guid?> FindByPhoneAsync(string phone, CancellationToken cancellationToken);

    Task<CustomerSummary?> FindAsync(Guid customerId, CancellationToken cancellationToken);

    /// <summary>Many customers' names at once (lists): id → name, for the ids that exist.</summary>
    Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken);

    Task<UnitSummary?> FindUnitAsync(Guid unitId, CancellationToken cancellationToken);

    /// <summary>Whether the unit's main-unit warranty (with approved extensions, voided by a non-transferable sale) covers the date; null for an unknown unit.</summary>
    Task<bool?> UnderWarrantyAsync(Guid unitId, DateOnly on, CancellationToken cancellationToken);
}

/// <summary>A registered unit as other modules see it: whose it is, which model, which serial.</summary>
public sealed record UnitSummary(Guid Id, Guid CustomerId, Guid ModelId, string Sku, string SerialNumber);

public sealed record CustomerSummary(Guid Id, string Name, string? MaskedPhone, string? DistrictCode, bool DoNotDisturb);
