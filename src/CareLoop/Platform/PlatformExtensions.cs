using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Demo;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor.Services;

namespace CareLoop.Platform;

public static class PlatformExtensions
{
    public static IServiceCollection AddCareLoopUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Chinese first: emit CJK text as is instead of &#x…; escapes (smaller pages, readable source).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddSingleton<CareLoop.Components.PhoneStylesheet>();
        services.AddScoped<HandlerScopes>();
        services.AddScoped<DashboardSummary>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<OutboxAdmin>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<Realtime.IChangeFeed, Realtime.InProcessChangeFeed>();
        return services;
    }

    /// <summary>Migrations, the roles every tenant uses and, in Development, the demo data.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, bool migrate, bool seedDemo, CancellationToken cancellationToken = default)
    {
        if (migrate)
        {
            await services.MigrateAsync(cancellationToken);
        }

        await RoleSeeder.EnsureRolesAsync(services, cancellationToken);
        if (seedDemo)
        {
            await services.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: it can also reach its database.</summary>
    public static IEndpointRouteBuilder MapCareLoopHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }));
    }
}
