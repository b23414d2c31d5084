using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace CareLoop.Bench;

/// <summary>
/// bench/settlement.sh: a month of ledger entries for ENGINEERS engineers (in PROVIDERS contracted providers) and WORK_ORDERS
/// confirmed jobs, written straight into LedgerEntries with COPY (binary), as the commission poster would have posted them:
/// per job a base amount, often a distance allowance, sometimes a CSAT-5 bonus or an SLA-breach penalty, and the provider's
/// line for the 70 % of engineers who work for a contracted provider; plus a balance brought forward from the month before.
/// </summary>
internal static class Settlement
{
    public static async Task<int> SeedAsync(Options o)
    {
        var engineers = o.Int("engineers", 1300);
        var workOrders = o.Int("work-orders", 400_000);
        var providers = o.Int("providers", 30);
        var period = o.Int("period", 202610);
        var random = new Random(o.Int("seed", 1));
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(o.Get("connection"));
        await connection.OpenAsync();
        var tenant = (Guid)(await new NpgsqlCommand("SELECT \"Id\" FROM \"Tenants\" WHERE \"Slug\" = 'demo-brand'", connection).ExecuteScalarAsync())!;
        var engineerIds = Enumerable.Range(0, engineers).Select(_ => Guid.NewGuid()).ToArray();
        var providerIds = Enumerable.Range(0, providers).Select(_ => Guid.NewGuid()).ToArray();
        var providerOf = engineerIds.Select((_, i) => i % 10 < 7 ? providerIds[i % providers] : (Guid?)null).ToArray();
        var monthStart = new DateTimeOffset(period / 100, period % 100, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var days = DateTime.DaysInMonth(period / 100, period % 100);
        var previous = period % 100 == 1 ? period - 100 + 11 : period - 1;
        long rows = 0;

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY \"LedgerEntries\" (\"Id\", \"TenantId\", \"PartyKind\", \"PartyId\", \"WorkOrderId\", \"WorkOrderNumber\", \"AmountFen\", \"RuleCode\", \"Args\", \"RuleSetVersion\", \"PostedAt\", \"Period\", \"Key\") FROM STDIN (FORMAT BINARY)"))
        {
            async Task Write(int party, Guid partyId, Guid? order, string? number, long amount, string code, DateTimeOffset at, int month, string key)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(at), NpgsqlDbType.Uuid);
                await writer.WriteAsync(tenant, NpgsqlDbType.Uuid);
                await writer.WriteAsync(party, NpgsqlDbType.Integer);
                await writer.WriteAsync(partyId, NpgsqlDbType.Uuid);
                if (order is { } id)
                {
                    await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(number!, NpgsqlDbType.Text);
                }
                else
                {
                    await writer.WriteNullAsync();
                    await writer.WriteNullAsync();
                }

                await writer.WriteAsync(amount, NpgsqlDbType.Bigint);
                await writer.WriteAsync(code, NpgsqlDbType.Text);
                await writer.WriteAsync("[]", NpgsqlDbType.Text);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(at.UtcDateTime, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(month, NpgsqlDbType.Integer);
                await writer.WriteAsync(key, NpgsqlDbType.Text);
                rows++;
            }

            // What everyone carried over from the month before: one entry each.
            var before = monthStart.AddDays(-3);
            for (var e = 0; e < engineers; e++)
            {
                await Write(1, engineerIds[e], null, null, random.Next(0, 500_000), "base", before, previous, "open:" + engineerIds[e]);
            }

            for (var n = 0; n < workOrders; n++)
            {
                var e = random.Next(engineers);
                var order = Guid.NewGuid();
                var number = "WO" + period.ToString(CultureInfo.InvariantCulture) + n.ToString("0000000", CultureInfo.InvariantCulture);
                var at = monthStart.AddDays(random.Next(days)).AddMinutes(random.Next(9 * 60, 20 * 60));
                var net = 0L;
                foreach (var (code, amount) in Lines(random))
                {
                    await Write(1, engineerIds[e], order, number, amount, code, at, period, $"job:{order}:{code}");
                    net += amount;
                }

                if (providerOf[e] is { } provider)
                {
                    await Write(2, provider, order, number, net + 500, "provider_settlement", at, period, $"job:{order}:provider");
                }
            }

            await writer.CompleteAsync();
        }

        await new NpgsqlCommand("ANALYZE \"LedgerEntries\"", connection).ExecuteNonQueryAsync();
        Console.WriteLine($"seed,engineers={engineers},providers={providers},work_orders={workOrders},ledger_entries={rows},seconds={watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}");
        return 0;
    }

    private static IEnumerable<(string Code, long Amount)> Lines(Random random)
    {
        yield return ("base", random.Next(3, 13) * 1000);
        if (random.Next(100) < 60)
        {
            yield return ("distance", random.Next(1, 5) * 500);
        }

        if (random.Next(100) < 30)
        {
            yield return ("csat5_bonus", 1000);
        }

        if (random.Next(100) < 5)
        {
            yield return ("sla_breach", -2000);
        }
    }
}
