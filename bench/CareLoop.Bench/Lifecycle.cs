using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CareLoop.Bench;

/// <summary>
/// Issue 9: the daily lifecycle computation over many units. <c>lifecycle-seed</c> writes UNITS × 3 consumable
/// schedules set-based (one INSERT … SELECT, no rows through C#) in a steady state: every row's current interval
/// started within its last cycle, so each day about UNITS/90 + UNITS/180 + UNITS/720 rows enter the reminder window and
/// as many reach their due date; rows due within the next 6 days were reminded on earlier days.
/// <c>lifecycle-run</c> runs <c>POST /api/v1/lifecycle/runs</c> twice (the second must send nothing) and prints the plan
/// of the due query.
/// </summary>
internal static class Lifecycle
{
    private static readonly (string Code, string Name, int Interval)[] Consumables = [("B-PP", "PP棉滤芯", 90), ("B-CTO", "活性炭滤芯", 180), ("B-RO", "RO反渗透膜", 720)];

    public static async Task<int> SeedAsync(Options o)
    {
        var sqlite = o.Get("provider").Equals("Sqlite", StringComparison.OrdinalIgnoreCase);
        var units = o.Int("units", 2_000_000);
        var today = Today();
        await using DbConnection connection = sqlite ? new SqliteConnection(o.Get("connection")) : new NpgsqlConnection(o.Get("connection"));
        await connection.OpenAsync();
        var tenant = (await ScalarAsync(connection, "SELECT \"Id\" FROM \"Tenants\" WHERE \"Slug\" = 'demo-brand'"))!.ToString()!;
        var model = (await ScalarAsync(connection, "SELECT \"Id\" FROM \"ProductModels\" WHERE \"Sku\" = 'WP-RO600'"))?.ToString() ?? Guid.Empty.ToString(); // any model: the run reads no catalog for these rows
        var watch = Stopwatch.StartNew();
        await SeedCustomersAsync(connection, sqlite, tenant, units, watch);
        for (var k = 0; k < Consumables.Length; k++)
        {
            var (code, name, interval) = Consumables[k];
            var sql = sqlite
                ? $"""
                   PRAGMA cache_size=-262144;
                   WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < {units})
                   INSERT INTO "LifecycleSchedules" ("Id","TenantId","UnitId","CustomerId","ModelId","Kind","ItemKey","ItemName","IntervalDays","StartedOn","DueOn","State","UpdatedAt")
                   SELECT printf('%08X-%04X-4000-A000-%012X', n, {k}, n), '{tenant.ToUpperInvariant()}', printf('%08X-0000-4000-8000-%012X', n, n), printf('%08X-0000-4000-9000-%012X', n, n),
                          '{model.ToUpperInvariant()}', 1, '{code}', '{name}', {interval},
                          date('{today:yyyy-MM-dd}', ((n * 7919) % {interval} - {interval}) || ' days'), date('{today:yyyy-MM-dd}', ((n * 7919) % {interval}) || ' days'),
                          CASE WHEN (n * 7919) % {interval} <= 6 THEN 2 ELSE 1 END, '{Stamp()}'
                   FROM g;
                   """
                : $"""
                   INSERT INTO "LifecycleSchedules" ("Id","TenantId","UnitId","CustomerId","ModelId","Kind","ItemKey","ItemName","IntervalDays","StartedOn","DueOn","State","UpdatedAt")
                   SELECT md5('s{k}-' || n)::uuid, '{tenant}', md5('u' || n)::uuid, md5('c' || n)::uuid, '{model}', 1, '{code}', '{name}', {interval},
                          DATE '{today:yyyy-MM-dd}' + ((n::bigint * 7919) % {interval} - {interval})::int, DATE '{today:yyyy-MM-dd}' + ((n::bigint * 7919) % {interval})::int,
                          CASE WHEN (n::bigint * 7919) % {interval} <= 6 THEN 2 ELSE 1 END, now()
                   FROM generate_series(1, {units}) n;
                   """;
            await ExecuteAsync(connection, sql);
            Console.WriteLine($"seed,{code},units={units},elapsed-s={watch.Elapsed.TotalSeconds:0.0}");
        }

        await ExecuteAsync(connection, sqlite ? "ANALYZE" : "ANALYZE \"LifecycleSchedules\"; ANALYZE \"Customers\"; ANALYZE \"CustomerPhones\"");
        Console.WriteLine($"seed,total-rows={await ScalarAsync(connection, "SELECT count(*) FROM \"LifecycleSchedules\"")},elapsed-s={watch.Elapsed.TotalSeconds:0.0}");
        return 0;
    }

    /// <summary>
    /// One customer per unit (the id the schedules point to), with a primary phone sealed as the app seals it: the run
    /// reads each reminded customer's contact profile and policy facts, as in production. All phones decrypt to one test
    /// number (one ciphertext under the Development key; the blind index stays unique per row).
    /// </summary>
    private static async Task SeedCustomersAsync(DbConnection connection, bool sqlite, string tenant, int units, Stopwatch watch)
    {
        var phone = new CareLoop.Platform.Security.PersonalDataProtector(Convert.FromBase64String(CareLoop.Platform.Security.SecretsValidator.DevelopmentDataEncryptionKey))
            .SealPhone(Guid.Parse(tenant), "13700000000")!;
        var sql = sqlite
            ? $"""
               PRAGMA cache_size=-262144;
               WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < {units})
               INSERT INTO "Customers" ("Id","TenantId","Name","ConsentPhone","ConsentSms","ConsentWeChat","CreatedAt","Elderly","NoSmartphone","PreferredChannel","Version","Tags")
               SELECT printf('%08X-0000-4000-9000-%012X', n, n), '{tenant.ToUpperInvariant()}', '客户' || n, 1, 1, 0, '{Stamp()}', 0, 0, 2, 0, '' FROM g;
               WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < {units})
               INSERT INTO "CustomerPhones" ("Id","TenantId","CustomerId","BlindIndex","Cipher","IsPrimary","Masked")
               SELECT printf('%08X-0000-4000-B000-%012X', n, n), '{tenant.ToUpperInvariant()}', printf('%08X-0000-4000-9000-%012X', n, n), printf('bench%059d', n), '{phone.Cipher}', 1, '{phone.Masked}' FROM g;
               """
            : $"""
               INSERT INTO "Customers" ("Id","TenantId","Name","ConsentPhone","ConsentSms","ConsentWeChat","CreatedAt","Elderly","NoSmartphone","PreferredChannel","Version","Tags")
               SELECT md5('c' || n)::uuid, '{tenant}', '客户' || n, true, true, false, now(), false, false, 2, 0, '' FROM generate_series(1, {units}) n;
               INSERT INTO "CustomerPhones" ("Id","TenantId","CustomerId","BlindIndex","Cipher","IsPrimary","Masked")
               SELECT md5('p' || n)::uuid, '{tenant}', md5('c' || n)::uuid, md5('b' || n) || md5('i' || n), '{phone.Cipher}', true, '{phone.Masked}' FROM generate_series(1, {units}) n;
               """;
        await ExecuteAsync(connection, sql);
        Console.WriteLine($"seed,customers-and-phones,units={units},elapsed-s={watch.Elapsed.TotalSeconds:0.0}");
    }

    /// <summary>A timestamp as EF Core stores a DateTimeOffset in SQLite.</summary>
    private static string Stamp() => TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    public static async Task<int> RunAsync(Options o)
    {
        var sqlite = o.Get("provider").Equals("Sqlite", StringComparison.OrdinalIgnoreCase);
        using var http = new HttpClient { BaseAddress = new Uri(o.Get("url")), Timeout = TimeSpan.FromMinutes(30) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant = "demo-brand", userName = "supervisor", password = o.Get("password") });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());

        await using DbConnection connection = sqlite ? new SqliteConnection(o.Get("connection")) : new NpgsqlConnection(o.Get("connection"));
        await connection.OpenAsync();
        var today = Today();
        var due = $"""
                   FROM "LifecycleSchedules" WHERE "TenantId" = (SELECT "Id" FROM "Tenants" WHERE "Slug" = 'demo-brand') AND "State" = 1 AND "Kind" = 1
                     AND "DueOn" >= {Date(today, sqlite)} AND "DueOn" <= {Date(today.AddDays(7), sqlite)}
                   """;
        Console.WriteLine($"rows,total={await ScalarAsync(connection, "SELECT count(*) FROM \"LifecycleSchedules\"")},due-in-window={await ScalarAsync(connection, "SELECT count(*) " + due)}," +
                          $"reaching-due-date={await ScalarAsync(connection, $"SELECT count(*) FROM \"LifecycleSchedules\" WHERE \"State\" IN (1, 2) AND \"Kind\" = 1 AND \"DueOn\" <= {Date(today, sqlite)}")}");
        Console.WriteLine("plan of the reminder query:");
        foreach (var line in await LinesAsync(connection, (sqlite ? "EXPLAIN QUERY PLAN SELECT \"Id\", \"CustomerId\", \"UnitId\", \"ItemName\", \"DueOn\" " : "EXPLAIN (ANALYZE, BUFFERS) SELECT \"Id\", \"CustomerId\", \"UnitId\", \"ItemName\", \"DueOn\" ") + due))
        {
            Console.WriteLine("  " + line);
        }

        for (var run = 1; run <= 2; run++)
        {
            var watch = Stopwatch.StartNew();
            var response = await http.PostAsync("/api/v1/lifecycle/runs", null);
            var body = await response.Content.ReadAsStringAsync();
            Console.WriteLine($"run-{run},status={(int)response.StatusCode},elapsed-s={watch.Elapsed.TotalSeconds:0.0},{body}");
        }

        Console.WriteLine($"claims,{await ScalarAsync(connection, "SELECT count(*) FROM \"ReminderDispatches\"")},call-list-entries,{await ScalarAsync(connection, "SELECT count(*) FROM \"CallListEntries\"")}");
        return 0;
    }

    /// <summary>Today in Shanghai: the app's "today".</summary>
    private static DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    private static string Date(DateOnly d, bool sqlite) => sqlite ? $"'{d:yyyy-MM-dd}'" : $"DATE '{d:yyyy-MM-dd}'";

    private static async Task<List<string>> LinesAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return lines;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 3600;
        return await cmd.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 3600;
        await cmd.ExecuteNonQueryAsync();
    }
}
