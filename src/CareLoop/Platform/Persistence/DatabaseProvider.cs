using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using Quartz;

namespace CareLoop.Platform.Persistence;

/// <summary>
/// THE seam for differences between SQLite and PostgreSQL (docs/adr/0002). Everything else in the code base is
/// provider-agnostic; when you need a provider-specific behaviour, add a member here rather than branching elsewhere.
/// </summary>
public abstract class DatabaseProvider
{
    public abstract string Name { get; }

    public abstract string ConnectionString { get; }

    /// <summary>Name of the assembly that holds this provider's migrations.</summary>
    public string MigrationsAssembly => "CareLoop.Migrations." + Name;

    public abstract void Configure(DbContextOptionsBuilder options);

    /// <summary>Type mappings that must differ by provider.</summary>
    public virtual void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
    }

    /// <summary>True when the exception is a violated unique constraint (e.g. a duplicate idempotency key).</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>True when the whole transaction should be retried (PostgreSQL serialization failure / deadlock).</summary>
    public abstract bool IsTransientConflict(DbException exception);

    /// <summary>Quartz job store: in memory for the single-node SQLite setup, clustered ADO store on PostgreSQL.</summary>
    public abstract void ConfigureJobStore(IQuartzBuilder quartz);

    /// <summary>One-off preparation before migrations (create the directory, switch SQLite to WAL).</summary>
    public virtual Task PrepareAsync(DbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Keeps the query planner's statistics current (PostgreSQL's autovacuum does it by itself).</summary>
    public virtual Task OptimizeAsync(DbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    public static DatabaseProvider Create(DatabaseOptions options, string? connectionString, string contentRoot) =>
        options.Provider.ToUpperInvariant() switch
        {
            "SQLITE" => new SqliteDatabaseProvider(connectionString ?? SqliteDatabaseProvider.FromPath(options.SqlitePath, contentRoot)),
            "POSTGRES" or "POSTGRESQL" => new PostgresDatabaseProvider(
                connectionString ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:CareLoop is not set.")),
            _ => throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'. Use Sqlite or Postgres."),
        };

    protected void UseProviderMigrations(DbContextOptionsBuilder options) =>
        options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
}

public sealed class SqliteDatabaseProvider(string connectionString) : DatabaseProvider
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public override string Name => "Sqlite";

    public override string ConnectionString { get; } = connectionString;

    public static string FromPath(string path, string contentRoot)
    {
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path));
        return new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public override void Configure(DbContextOptionsBuilder options)
    {
        options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly)).AddInterceptors(SqliteBusyTimeout.Instance);
        UseProviderMigrations(options);
    }

    /// <summary>SQLite has no native date/time type: store DateTimeOffset as UTC ticks so it sorts and compares.</summary>
    public override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        configuration.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint } e
        && e.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey;

    public override bool IsTransientConflict(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED

    public override void ConfigureJobStore(IQuartzBuilder quartz) => quartz.UseInMemoryStore();

    /// <summary>
    /// Without statistics SQLite guesses that <c>TenantId = ?</c> on a composite index is selective, and with one big
    /// tenant walks all its rows; <c>PRAGMA optimize</c> (analysing every table on this first call) fixes the guess.
    /// </summary>
    public override async Task OptimizeAsync(DbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);

    public override async Task PrepareAsync(DbContext db, CancellationToken cancellationToken)
    {
        var dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // WAL is persistent in the file: readers never block the writer.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

public sealed class PostgresDatabaseProvider(string connectionString) : DatabaseProvider
{
    public override string Name => "Postgres";

    public override string ConnectionString { get; } = WithAutoPrepare(connectionString);

    public override void Configure(DbContextOptionsBuilder options)
    {
        options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly));
        UseProviderMigrations(options);
    }

    /// <summary>
    /// EF issues the same few statements over and over; planning them costs more than running them (0.5 ms against
    /// 0.1 ms for the customer 360's, docs/benchmarks.md). Npgsql's automatic preparation keeps the hot ones
    /// prepared per physical connection. An explicit <c>Max Auto Prepare</c> in the connection string wins.
    /// </summary>
    private static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 256;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>After one of these PostgreSQL has aborted the whole transaction: retry the transaction, never the command.</summary>
    public override bool IsTransientConflict(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    public override void ConfigureJobStore(IQuartzBuilder quartz) =>
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(ConnectionString);
            store.UseSystemTextJsonSerializer();
            store.UseClustering(c =>
            {
                c.CheckinInterval = TimeSpan.FromSeconds(10);
                c.CheckinMisfireThreshold = TimeSpan.FromSeconds(30);
            });
        });
}

internal sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
