using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using CareLoop.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.SearchCustomers;

public sealed record CustomerRow(Guid Id, string Name, string? MaskedPhone, string? Address, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt);

/// <summary>Find customers by phone, serial or order number (exact), or by the start of their name.</summary>
public sealed class SearchCustomersHandler(CareLoopDbContext db, ITenantContext tenant, PhoneVault vault)
{
    public async Task<Page<CustomerRow>> HandleAsync(string? query, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var customers = db.Set<Customer>().AsQueryable();
        var text = query?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            customers = await NarrowAsync(customers, text, cancellationToken);
        }

        var result = await customers
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new
            {
                c.Id, c.Name, c.CreatedAt,
                Phone = c.Phones.OrderByDescending(p => p.IsPrimary).Select(p => p.Masked).FirstOrDefault(),
                // A scalar (not an object) keeps this a correlated LIMIT 1 lookup; an object projection becomes a
                // window function over every address of the table.
                Address = c.Addresses.OrderByDescending(a => a.IsDefault).Select(a => a.CityName + a.DistrictName + a.Detail).FirstOrDefault(),
                Tags = EF.Property<List<string>>(c, "_tags"),
            })
            .ToPageAsync(page, pageSize, cancellationToken);
        return new Page<CustomerRow>(
            result.Items.Select(c => new CustomerRow(c.Id, c.Name, c.Phone, c.Address, c.Tags, c.CreatedAt)).ToList(),
            result.PageNumber, result.PageSize, result.Total);
    }

    /// <summary>
    /// Exact keys go through their own unique indexes first — a phone through its blind index, a serial or an order
    /// number through (TenantId, SerialNumber / OrderNumber) — and only then to customers by primary key. Anything
    /// else is the start of a name.
    /// </summary>
    private async Task<IQueryable<Customer>> NarrowAsync(IQueryable<Customer> customers, string text, CancellationToken cancellationToken)
    {
        if (text.Any(char.IsAsciiDigit) && vault.IndexOf(tenant.RequireTenantId(), text) is { } index)
        {
            var owner = await db.Set<CustomerPhone>().Where(p => p.BlindIndex == index).Select(p => p.CustomerId).FirstOrDefaultAsync(cancellationToken);
            return customers.Where(c => c.Id == owner);
        }

        var serial = text.ToUpperInvariant();
        var owners = await db.Set<RegisteredUnit>()
            .Where(u => u.SerialNumber == serial || u.OrderNumber == text)
            .Select(u => u.CustomerId).Distinct().Take(Paging.MaxPageSize)
            .ToListAsync(cancellationToken);
        return owners.Count switch
        {
            0 => customers.Where(c => c.Name.StartsWith(text)),
            1 => customers.Where(c => c.Id == owners[0]),
            _ => customers.Where(c => owners.Contains(c.Id)),
        };
    }
}

public static class SearchCustomersEndpoint
{
    public static void MapSearchCustomers(this RouteGroupBuilder customers) =>
        customers.MapGet("/", (string? q, int? page, int? pageSize, SearchCustomersHandler handler, CancellationToken ct) => handler.HandleAsync(q, page, pageSize, ct))
            .RequireAuthorization(Permissions.CustomersRead)
            .WithSummary("Search customers: a phone number (exact) or part of a name.");
}
