using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers;

/// <summary><see cref="ICustomerIntake"/>: at most three reads (buyer by phone, their addresses, serials taken), no write.</summary>
internal sealed class CustomerIntake(CareLoopDbContext db, ITenantContext tenant, PhoneVault vault, Regions regions, TimeProvider time) : ICustomerIntake
{
    public async Task<Result<StagedBuyer>> StageAsync(
        BuyerInput buyer, IReadOnlyList<UnitInput> units, string purchaseChannel, string orderNumber, DateOnly purchasedOn, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequireTenantId();
        var v = new Validation()
            .Required("buyer.name", buyer.Name).MaxLength("buyer.name", buyer.Name, CustomerRules.MaxNameLength)
            .Required("buyer.address.detail", buyer.AddressDetail).MaxLength("buyer.address.detail", buyer.AddressDetail, 200);
        var phone = vault.Seal(tenantId, buyer.Phone);
        if (phone is null)
        {
            v.Add("buyer.phone", string.IsNullOrWhiteSpace(buyer.Phone) ? ErrorCodes.Required : ErrorCodes.InvalidPhone);
        }

        var path = regions.PathOf(buyer.RegionCode ?? "");
        if (path is null)
        {
            v.Add("buyer.address.regionCode", ErrorCodes.UnknownRegion, buyer.RegionCode ?? "");
        }

        if (buyer.Latitude is < -90 or > 90 || buyer.Longitude is < -180 or > 180)
        {
            v.Add("buyer.address.lat", ErrorCodes.OutOfRange, -90, 90);
        }

        var serials = units.Select(u => string.IsNullOrWhiteSpace(u.SerialNumber) ? null : RegisteredUnit.NormalizeSerial(u.SerialNumber)).ToList();
        var given = serials.OfType<string>().ToList();
        var taken = given.Count == 0
            ? []
            : (await db.Set<RegisteredUnit>().Where(u => given.Contains(u.SerialNumber)).Select(u => u.SerialNumber).ToListAsync(cancellationToken)).ToHashSet();
        for (var i = 0; i < serials.Count; i++)
        {
            if (serials[i] is not { } serial)
            {
                continue;
            }

            if (serial.Length > 64 || serial.StartsWith(RegisteredUnit.PendingSerialPrefix, StringComparison.Ordinal))
            {
                v.Add(units[i].Field, ErrorCodes.InvalidFormat);
            }
            else if (taken.Contains(serial) || serials.Take(i).Contains(serial))
            {
                v.Add(units[i].Field, ErrorCodes.SerialTaken, serial);
            }
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var customerId = await db.Set<CustomerPhone>().Where(p => p.BlindIndex == phone!.BlindIndex).Select(p => (Guid?)p.CustomerId).FirstOrDefaultAsync(cancellationToken);
        Guid owner, addressId;
        if (customerId is null)
        {
            var customer = Customer.Create(tenantId, buyer.Name!, now);
            customer.AddPhone(phone!.Cipher, phone.BlindIndex, phone.Masked, now);
            addressId = customer.AddAddress(path!, buyer.AddressDetail!.Trim(), buyer.Latitude, buyer.Longitude, now).Id;
            db.Add(customer);
            owner = customer.Id;
        }
        else
        {
            owner = customerId.Value;

            // A returning buyer: the order's address is added unless they already have it (moving house, a second home).
            var detail = buyer.AddressDetail!.Trim();
            var known = await db.Set<CustomerAddress>().Where(a => a.CustomerId == customerId && a.DistrictCode == path!.DistrictCode && a.Detail == detail)
                .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
            if (known is { } existing)
            {
                addressId = existing;
            }
            else
            {
                var address = CustomerAddress.Create(customerId.Value, path!, detail, buyer.Latitude, buyer.Longitude, isDefault: false, now);
                db.Add(address);
                addressId = address.Id;
            }
        }

        var channel = purchaseChannel switch
        {
            "tmall" => PurchaseChannel.Tmall,
            "jd" => PurchaseChannel.JD,
            "douyin" => PurchaseChannel.Douyin,
            _ => PurchaseChannel.Other,
        };
        var unitIds = new List<Guid>();
        for (var i = 0; i < units.Count; i++)
        {
            var unit = serials[i] is { } serial
                ? RegisteredUnit.Register(tenantId, owner, serial, units[i].ModelId, units[i].Sku, purchasedOn, channel, orderNumber, null, null, now, RegistrationSource.Platform)
                : RegisteredUnit.RegisterPending(tenantId, owner, units[i].ModelId, units[i].Sku, purchasedOn, channel, orderNumber, now);
            db.Add(unit);
            unitIds.Add(unit.Id);
        }

        return new StagedBuyer(owner, customerId is null, addressId, path!.DistrictCode, unitIds);
    }
}
