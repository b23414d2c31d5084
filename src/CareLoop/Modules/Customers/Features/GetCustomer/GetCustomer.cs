using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.GetCustomer;

public sealed record PhoneView(Guid Id, string Masked, bool IsPrimary);

public sealed record AddressView(Guid Id, string RegionCode, string FullText, double? Latitude, double? Longitude, bool IsDefault);

public sealed record CustomerProfile(
    Guid Id, string Name, IReadOnlyList<PhoneView> Phones, IReadOnlyList<AddressView> Addresses, ContactChannel PreferredChannel,
    bool ConsentPhone, bool ConsentSms, bool ConsentWeChat, bool DoNotDisturb, DateTimeOffset? DoNotDisturbUntil, string? DoNotDisturbReason,
    IReadOnlyList<string> Tags, string? Notes, DateTimeOffset CreatedAt, long Version);

/// <summary>A customer's profile with phones masked; revealing one is a separate, audited action.</summary>
public sealed class GetCustomerHandler(CareLoopDbContext db, TimeProvider time)
{
    public async Task<Result<CustomerProfile>> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var c = await db.Set<Customer>().AsNoTracking().Include(x => x.Phones).Include(x => x.Addresses).SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return Error.NotFound();
        }

        return new CustomerProfile(
            c.Id, c.Name,
            c.Phones.OrderByDescending(p => p.IsPrimary).Select(p => new PhoneView(p.Id, p.Masked, p.IsPrimary)).ToList(),
            c.Addresses.OrderByDescending(a => a.IsDefault).Select(a => new AddressView(a.Id, a.DistrictCode, a.FullText, a.Latitude, a.Longitude, a.IsDefault)).ToList(),
            c.PreferredChannel, c.ConsentPhone, c.ConsentSms, c.ConsentWeChat, c.IsDoNotDisturb(time.GetUtcNow()), c.DoNotDisturbUntil, c.DoNotDisturbReason,
            c.Tags, c.Notes, c.CreatedAt, c.Version);
    }
}

public static class GetCustomerEndpoint
{
    public static void MapGetCustomer(this RouteGroupBuilder customers) =>
        customers.MapGet("/{id:guid}", async (Guid id, GetCustomerHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.CustomersRead)
            .WithSummary("A customer's profile; phone numbers are masked.");
}
