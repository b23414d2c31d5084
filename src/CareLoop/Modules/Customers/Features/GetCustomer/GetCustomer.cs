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

public sealed record ExtensionView(Guid Id, int Days, ExtensionKind Kind, string Reason, ExtensionStatus Status, DateTimeOffset RequestedAt);

public sealed record TransferView(Guid FromCustomerId, Guid ToCustomerId, DateOnly TransferredOn, string Reason, bool WarrantyTransferred);

public sealed record UnitView(
    Guid Id, string SerialNumber, string Sku, string? ModelName, DateOnly? PurchaseDate, PurchaseChannel Channel, string? OrderNumber,
    DateOnly? DeliveryDate, DateOnly? InstallDate, IReadOnlyList<CoverView> Covers, int ExtendedDays, IReadOnlyList<ExtensionView> Extensions,
    RegistrationSource Source, bool HasInvoice, DateOnly? WarrantyVoidedOn, IReadOnlyList<TransferView> Transfers);

public sealed record CustomerProfile(
    Guid Id, string Name, IReadOnlyList<PhoneView> Phones, IReadOnlyList<AddressView> Addresses, ContactChannel PreferredChannel,
    bool ConsentPhone, bool ConsentSms, bool ConsentWeChat, bool DoNotDisturb, DateTimeOffset? DoNotDisturbUntil, string? DoNotDisturbReason,
    IReadOnlyList<string> Tags, string? Notes, DateTimeOffset CreatedAt, long Version, IReadOnlyList<UnitView> Units,
    IReadOnlyList<ServiceRecord> Service);

/// <summary>A customer's profile with phones masked; revealing one is a separate, audited action.</summary>
/// <summary>The customer 360: profile, units with warranty state, service history, contactability — one call.</summary>
public sealed class GetCustomerHandler(CareLoopDbContext db, UnitWarranty warranty, ICustomerServiceHistory service, TimeProvider time)
{
    public async Task<Result<CustomerProfile>> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        // One query: a customer has one or two phones and addresses, so the joined rows stay few.
        var c = await db.Set<Customer>().AsNoTracking().Include(x => x.Phones).Include(x => x.Addresses).AsSingleQuery()
            .SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
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

    /// <summary>The customer's units with each warranty cover and the days left today (see <see cref="UnitWarranty"/>).</summary>
    private async Task<IReadOnlyList<UnitView>> UnitsAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var units = await db.Set<RegisteredUnit>().AsNoTracking().Include(u => u.Extensions).Include(u => u.Transfers).Where(u => u.CustomerId == customerId)
            .OrderByDescending(u => u.RegisteredAt).AsSplitQuery().ToListAsync(cancellationToken);
        var coverage = await warranty.CoverageAsync(units, cancellationToken);
        var views = new List<UnitView>();
        foreach (var (u, (modelName, covers)) in units.Zip(coverage))
        {
            views.Add(new UnitView(u.Id, u.SerialNumber, u.Sku, modelName, u.PurchaseDate, u.Channel, u.OrderNumber, u.DeliveryDate, u.InstallDate,
                covers, u.ExtendedDays,
                u.Extensions.OrderByDescending(e => e.RequestedAt).Select(e => new ExtensionView(e.Id, e.Days, e.Kind, e.Reason, e.Status, e.RequestedAt)).ToList(),
                u.Source, u.InvoiceFileId is not null, u.WarrantyVoidedOn,
                u.Transfers.OrderByDescending(t => t.RecordedAt).Select(t => new TransferView(t.FromCustomerId, t.ToCustomerId, t.TransferredOn, t.Reason, t.WarrantyTransferred)).ToList()));
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
