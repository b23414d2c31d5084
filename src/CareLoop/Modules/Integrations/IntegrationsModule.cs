using CareLoop.Modules.Integrations.Domain;
using CareLoop.Modules.Integrations.Features.PlatformAdapters;
using CareLoop.Modules.Integrations.Features.ListOrders;
using CareLoop.Modules.Integrations.Features.ManageKeys;
using CareLoop.Modules.Integrations.Features.ReceiveOrders;
using CareLoop.Modules.Integrations.Features.ReplayRejected;
using CareLoop.Platform.Demo;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Integrations;

/// <summary>
/// Integrations: platform orders (Tmall, JD, Douyin) received through a signed, idempotent API; for administrators the
/// shops' keys, the feed of received orders and the dead-letter list of refused ones (replay, dismiss).
/// </summary>
public static class IntegrationsModule
{
    public static IServiceCollection AddIntegrations(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<SignedRequests>();
        services.AddScoped<OrderIntake>();
        services.AddScoped<PlatformMappers>();

        // Douyin's decryption service cannot be reached from here: the local adapter speaks its shape (replace in production).
        services.AddSingleton<LocalDouyinDecryptor>();
        services.AddSingleton<IDouyinDecryptor>(sp => sp.GetRequiredService<LocalDouyinDecryptor>());
        services.AddScoped<IntegrationKeysHandler>();
        services.AddScoped<ListPlatformOrdersHandler>();
        services.AddScoped<ReplayRejectedHandler>();
        services.AddScoped<IDemoSeeder, IntegrationsDemoSeeder>();
        return services;
    }

    public static RouteGroupBuilder MapIntegrations(this RouteGroupBuilder api)
    {
        // Signed by the shop's key, not a staff login (SignedRequests authenticates every call itself).
        // Oversized bodies are read (and dropped) up to the drain limit so the shop gets a readable 413, not a reset.
        api.MapGroup("/integrations").WithTags("Integrations").AllowAnonymous()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(SignedRequests.DrainLimit + 1))
            .MapOrderIntake();

        api.MapGroup("/integration-keys").WithTags("Integrations").RequireAuthorization(Permissions.IntegrationsManage).MapIntegrationKeys();
        api.MapListPlatformOrders();
        api.MapReplayRejected();
        return api;
    }
}

/// <summary>
/// Development: the demo brand's integration key <c>demo-shop</c> (any shop id), its secret from
/// <c>Demo:IntegrationSecret</c> or, when unset, a random one written to the log once so scripts can sign requests.
/// </summary>
internal sealed class IntegrationsDemoSeeder(CareLoopDbContext db, PersonalDataProtector protector, IConfiguration configuration, TimeProvider time, ILogger<IntegrationsDemoSeeder> logger)
    : IDemoSeeder
{
    public const string KeyId = "demo-shop";

    public async Task SeedAsync(DemoTenants tenants, CancellationToken cancellationToken)
    {
        if (await db.Set<IntegrationKey>().IgnoreQueryFilters().AnyAsync(k => k.Id == KeyId, cancellationToken))
        {
            return;
        }

        var secret = configuration["Demo:IntegrationSecret"] is { Length: >= 16 } configured ? configured : IntegrationKey.NewSecret();
        db.Add(IntegrationKey.Create(tenants.BrandId, KeyId, "演示店铺", "", protector.Encrypt(secret), IntegrationKey.DefaultRatePerSecond * 50, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        if (configuration["Demo:IntegrationSecret"] is not { Length: >= 16 })
        {
            logger.LogWarning("Demo integration key {KeyId} created with secret {Secret} (set Demo:IntegrationSecret to choose it).", KeyId, secret);
        }
    }
}
