using System.Security.Claims;

namespace CareLoop.Platform.Tenancy;

/// <summary>The tenant the current request, circuit or job acts for. Scoped.</summary>
public interface ITenantContext
{
    Guid? TenantId { get; }

    string? TenantSlug { get; }

    bool HasTenant => TenantId is not null;

    /// <summary>Sets the tenant for this scope. Setting a different tenant once one is set is a bug and throws.</summary>
    void Set(Guid tenantId, string? slug);

    Guid RequireTenantId() => TenantId ?? throw new InvalidOperationException("No tenant in this scope.");
}

public sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public string? TenantSlug { get; private set; }

    public void Set(Guid tenantId, string? slug)
    {
        if (TenantId is { } current && current != tenantId)
        {
            throw new InvalidOperationException("The tenant of a scope cannot change.");
        }

        TenantId = tenantId;
        TenantSlug = slug ?? TenantSlug;
    }

    public void SetFrom(ClaimsPrincipal? principal)
    {
        var id = principal?.FindFirst(CareLoopClaims.TenantId)?.Value;
        if (id is not null && Guid.TryParse(id, out var tenantId))
        {
            Set(tenantId, principal!.FindFirst(CareLoopClaims.TenantSlug)?.Value);
        }
    }
}

public static class CareLoopClaims
{
    public const string TenantId = "careloop:tenant_id";
    public const string TenantSlug = "careloop:tenant";
    public const string DisplayName = "careloop:display_name";
    public const string Permission = "careloop:permission";
}
