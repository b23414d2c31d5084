using System.Text.RegularExpressions;
using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Catalog.Domain;

/// <summary>A sellable model (SKU) with its BOM, consumables and warranty policy.</summary>
public sealed class ProductModel : ITenantOwned, IVersioned
{
    private readonly List<Part> _parts = [];
    private readonly List<Consumable> _consumables = [];

    private ProductModel()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Sku { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Guid CategoryId { get; private set; }

    public DateOnly? LaunchDate { get; private set; }

    public string? PhotoUrl { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>Optional regular expression every serial number of this model must match.</summary>
    public string? SerialPattern { get; private set; }

    public WarrantyPolicy Warranty { get; private set; } = WarrantyPolicy.Standard;

    public IReadOnlyList<Part> Parts => _parts;

    public IReadOnlyList<Consumable> Consumables => _consumables;

    public long Version { get; set; }

    public static ProductModel Create(Guid tenantId, string sku, string name, Guid categoryId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        Sku = NormalizeSku(sku),
        Name = name.Trim(),
        CategoryId = categoryId,
    };

    public static string NormalizeSku(string sku) => sku.Trim().ToUpperInvariant();

    public void Describe(string name, Guid categoryId, DateOnly? launchDate, string? photoUrl, bool isActive, string? serialPattern)
    {
        Name = name.Trim();
        CategoryId = categoryId;
        LaunchDate = launchDate;
        PhotoUrl = string.IsNullOrWhiteSpace(photoUrl) ? null : photoUrl.Trim();
        IsActive = isActive;
        SerialPattern = string.IsNullOrWhiteSpace(serialPattern) ? null : serialPattern.Trim();
    }

    public void SetWarranty(WarrantyPolicy policy) => Warranty = policy;

    /// <summary>Replaces the BOM, keeping the identity of parts whose code is unchanged (work orders refer to them).</summary>
    public void SetParts(IEnumerable<(string Code, string Name, long ListPriceFen, bool IsWearPart)> parts, DateTimeOffset now) =>
        Replace(_parts, parts.ToList(), p => p.Code, (existing, p) => existing.Update(p.Name, p.ListPriceFen, p.IsWearPart),
            p => Part.Create(Id, p.Code, p.Name, p.ListPriceFen, p.IsWearPart, now), p => p.Code);

    /// <summary>Replaces the consumables, keeping identities by code (lifecycle schedules refer to them).</summary>
    public void SetConsumables(IEnumerable<(string Code, string Name, int IntervalDays, long PriceFen)> consumables, DateTimeOffset now) =>
        Replace(_consumables, consumables.ToList(), c => c.Code, (existing, c) => existing.Update(c.Name, c.IntervalDays, c.PriceFen),
            c => Consumable.Create(Id, c.Code, c.Name, c.IntervalDays, c.PriceFen, now), c => c.Code);

    public bool AcceptsSerial(string serial) => SerialFormat.Matches(SerialPattern, serial);

    /// <summary>A pattern an admin types must be a valid regular expression.</summary>
    public static bool IsValidPattern(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return true;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Replace<TItem, TInput>(
        List<TItem> items, List<TInput> inputs, Func<TItem, string> keyOf, Action<TItem, TInput> update, Func<TInput, TItem> create, Func<TInput, string> inputKey)
    {
        var wanted = inputs.ToDictionary(i => inputKey(i).Trim().ToUpperInvariant());
        items.RemoveAll(i => !wanted.ContainsKey(keyOf(i)));
        foreach (var (key, input) in wanted)
        {
            if (items.FirstOrDefault(i => keyOf(i) == key) is { } existing)
            {
                update(existing, input);
            }
            else
            {
                items.Add(create(input));
            }
        }
    }
}

/// <summary>A spare part of a model's BOM with its list price.</summary>
public sealed class Part
{
    private Part()
    {
    }

    public Guid Id { get; private set; }

    public Guid ModelId { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public long ListPriceFen { get; private set; }

    public bool IsWearPart { get; private set; }

    internal static Part Create(Guid modelId, string code, string name, long price, bool wear, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ModelId = modelId,
        Code = code.Trim().ToUpperInvariant(),
        Name = name.Trim(),
        ListPriceFen = price,
        IsWearPart = wear,
    };

    internal void Update(string name, long price, bool wear)
    {
        Name = name.Trim();
        ListPriceFen = price;
        IsWearPart = wear;
    }
}

/// <summary>A consumable of a model, replaced every <see cref="IntervalDays"/> days (RO filter 90 days…).</summary>
public sealed class Consumable
{
    private Consumable()
    {
    }

    public Guid Id { get; private set; }

    public Guid ModelId { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public int IntervalDays { get; private set; }

    public long PriceFen { get; private set; }

    internal static Consumable Create(Guid modelId, string code, string name, int intervalDays, long price, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ModelId = modelId,
        Code = code.Trim().ToUpperInvariant(),
        Name = name.Trim(),
        IntervalDays = intervalDays,
        PriceFen = price,
    };

    internal void Update(string name, int intervalDays, long price)
    {
        Name = name.Trim();
        IntervalDays = intervalDays;
        PriceFen = price;
    }
}
