using System.Security.Cryptography;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Security;
using CareLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Platform.Demo;

/// <summary>A module's contribution to the Development demo data; runs after the platform's tenants and users exist.</summary>
public interface IDemoSeeder
{
    Task SeedAsync(DemoTenants tenants, CancellationToken cancellationToken);
}

public sealed record DemoTenants(Guid BrandId, Guid ProviderId);

/// <summary>
/// Development only: the demo brand <c>demo-brand</c>, the provider <c>demo-provider</c> and one user per role.
/// Idempotent: runs on every start, creates only what is missing. Scripts and tests rely on these names.
/// </summary>
public sealed class DemoSeeder(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<DemoSeeder> logger)
{
    public const string BrandSlug = "demo-brand";
    public const string ProviderSlug = "demo-provider";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role)> BrandUsers =
    [
        ("admin", "系统管理员", Roles.TenantAdmin),
        ("supervisor", "客服主管 李娜", Roles.Supervisor),
        ("agent", "客服 王芳", Roles.Agent),
        ("dispatcher", "派单员 赵强", Roles.Dispatcher),
        ("engineer", "工程师 张师傅", Roles.Engineer),
        ("engineer2", "工程师 李师傅", Roles.Engineer),
        ("technician", "维修技术员 陈工", Roles.RepairTechnician),
        ("warehouse", "仓管员 刘洋", Roles.WarehouseClerk),
        ("quality", "质量经理 周敏", Roles.QualityManager),
    ];

    /// <summary>Two more engineers for 苏州姑苏服务站, created only with <c>Demo:RouteDay</c> (tests count on two engineers).</summary>
    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role)> RouteDayUsers =
    [
        ("engineer3", "工程师 王师傅", Roles.Engineer),
        ("engineer4", "工程师 赵师傅", Roles.Engineer),
    ];

    /// <summary>The demo engineers' mobiles, for signing in on the phone (<c>/m/login</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> EngineerMobiles = new Dictionary<string, string>
    {
        ["engineer"] = "13800000001", ["engineer2"] = "13800000002", ["engineer3"] = "13800000003", ["engineer4"] = "13800000004",
    };

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        Guid brandId, providerId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
            brandId = await EnsureTenantAsync(db, BrandSlug, "清源智家（演示品牌）", TenantKind.Brand, cancellationToken);
            providerId = await EnsureTenantAsync(db, ProviderSlug, "苏城安装服务网络（演示服务商）", TenantKind.ServiceProvider, cancellationToken);
        }

        var password = configuration["Demo:Password"];
        var generated = string.IsNullOrEmpty(password);
        password = generated ? GeneratePassword() : password!;
        var created = 0;
        foreach (var (userName, displayName, role) in configuration.GetValue("Demo:RouteDay", false) ? [.. BrandUsers, .. RouteDayUsers] : BrandUsers)
        {
            created += await EnsureUserAsync(brandId, BrandSlug, userName, displayName, role, password, cancellationToken);
        }

        created += await EnsureUserAsync(providerId, ProviderSlug, "provider-admin", "服务商管理员 孙磊", Roles.TenantAdmin, password, cancellationToken);
        if (created > 0 && generated)
        {
            // Printed once, when the users are created; set Demo:Password to choose it instead.
            logger.LogWarning("Demo users created. Password for every demo user: {Password}", password);
            Console.WriteLine($"*** CareLoop demo password (shown once): {password} ***");
        }

        // Each module seeds in a scope of its own (its own tenant context and unit of work).
        int seeders;
        await using (var scope = scopes.CreateAsyncScope())
        {
            seeders = scope.ServiceProvider.GetServices<IDemoSeeder>().Count();
        }

        for (var i = 0; i < seeders; i++)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetServices<IDemoSeeder>().ElementAt(i).SeedAsync(new DemoTenants(brandId, providerId), cancellationToken);
        }
    }

    private async Task<Guid> EnsureTenantAsync(CareLoopDbContext db, string slug, string name, TenantKind kind, CancellationToken cancellationToken)
    {
        var existing = await db.Tenants.Where(t => t.Slug == slug).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        var tenant = Tenant.Create(slug, name, kind, time.GetUtcNow());
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
        return tenant.Id;
    }

    private async Task<int> EnsureUserAsync(
        Guid tenantId, string slug, string userName, string displayName, string role, string password, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId, slug);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var mobile = EngineerMobiles.TryGetValue(userName, out var number)
            ? scope.ServiceProvider.GetRequiredService<PersonalDataProtector>().SealPhone(tenantId, number)
            : null;
        if (await users.FindByNameAsync(userName) is { } existing)
        {
            if (mobile is not null && existing.MobileIndex is null)
            {
                existing.SetMobile(mobile); // demo databases made before engineers had mobiles
                await users.UpdateAsync(existing);
            }

            return 0;
        }

        var user = StaffUser.Create(tenantId, userName, displayName, $"{userName}@{slug}.example", time.GetUtcNow(), [role]);
        user.SetMobile(mobile);
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }

        await users.AddToRoleAsync(user, role);
        var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
        scope.ServiceProvider.GetRequiredService<IAuditLog>()
            .Record(tenantId, null, "system", "user.created", nameof(StaffUser), user.Id.ToString(), new { userName, role, demo = true });
        await db.SaveChangesAsync(cancellationToken);
        return 1;
    }

    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = Enumerable.Range(0, 14).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        return "Cl" + string.Concat(chars) + "7q";
    }
}

/// <summary>Every role exists in every environment: reference data, not demo data.</summary>
public static class RoleSeeder
{
    public static async Task EnsureRolesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var name in Roles.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(name))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(name) { Id = Guid.CreateVersion7() });
            }
        }
    }
}
