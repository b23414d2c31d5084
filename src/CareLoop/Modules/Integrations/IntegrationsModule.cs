using CareLoop.Modules.Integrations.Domain;
using CareLoop.Modules.Integrations.Features.ImportOrders;
using CareLoop.Modules.Integrations.Features.PlatformAdapters;
using CareLoop.Modules.Integrations.Features.ListOrders;
using CareLoop.Modules.Integrations.Features.ManageKeys;
using CareLoop.Modules.Integrations.Features.ReceiveOrders;
using CareLoop.Modules.Integrations.Features.ReplayRejected;
using CareLoop.Platform.Demo;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Imports;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CareLoop.Modules.Integrations;

/// <summary>
/// Integrations: platform orders (Tmall, JD, Douyin) received through a signed, idempotent API; for administrators the
/// shops' keys, the feed of received orders, the dead-letter list of refused ones (replay, dismiss) and the import of the
/// platforms' order exports (the same intake, run in the background).
/// </summary>
public static class IntegrationsModule
{
    public static IServiceCollection AddIntegrations(this IServiceCollection services, IConfiguration configuration)
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
        services.AddScoped<OrderSheetMapper>();
        services.AddScoped<ImportOrdersHandler>();
        services.AddBackgroundImports<OrderImport, OrderImportProcessor>(configuration, new JobKey("run-order-imports", "integrations"));
        services.AddScoped<IDemoSeeder, IntegrationsDemoSeeder>();
        return services;
    }

    public static RouteGroupBuilder MapIntegrations(this RouteGroupBuilder api, RouteGroupBuilder downloads)
    {
        // Signed by the shop's key, not a staff login (SignedRequests authenticates every call itself).
        // Oversized bodies are read (and dropped) up to the drain limit so the shop gets a readable 413, not a reset.
        api.MapGroup("/integrations").WithTags("Integrations").AllowAnonymous()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(SignedRequests.DrainLimit + 1))
            .MapOrderIntake();

        api.MapGroup("/integration-keys").WithTags("Integrations").RequireAuthorization(Permissions.IntegrationsManage).MapIntegrationKeys();
        api.MapListPlatformOrders();
        api.MapReplayRejected();
        api.MapOrderImports(downloads);
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
            logger.LogWarning(
                "Demo integration key {KeyId} created with secret {Secret} (set Demo:IntegrationSecret, at least 16 characters, to choose it; the one set was {Length} characters).",
                KeyId, secret, configuration["Demo:IntegrationSecret"]?.Length ?? 0);
        }
    }
}
