using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Messaging;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareLoop.Modules.Customers;

internal sealed class CustomerDirectory(
    CareLoopDbContext db, ITenantContext tenant, PhoneVault vault, UnitWarranty warranty, IAuditLog audit, ISmsGateway sms, IOptions<SmsOptions> smsOptions, TimeProvider time)
    : ICustomerDirectory
{
    public async Task<Guid?> FindByPhoneAsync(string phone, CancellationToken cancellationToken)
    {
        var index = vault.IndexOf(tenant.RequireTenantId(), phone);
        return index is null
            ? null
            : await db.Set<CustomerPhone>().Where(p => p.BlindIndex == index).Select(p => (Guid?)p.CustomerId).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<CustomerSummary?> FindAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.Set<Customer>()
            .Where(c => c.Id == customerId)
            .Select(c => new CustomerSummary(
                c.Id, c.Name,
                c.Phones.OrderByDescending(p => p.IsPrimary).Select(p => p.Masked).FirstOrDefault(),
                c.Addresses.OrderByDescending(a => a.IsDefault).Select(a => a.DistrictCode).FirstOrDefault(),
                c.DoNotDisturbUntil != null && c.DoNotDisturbUntil > now))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken) =>
        customerIds.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.Set<Customer>().Where(c => customerIds.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);

    public Task<UnitSummary?> FindUnitAsync(Guid unitId, CancellationToken cancellationToken) =>
        db.Set<RegisteredUnit>().Where(u => u.Id == unitId)
            .Select(u => new UnitSummary(u.Id, u.CustomerId, u.ModelId, u.Sku, u.SerialNumber))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<Error?> BindSerialAsync(Guid unitId, string serial, bool checkOnly, CancellationToken cancellationToken)
    {
        var normalized = RegisteredUnit.NormalizeSerial(serial);
        if (normalized.Length is 0 or > 64 || normalized.StartsWith(RegisteredUnit.PendingSerialPrefix, StringComparison.Ordinal))
        {
            return new Validation().Add("barcode", ErrorCodes.InvalidFormat).ToError();
        }

        if (await db.Set<RegisteredUnit>().AnyAsync(u => u.SerialNumber == normalized && u.Id != unitId, cancellationToken))
        {
            return new Validation().Add("barcode", ErrorCodes.SerialTaken, normalized).ToError();
        }

        if (checkOnly)
        {
            return null;
        }

        var unit = await db.Set<RegisteredUnit>().SingleAsync(u => u.Id == unitId, cancellationToken);
        if (unit.IsSerialPending)
        {
            unit.BindSerial(normalized);
        }

        return null;
    }

    public async Task<bool?> UnderWarrantyAsync(Guid unitId, DateOnly on, CancellationToken cancellationToken)
    {
        var unit = await db.Set<RegisteredUnit>().AsNoTracking().Include(u => u.Extensions).SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var main = (await warranty.CoversAsync(unit, cancellationToken)).FirstOrDefault(c => c.Scope == CareLoop.Modules.Catalog.Contracts.WarrantyScopes.MainUnit);
        return main is not null && main.Start <= on && on <= main.End;
    }

    public async Task<JobAddress?> AddressOfJobAsync(Guid? addressId, Guid customerId, CancellationToken cancellationToken)
    {
        // Through the tenant's customers: the address rows carry no tenant of their own.
        var addresses = db.Set<Customer>().AsNoTracking().Where(c => c.Id == customerId).SelectMany(c => c.Addresses);
        var chosen = addressId is { } id
            ? addresses.Where(a => a.Id == id)
            : addresses.OrderByDescending(a => a.IsDefault).ThenBy(a => a.Id);
        return await chosen.Select(a => new JobAddress(a.DistrictCode, a.CityName, a.DistrictName, a.Detail, a.Latitude, a.Longitude))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<string?> RevealPrimaryPhoneAsync(Guid customerId, string purpose, CancellationToken cancellationToken)
    {
        var phone = await db.Set<CustomerPhone>().Where(p => p.CustomerId == customerId)
            .OrderByDescending(p => p.IsPrimary).FirstOrDefaultAsync(cancellationToken);
        if (phone is null)
        {
            return null;
        }

        var e164 = vault.Reveal(phone);
        audit.Record("customer.phone-revealed", nameof(Customer), customerId.ToString(), new { phoneId = phone.Id, phone.Masked, purpose });
        await db.SaveChangesAsync(cancellationToken);
        return e164;
    }

    public async Task<CustomerContactProfile?> ContactProfileAsync(Guid customerId, CancellationToken cancellationToken) =>
        (await ContactProfilesAsync([customerId], cancellationToken)).GetValueOrDefault(customerId);

    public async Task<IReadOnlyDictionary<Guid, CustomerContactProfile>> ContactProfilesAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Customer>().AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id, c.Name, HasPhone = c.Phones.Any(), c.PreferredChannel, c.ConsentPhone, c.ConsentSms, c.ConsentWeChat, c.DoNotDisturbUntil,
                c.Elderly, c.NoSmartphone, c.WeChatOpenId,
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(row => row.Id, row => new CustomerContactProfile(row.Id, row.Name, row.HasPhone,
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(row.PreferredChannel.ToString()),
            row.ConsentPhone, row.ConsentSms, row.ConsentWeChat, row.DoNotDisturbUntil, row.Elderly, row.NoSmartphone, row.WeChatOpenId));
    }

    public async Task<string?> PhoneForSendingAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var phone = await db.Set<CustomerPhone>().AsNoTracking().Where(p => p.CustomerId == customerId)
            .OrderByDescending(p => p.IsPrimary).ThenBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        return phone is null ? null : vault.Reveal(phone);
    }

    public async Task<string?> NotifyBySmsAsync(
        Guid customerId, string template, IReadOnlyDictionary<string, string> parameters, string outId, CancellationToken cancellationToken)
    {
        var phone = await db.Set<CustomerPhone>().AsNoTracking().Where(p => p.CustomerId == customerId)
            .OrderByDescending(p => p.IsPrimary).FirstOrDefaultAsync(cancellationToken);
        if (phone is null)
        {
            return null;
        }

        var options = smsOptions.Value;
        await sms.SendAsync(new SmsRequest(vault.Reveal(phone), options.SignName, options.Templates.GetValueOrDefault(template, template), parameters, outId), cancellationToken);
        return phone.Masked;
    }
}
