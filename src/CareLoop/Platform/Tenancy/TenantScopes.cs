using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Platform.Tenancy;

/// <summary>A scope acting for a brand reached by its public slug (registration page, customer links).</summary>
public sealed class BrandScope(AsyncServiceScope scope, Guid tenantId, string slug, string name) : IAsyncDisposable
{
    public IServiceProvider Services => scope.ServiceProvider;

    public Guid TenantId { get; } = tenantId;

    public string Slug { get; } = slug;

    public string Name { get; } = name;

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

/// <summary>
/// A fresh DI scope acting for one tenant: public pages, jobs and background imports use it, so the tenant never
/// comes from whoever else happens to be signed in on the request.
/// </summary>
public sealed class TenantScopes(IServiceScopeFactory scopes)
{
    public AsyncServiceScope For(Guid tenantId, string? slug = null)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId, slug);
        return scope;
    }

    /// <summary>
    /// The tenants that have at least one <typeparamref name="T"/> matching <paramref name="filter"/>: how a module's
    /// background job finds its work (queued imports, due reminders) without reading another tenant's rows. It
    /// returns tenant ids only; the job then opens <see cref="For"/> each tenant and works under its query filter.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> TenantsWithAsync<T>(System.Linq.Expressions.Expression<Func<T, bool>> filter, CancellationToken cancellationToken)
        where T : class, ITenantOwned
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CareLoopDbContext>().Set<T>().IgnoreQueryFilters()
            .Where(filter).Select(e => e.TenantId).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>An active brand's scope, or null for an unknown, inactive or non-brand slug.</summary>
    public async Task<BrandScope?> ForBrandAsync(string? slug, CancellationToken cancellationToken)
    {
        var normalized = (slug ?? "").Trim().ToLowerInvariant();
        if (normalized.Length is 0 or > 64)
        {
            return null;
        }

        var scope = scopes.CreateAsyncScope();
        var brand = await scope.ServiceProvider.GetRequiredService<CareLoopDbContext>().Set<Tenant>().AsNoTracking()
            .Where(t => t.Slug == normalized && t.IsActive && t.Kind == TenantKind.Brand)
            .Select(t => new { t.Id, t.Slug, t.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (brand is null)
        {
            await scope.DisposeAsync();
            return null;
        }

        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(brand.Id, brand.Slug);
        return new BrandScope(scope, brand.Id, brand.Slug, brand.Name);
    }
}
