using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using CareLoop.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.SearchCustomers;

public sealed record CustomerRow(Guid Id, string Name, string? MaskedPhone, string? Address, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt);

/// <summary>Find customers: a phone number matches exactly through its blind index; other text matches names.</summary>
public sealed class SearchCustomersHandler(CareLoopDbContext db, ITenantContext tenant, PhoneVault vault)
{
    public async Task<Page<CustomerRow>> HandleAsync(string? query, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var customers = db.Set<Customer>().AsQueryable();
        var text = query?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            var serial = text.ToUpperInvariant();
            var index = text.Any(char.IsAsciiDigit) ? vault.IndexOf(tenant.RequireTenantId(), text) : null;
            if (index is not null)
            {
                // Two indexed lookups — (TenantId, BlindIndex) then the primary key — instead of letting the
                // planner walk the tenant's customers with a correlated subquery.
                var ids = await db.Set<CustomerPhone>().Where(p => p.BlindIndex == index).Select(p => p.CustomerId).ToListAsync(cancellationToken);
                customers = customers.Where(c => ids.Contains(c.Id));
            }
            else
            {
                customers = customers.Where(c => c.Name.Contains(text)
                    || db.Set<RegisteredUnit>().Any(u => u.CustomerId == c.Id && (u.SerialNumber == serial || u.OrderNumber == text)));
            }
        }

        var result = await customers
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new
            {
                c.Id, c.Name, c.CreatedAt,
                Phone = c.Phones.OrderByDescending(p => p.IsPrimary).Select(p => p.Masked).FirstOrDefault(),
                Address = c.Addresses.OrderByDescending(a => a.IsDefault).Select(a => new { a.CityName, a.DistrictName, a.Detail }).FirstOrDefault(),
                Tags = EF.Property<List<string>>(c, "_tags"),
            })
            .ToPageAsync(page, pageSize, cancellationToken);
        return new Page<CustomerRow>(
            result.Items.Select(c => new CustomerRow(c.Id, c.Name, c.Phone, c.Address is null ? null : $"{c.Address.CityName}{c.Address.DistrictName}{c.Address.Detail}", c.Tags, c.CreatedAt)).ToList(),
            result.PageNumber, result.PageSize, result.Total);
    }
}

public static class SearchCustomersEndpoint
{
    public static void MapSearchCustomers(this RouteGroupBuilder customers) =>
        customers.MapGet("/", (string? q, int? page, int? pageSize, SearchCustomersHandler handler, CancellationToken ct) => handler.HandleAsync(q, page, pageSize, ct))
            .RequireAuthorization(Permissions.CustomersRead)
            .WithSummary("Search customers: a phone number (exact) or part of a name.");
}
