using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareLoop.Tests.Infrastructure;

public static class Scoped
{
    /// <summary>Runs code against the app's DbContext as the given tenant (or as no tenant when slug is null).</summary>
    public static async Task<T> DbAsync<T>(this CareLoopApp app, string? tenantSlug, Func<CareLoopDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
        if (tenantSlug is not null)
        {
            var id = await db.Tenants.Where(t => t.Slug == tenantSlug).Select(t => t.Id).SingleAsync();
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(id, tenantSlug);
        }

        return await work(db);
    }

    public static Task<Guid> TenantIdAsync(this CareLoopApp app, string slug) =>
        app.DbAsync(null, db => db.Tenants.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync());
}
