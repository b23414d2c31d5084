using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Tests.Platform;

public sealed class MigrationTests
{
    [Theory, AllProviders]
    public async Task Migrations_apply_to_an_empty_database_and_match_the_model(DatabaseKind kind)
    {
        await using var database = await TestDatabases.CreateEmptyAsync(kind);
        var provider = DatabaseProvider.Create(new DatabaseOptions { Provider = database.Provider }, database.ConnectionString, Path.GetTempPath());
        var options = new DbContextOptionsBuilder<CareLoopDbContext>();
        provider.Configure(options);
        await using var db = new CareLoopDbContext(options.Options, new TenantContext(), TimeProvider.System, provider);

        await provider.PrepareAsync(db, CancellationToken.None);
        await db.Database.MigrateAsync();

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration captures: run scripts/add-migration.sh.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Tenants.CountAsync());
    }

    [Fact]
    public async Task Sqlite_database_runs_in_wal_mode()
    {
        await using var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);

        var mode = await app.DbAsync(null, db => db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync());

        Assert.Equal("wal", mode.Single());
    }

    [Fact]
    public async Task Postgres_migrations_create_the_quartz_job_store()
    {
        Assert.SkipWhen(TestEnvironment.PostgresAdminConnectionString is null && !TestEnvironment.IsCi, "PostgreSQL not configured: set CARELOOP_TEST_POSTGRES.");
        await using var app = await CareLoopApp.StartAsync(DatabaseKind.Postgres, startOutbox: true);

        var tables = await app.DbAsync(null, db => db.Database
            .SqlQueryRaw<string>("SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_name LIKE 'qrtz_%'")
            .ToListAsync());

        Assert.Contains("qrtz_triggers", tables);
        Assert.Contains("qrtz_locks", tables);
        Assert.Contains("qrtz_scheduler_state", tables);
    }
}

public sealed class MigrateCommandTests
{
    [Fact]
    public async Task The_migrate_command_prepares_an_empty_database_and_exits_without_seeding()
    {
        await using var database = await TestDatabases.CreateEmptyAsync(DatabaseKind.Sqlite);
        var host = Path.Combine(AppContext.BaseDirectory, "CareLoop.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [host, "migrate"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__CareLoop"] = database.ConnectionString;
        start.Environment["Security__DataEncryptionKey"] = TestEnvironment.ProductionDataKey;
        start.Environment["Payments__WeChat__ApiV3Key"] = System.Security.Cryptography.RandomNumberGenerator.GetHexString(32);
        using var platformKey = System.Security.Cryptography.RSA.Create(2048);
        start.Environment["Payments__WeChat__PlatformPublicKey"] = platformKey.ExportSubjectPublicKeyInfoPem();

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, await output + await errors);
        var provider = DatabaseProvider.Create(new DatabaseOptions(), database.ConnectionString, Path.GetTempPath());
        var options = new DbContextOptionsBuilder<CareLoopDbContext>();
        provider.Configure(options);
        await using var db = new CareLoopDbContext(options.Options, new TenantContext(), TimeProvider.System, provider);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(CareLoop.Platform.Identity.Roles.All.Count, await db.Roles.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Tenants.CountAsync(TestContext.Current.CancellationToken));
    }
}
