namespace CareLoop.Modules.Customers.Contracts;

/// <summary>What other modules may ask about customers (tenant-scoped): lookup by phone, summaries, contactability.</summary>
public interface ICustomerDirectory
{
    Task<Guid?> FindByPhoneAsync(string phone, CancellationToken cancellationToken);

    Task<CustomerSummary?> FindAsync(Guid customerId, CancellationToken cancellationToken);
}

public sealed record CustomerSummary(Guid Id, string Name, string? MaskedPhone, string? DistrictCode, bool DoNotDisturb);
