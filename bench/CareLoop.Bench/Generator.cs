using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Bogus;
using CareLoop.Modules.Customers;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Security;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CareLoop.Bench;

/// <summary>
/// Writes customers (with encrypted phone, blind index, a real GB/T 2260 address) and their units straight into a
/// migrated CareLoop database of the demo brand, in batches, through plain parameterised INSERTs on either provider.
/// Names and streets come from Bogus's zh_CN locale; phones are unique 11-digit mobiles.
/// </summary>
internal static class Generator
{
    private const int Batch = 500;

    public static async Task<int> RunAsync(Options o)
    {
        var sqlite = o.Get("provider").Equals("Sqlite", StringComparison.OrdinalIgnoreCase);
        var customers = o.Int("customers", 1_000_000);
        var unitsPer = o.Int("units-per-customer", 2);
        var protector = new PersonalDataProtector(Convert.FromBase64String(o.Get("key")));
        Regions regions;
        using (var stream = typeof(CustomersModule).Assembly.GetManifestResourceStream("CareLoop.Regions.tsv")!)
        using (var reader = new StreamReader(stream))
        {
            regions = Regions.Parse(reader);
        }

        var districts = regions.Children(null).SelectMany(p => Descendants(regions, p.Code)).Where(r => r.Level == "district").Select(r => regions.PathOf(r.Code)!).Where(p => p is not null).ToArray();
        await using DbConnection connection = sqlite ? new SqliteConnection(o.Get("connection")) : new NpgsqlConnection(o.Get("connection"));
        await connection.OpenAsync();
        var tenantId = Guid.Parse((await ScalarAsync(connection, "SELECT \"Id\" FROM \"Tenants\" WHERE \"Slug\" = 'demo-brand'"))!.ToString()!);
        var models = new List<(Guid Id, string Sku)>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT \"Id\", \"Sku\" FROM \"ProductModels\"";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                models.Add((Guid.Parse(r.GetValue(0).ToString()!), r.GetString(1)));
            }
        }

        var faker = new Faker("zh_CN");
        Randomizer.Seed = new Random(20261111);
        var sample = new List<string>();
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < customers; start += Batch)
        {
            var count = Math.Min(Batch, customers - start);
            var c = new List<object?[]>(count);
            var phones = new List<object?[]>(count);
            var addresses = new List<object?[]>(count);
            var units = new List<object?[]>(count * unitsPer);
            for (var i = 0; i < count; i++)
            {
                var n = start + i;
                var id = Guid.CreateVersion7(now.AddSeconds(n));
                var mobile = "+86139" + (n * 7919L % 100_000_000L).ToString("D8", CultureInfo.InvariantCulture);
                if (n % Math.Max(1, customers / 2000) == 0)
                {
                    sample.Add(mobile);
                }

                var region = districts[n % districts.Length];
                c.Add([G(id, sqlite), G(tenantId, sqlite), faker.Name.LastName() + faker.Name.FirstName(), 1, true, true, false, null, null, null, T(now, sqlite), 0L, ""]);
                phones.Add([G(Guid.CreateVersion7(now), sqlite), G(tenantId, sqlite), G(id, sqlite), protector.Encrypt(mobile), protector.BlindIndex(tenantId, mobile), PhoneNumberRules.Mask(mobile), true]);
                addresses.Add([G(Guid.CreateVersion7(now), sqlite), G(id, sqlite), region.ProvinceCode, region.ProvinceName, region.CityCode, region.CityName, region.DistrictCode, region.DistrictName, faker.Address.StreetAddress(), null, null, true]);
                for (var u = 0; u < unitsPer; u++)
                {
                    var model = models[(n + u) % models.Count];
                    var bought = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-(n % 900));
                    units.Add([G(Guid.CreateVersion7(now), sqlite), G(tenantId, sqlite), $"BENCH{n:D9}{u}", G(model.Id, sqlite), model.Sku, G(id, sqlite), D(bought, sqlite), 1 + (n % 5), $"ORD{n:D9}", D(bought.AddDays(2), sqlite), null, T(now, sqlite), 0L, 1]);
                }
            }

            await using var tx = await connection.BeginTransactionAsync();
            await InsertAsync(connection, tx, "Customers", ["Id", "TenantId", "Name", "PreferredChannel", "ConsentPhone", "ConsentSms", "ConsentWeChat", "DoNotDisturbUntil", "DoNotDisturbReason", "Notes", "CreatedAt", "Version", "Tags"], c);
            await InsertAsync(connection, tx, "CustomerPhones", ["Id", "TenantId", "CustomerId", "Cipher", "BlindIndex", "Masked", "IsPrimary"], phones);
            await InsertAsync(connection, tx, "CustomerAddresses", ["Id", "CustomerId", "ProvinceCode", "ProvinceName", "CityCode", "CityName", "DistrictCode", "DistrictName", "Detail", "Latitude", "Longitude", "IsDefault"], addresses);
            await InsertAsync(connection, tx, "RegisteredUnits", ["Id", "TenantId", "SerialNumber", "ModelId", "Sku", "CustomerId", "PurchaseDate", "Channel", "OrderNumber", "DeliveryDate", "InstallDate", "RegisteredAt", "Version", "Source"], units);
            await tx.CommitAsync();
            if ((start / Batch) % 200 == 0)
            {
                Console.Error.WriteLine($"{start + count} customers, {watch.Elapsed.TotalSeconds:F0} s");
            }
        }

        watch.Stop();
        await File.WriteAllLinesAsync(o.Get("sample"), sample);
        var rows = customers * (3L + unitsPer);
        Console.WriteLine($"generated,{customers},{customers * unitsPer},{watch.Elapsed.TotalSeconds:F1}s,{customers / watch.Elapsed.TotalSeconds:F0} customers/s,{rows / watch.Elapsed.TotalSeconds:F0} rows/s");
        return 0;
    }

    private static IEnumerable<Region> Descendants(Regions regions, string code) =>
        regions.Children(code).SelectMany(child => Descendants(regions, child.Code).Prepend(child));

    private static object G(Guid value, bool sqlite) => sqlite ? value.ToString().ToUpperInvariant() : value;

    private static object T(DateTimeOffset value, bool sqlite) => sqlite ? value.UtcTicks : value;

    private static object D(DateOnly value, bool sqlite) => sqlite ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value;

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction tx, string table, string[] columns, List<object?[]> rows)
    {
        if (connection is SqliteConnection)
        {
            // SQLite: one prepared single-row statement, re-bound per row, is its fastest path.
            await using var single = connection.CreateCommand();
            single.Transaction = tx;
            single.CommandText = $"INSERT INTO \"{table}\" ({string.Join(',', columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(',', columns.Select((_, i) => "@p" + i))})";
            var parameters = columns.Select((_, i) =>
            {
                var p = single.CreateParameter();
                p.ParameterName = "@p" + i;
                single.Parameters.Add(p);
                return p;
            }).ToArray();
            foreach (var row in rows)
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].Value = row[i] ?? DBNull.Value;
                }

                await single.ExecuteNonQueryAsync();
            }

            return;
        }

        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        var values = new List<string>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var names = new string[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = $"@p{r}_{c}";
                p.Value = rows[r][c] ?? DBNull.Value;
                cmd.Parameters.Add(p);
                names[c] = p.ParameterName;
            }

            values.Add("(" + string.Join(',', names) + ")");
        }

        cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(',', columns.Select(c => $"\"{c}\""))}) VALUES {string.Join(',', values)}";
        await cmd.ExecuteNonQueryAsync();
    }
}
