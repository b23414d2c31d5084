using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Customers.Domain;

public enum ContactChannel
{
    Phone = 1,
    Sms = 2,
    WeChat = 3,
    App = 4,
}

/// <summary>A brand's customer: who they are, how to reach them and whether they may be contacted.</summary>
public sealed class Customer : ITenantOwned, IVersioned
{
    private readonly List<CustomerPhone> _phones = [];
    private readonly List<CustomerAddress> _addresses = [];
    private List<string> _tags = [];

    private Customer()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = "";

    public ContactChannel PreferredChannel { get; private set; } = ContactChannel.Phone;

    public bool ConsentPhone { get; private set; } = true;

    public bool ConsentSms { get; private set; } = true;

    public bool ConsentWeChat { get; private set; }

    /// <summary>No outbound contact until then (null: none requested; <see cref="DateTimeOffset.MaxValue"/>: until revoked).</summary>
    public DateTimeOffset? DoNotDisturbUntil { get; private set; }

    public string? DoNotDisturbReason { get; private set; }

    /// <summary>Elderly: reached by phone, not by app or WeChat (the contact policy's channel fallback).</summary>
    public bool Elderly { get; private set; }

    /// <summary>No smartphone: reached by phone, not by app or WeChat.</summary>
    public bool NoSmartphone { get; private set; }

    /// <summary>The customer's openid for the brand's WeChat official account (template messages go there), if known.</summary>
    public string? WeChatOpenId { get; private set; }

    public IReadOnlyList<string> Tags => _tags;

    public string? Notes { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<CustomerPhone> Phones => _phones;

    public IReadOnlyList<CustomerAddress> Addresses => _addresses;

    public long Version { get; set; }

    public static Customer Create(Guid tenantId, string name, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        Name = name.Trim(),
        CreatedAt = now,
    };

    public void SetPreferences(ContactChannel channel, bool phone, bool sms, bool weChat)
    {
        PreferredChannel = channel;
        (ConsentPhone, ConsentSms, ConsentWeChat) = (phone, sms, weChat);
    }

    /// <summary>What the contact policy needs to pick a channel; null leaves a fact as it is.</summary>
    public void SetContactFacts(bool? elderly, bool? noSmartphone, string? weChatOpenId)
    {
        Elderly = elderly ?? Elderly;
        NoSmartphone = noSmartphone ?? NoSmartphone;
        if (weChatOpenId is not null)
        {
            WeChatOpenId = weChatOpenId.Trim() is { Length: > 0 } openId ? openId : null;
        }
    }

    public void Tag(IEnumerable<string> tags) =>
        _tags = tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();

    public void Note(string? notes) => Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();

    /// <summary>The first phone becomes the primary one.</summary>
    public CustomerPhone AddPhone(string cipher, string blindIndex, string masked, DateTimeOffset now)
    {
        var phone = CustomerPhone.Create(this, cipher, blindIndex, masked, _phones.Count == 0, now);
        _phones.Add(phone);
        return phone;
    }

    public CustomerAddress AddAddress(RegionPath region, string detail, double? latitude, double? longitude, DateTimeOffset now)
    {
        var address = CustomerAddress.Create(this, region, detail, latitude, longitude, _addresses.Count == 0, now);
        _addresses.Add(address);
        return address;
    }

    public void DoNotDisturb(DateTimeOffset? until, string? reason)
    {
        DoNotDisturbUntil = until;
        DoNotDisturbReason = until is null ? null : reason?.Trim();
    }

    public bool IsDoNotDisturb(DateTimeOffset now) => DoNotDisturbUntil is { } until && until > now;
}

/// <summary>A phone number, stored encrypted with a blind index for exact lookup and a masked form for display.</summary>
public sealed class CustomerPhone : ITenantOwned
{
    private CustomerPhone()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid CustomerId { get; private set; }

    public string Cipher { get; private set; } = "";

    public string BlindIndex { get; private set; } = "";

    public string Masked { get; private set; } = "";

    public bool IsPrimary { get; private set; }

    internal static CustomerPhone Create(Customer owner, string cipher, string blindIndex, string masked, bool primary, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = owner.TenantId,
        CustomerId = owner.Id,
        Cipher = cipher,
        BlindIndex = blindIndex,
        Masked = masked,
        IsPrimary = primary,
    };
}

/// <summary>A GB/T 2260 province → city → district with names, as of when the address was recorded.</summary>
public sealed record RegionPath(string ProvinceCode, string ProvinceName, string CityCode, string CityName, string DistrictCode, string DistrictName);

public sealed class CustomerAddress
{
    private CustomerAddress()
    {
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public string ProvinceCode { get; private set; } = "";

    public string ProvinceName { get; private set; } = "";

    public string CityCode { get; private set; } = "";

    public string CityName { get; private set; } = "";

    public string DistrictCode { get; private set; } = "";

    public string DistrictName { get; private set; } = "";

    public string Detail { get; private set; } = "";

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public bool IsDefault { get; private set; }

    public string FullText => ProvinceName == CityName
        ? $"{ProvinceName}{DistrictName}{Detail}"
        : $"{ProvinceName}{CityName}{DistrictName}{Detail}";

    internal static CustomerAddress Create(Customer owner, RegionPath region, string detail, double? lat, double? lng, bool isDefault, DateTimeOffset now) =>
        Create(owner.Id, region, detail, lat, lng, isDefault, now);

    /// <summary>An address for a customer not loaded (an order channel adding where this order goes).</summary>
    internal static CustomerAddress Create(Guid customerId, RegionPath region, string detail, double? lat, double? lng, bool isDefault, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CustomerId = customerId,
        ProvinceCode = region.ProvinceCode,
        ProvinceName = region.ProvinceName,
        CityCode = region.CityCode,
        CityName = region.CityName,
        DistrictCode = region.DistrictCode,
        DistrictName = region.DistrictName,
        Detail = detail.Trim(),
        Latitude = lat,
        Longitude = lng,
        IsDefault = isDefault,
    };
}
