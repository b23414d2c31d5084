using CareLoop.Platform.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareLoop.Tests.Infrastructure;

/// <summary>
/// A fresh, real database per test, copied from a template that was migrated and seeded once per test run
/// (a file copy on SQLite, <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL), so tests never share rows.
/// </summary>
public static class TestDatabases
{
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "careloop-tests", RunId);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _sqliteTemplate;
    private static string? _postgresTemplate;

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind)
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        if (kind == DatabaseKind.Sqlite)
        {
            var template = await TemplateAsync(kind);
            var path = Path.Combine(Root, name + ".db");
            File.Copy(template, path);
            return new TestDatabase(kind, SqliteConnectionString(path), () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var f in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(f);
                }

                return Task.CompletedTask;
            });
        }

        var admin = TestEnvironment.PostgresAdminConnectionString
            ?? throw new InvalidOperationException("CARELOOP_TEST_POSTGRES is not set; CI must provide PostgreSQL.");
        var pgTemplate = await TemplateAsync(kind);
        await ExecuteAsync(admin, $"CREATE DATABASE \"careloop_{RunId}_{name}\" TEMPLATE \"{pgTemplate}\"");
        var db = $"careloop_{RunId}_{name}";
        return new TestDatabase(kind, PostgresConnectionString(admin, db), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)");
        });
    }

    /// <summary>An empty database (no migrations), for the migration tests.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync(DatabaseKind kind)
    {
        Directory.CreateDirectory(Root);
        var name = "e_" + Guid.NewGuid().ToString("N")[..16];
        if (kind == DatabaseKind.Sqlite)
        {
            var path = Path.Combine(Root, name + ".db");
            return new TestDatabase(kind, SqliteConnectionString(path), () => Task.CompletedTask);
        }

        var admin = TestEnvironment.PostgresAdminConnectionString!;
        var db = $"careloop_{RunId}_{name}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{db}\"");
        return new TestDatabase(kind, PostgresConnectionString(admin, db), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)");
        });
    }

    private static async Task<string> TemplateAsync(DatabaseKind kind)
    {
        await Gate.WaitAsync();
        try
        {
            if (kind == DatabaseKind.Sqlite && _sqliteTemplate is not null)
            {
                return _sqliteTemplate;
            }

            if (kind == DatabaseKind.Postgres && _postgresTemplate is not null)
            {
                return _postgresTemplate;
            }

            Directory.CreateDirectory(Root);
            string connectionString, result;
            if (kind == DatabaseKind.Sqlite)
            {
                result = Path.Combine(Root, "template.db");
                connectionString = SqliteConnectionString(result);
            }
            else
            {
                var admin = TestEnvironment.PostgresAdminConnectionString!;
                result = $"careloop_{RunId}_template";
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{result}\" WITH (FORCE)");
                await ExecuteAsync(admin, $"CREATE DATABASE \"{result}\"");
                connectionString = PostgresConnectionString(admin, result);
            }

            // Start the real app once on the template: it migrates, creates the roles and seeds the demo data.
            await using (var app = new CareLoopApp(new TestDatabase(kind, connectionString, () => Task.CompletedTask), startOutbox: false))
            {
                app.StartServer();
                if (kind == DatabaseKind.Sqlite)
                {
                    using var scope = app.Services.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
                    await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
                }
            }

            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (kind == DatabaseKind.Sqlite)
            {
                _sqliteTemplate = result;
            }
            else
            {
                _postgresTemplate = result;
            }

            return result;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string SqliteConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();

    private static string PostgresConnectionString(string admin, string database) =>
        new NpgsqlConnectionStringBuilder(admin) { Database = database }.ToString();

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class TestDatabase(DatabaseKind kind, string connectionString, Func<Task> drop) : IAsyncDisposable
{
    public DatabaseKind Kind { get; } = kind;

    public string ConnectionString { get; } = connectionString;

    public string Provider => Kind == DatabaseKind.Sqlite ? "Sqlite" : "Postgres";

    public async ValueTask DisposeAsync() => await drop();
}
