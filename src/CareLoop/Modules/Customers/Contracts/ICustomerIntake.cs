using CareLoop.Platform.Results;

namespace CareLoop.Modules.Customers.Contracts;

/// <summary>A buyer as an order channel gives it: name, phone, the delivery address (GB/T 2260 district and detail).</summary>
public sealed record BuyerInput(string? Name, string? Phone, string? RegionCode, string? AddressDetail, double? Latitude, double? Longitude);

/// <summary>One unit bought: the model (resolved by the caller from the SKU), its serial when the shop knows it, the field a serial error is reported on.</summary>
public sealed record UnitInput(Guid ModelId, string Sku, string? SerialNumber, string Field);

/// <summary>Where the order is: the buyer found or added, the address of this order, the units in input order.</summary>
public sealed record StagedBuyer(Guid CustomerId, bool IsNew, Guid AddressId, string DistrictCode, IReadOnlyList<Guid> UnitIds);

/// <summary>
/// How an order channel (platform orders, bulk order imports) puts a buyer and their units on file inside the caller's
/// transaction: the buyer is found by phone (blind index) or added, the order's address added when new, units
/// registered (a unit without a known serial gets a placeholder the installer's barcode scan replaces). Nothing is
/// saved here: the caller's <c>SaveChanges</c> commits it with the rest of the order, or nothing at all.
/// </summary>
public interface ICustomerIntake
{
    /// <summary>Field errors are named as in the order API: <c>buyer.phone</c>, <c>buyer.address.regionCode</c>…, and each unit's own field for its serial.</summary>
    Task<Result<StagedBuyer>> StageAsync(
        BuyerInput buyer, IReadOnlyList<UnitInput> units, string purchaseChannel, string orderNumber, DateOnly purchasedOn, CancellationToken cancellationToken);
}
