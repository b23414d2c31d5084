using CareLoop.Platform.Auditing;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Platform.Persistence;

public static class PersistenceExtensions
{
    public static DatabaseProvider AddCareLoopPersistence(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var provider = DatabaseProvider.Create(options, builder.Configuration.GetConnectionString("CareLoop"), builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(provider);
        builder.Services.AddDbContext<CareLoopDbContext>(o =>
        {
            provider.Configure(o);
            if (builder.Environment.IsDevelopment())
            {
                o.EnableDetailedErrors();
            }
        });
        builder.Services.AddScoped<IAuditLog, AuditLog>();
        builder.Services.AddHealthChecks().AddDbContextCheck<CareLoopDbContext>("database", tags: ["ready"]);
        return provider;
    }

    /// <summary>Prepares the database file/connection and applies pending migrations.</summary>
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
        var provider = scope.ServiceProvider.GetRequiredService<DatabaseProvider>();
        await provider.PrepareAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await provider.OptimizeAsync(db, cancellationToken);
    }
}
