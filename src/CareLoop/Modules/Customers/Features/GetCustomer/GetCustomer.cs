using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.GetCustomer;

public sealed record PhoneView(Guid Id, string Masked, bool IsPrimary);

public sealed record AddressView(Guid Id, string RegionCode, string FullText, double? Latitude, double? Longitude, bool IsDefault);

public sealed record CoverView(string Scope, DateOnly Start, DateOnly End, int DaysRemaining);

public sealed record ExtensionView(Guid Id, int Days, ExtensionKind Kind, string Reason, ExtensionStatus Status, DateTimeOffset RequestedAt);

public sealed record UnitView(
    Guid Id, string SerialNumber, string Sku, string? ModelName, DateOnly? PurchaseDate, PurchaseChannel Channel, string? OrderNumber,
    DateOnly? DeliveryDate, DateOnly? InstallDate, IReadOnlyList<CoverView> Covers, int ExtendedDays, IReadOnlyList<ExtensionView> Extensions);

public sealed record CustomerProfile(
    Guid Id, string Name, IReadOnlyList<PhoneView> Phones, IReadOnlyList<AddressView> Addresses, ContactChannel PreferredChannel,
    bool ConsentPhone, bool ConsentSms, bool ConsentWeChat, bool DoNotDisturb, DateTimeOffset? DoNotDisturbUntil, string? DoNotDisturbReason,
    IReadOnlyList<string> Tags, string? Notes, DateTimeOffset CreatedAt, long Version, IReadOnlyList<UnitView> Units,
    IReadOnlyList<ServiceRecord> Service);

/// <summary>A customer's profile with phones masked; revealing one is a separate, audited action.</summary>
/// <summary>The customer 360: profile, units with warranty state, service history, contactability — one call.</summary>
public sealed class GetCustomerHandler(CareLoopDbContext db, ICatalog catalog, ICustomerServiceHistory service, TimeProvider time)
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
            c.Tags, c.Notes, c.CreatedAt, c.Version, await UnitsAsync(c.Id, cancellationToken),
            await service.ForCustomerAsync(c.Id, cancellationToken));
    }

    /// <summary>The customer's units with each warranty cover and the days left today (approved extensions lengthen the main unit).</summary>
    private async Task<IReadOnlyList<UnitView>> UnitsAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var today = TimeDisplay.Today(time);
        var units = await db.Set<RegisteredUnit>().AsNoTracking().Include(u => u.Extensions).Where(u => u.CustomerId == customerId)
            .OrderByDescending(u => u.RegisteredAt).ToListAsync(cancellationToken);
        var views = new List<UnitView>();
        foreach (var u in units)
        {
            var model = await catalog.FindModelAsync(u.ModelId, cancellationToken);
            var covers = (await catalog.WarrantyCoversAsync(u.ModelId, u.PurchaseDate, u.DeliveryDate, null, cancellationToken))
                .Select(cover =>
                {
                    var end = cover.Scope == WarrantyScopes.MainUnit ? cover.End.AddDays(u.ExtendedDays) : cover.End;
                    return new CoverView(cover.Scope, cover.Start, end, WarrantyScopes.DaysRemaining(end, today));
                })
                .ToList();
            views.Add(new UnitView(u.Id, u.SerialNumber, u.Sku, model?.Name, u.PurchaseDate, u.Channel, u.OrderNumber, u.DeliveryDate, u.InstallDate,
                covers, u.ExtendedDays,
                u.Extensions.OrderByDescending(e => e.RequestedAt).Select(e => new ExtensionView(e.Id, e.Days, e.Kind, e.Reason, e.Status, e.RequestedAt)).ToList()));
        }

        return views;
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
