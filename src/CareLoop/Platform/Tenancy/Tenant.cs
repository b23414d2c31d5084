using CareLoop.Platform.Persistence;

namespace CareLoop.Platform.Tenancy;

public enum TenantKind
{
    Brand = 1,
    ServiceProvider = 2,
}

/// <summary>A brand or a service provider. Every tenant-owned row points at one.</summary>
public sealed class Tenant : IVersioned
{
    public const string DefaultTimeZone = "Asia/Shanghai";
    public const string DefaultCurrency = "CNY";

    private Tenant()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Short, URL-safe, unique name typed at sign-in, e.g. <c>demo-brand</c>.</summary>
    public string Slug { get; private set; } = "";

    public string Name { get; private set; } = "";

    public TenantKind Kind { get; private set; }

    public string TimeZone { get; private set; } = DefaultTimeZone;

    public string Currency { get; private set; } = DefaultCurrency;

    public bool IsActive { get; private set; } = true;

    public DateTimeOffset CreatedAt { get; private set; }

    public long Version { get; set; }

    public static Tenant Create(string slug, string name, TenantKind kind, DateTimeOffset now, string timeZone = DefaultTimeZone) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            Slug = slug.Trim().ToLowerInvariant(),
            Name = name.Trim(),
            Kind = kind,
            TimeZone = timeZone,
            CreatedAt = now,
        };

    public void Rename(string name) => Name = name.Trim();
}
