using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Customers;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Modules.Dispatch.Domain;
using CareLoop.Modules.Dispatch.Features.AutoDispatch;
using CareLoop.Modules.Network.Contracts;
using Npgsql;

namespace CareLoop.Bench;

/// <summary>
/// Issue 6 benchmark 1: dispatch decisions on a national network — ENGINEERS engineers of one brand in the HUBS provinces
/// with the most districts (their districts: ~2,800 GB/T 2260 codes), each covering a run of 15–40 districts of their
/// province, with skills, certificates, shifts, leave, capacity and rating drawn from a seed.
/// <c>dispatch-engine</c> times the engine alone (area lookup, hard rules, scores) on JOBS generated jobs;
/// <c>dispatch-network</c> writes the same network into a PostgreSQL database of the app (users copied from the demo
/// engineer); <c>dispatch-run</c> re-dispatches the waiting work orders through the API and reports decisions/s, the
/// client latencies and the server's own decision times (recorded with each decision, its write excluded).
/// </summary>
internal static class Dispatch
{
    private static readonly string[] Categories = ["water-purifier", "robot-vacuum"];

    private sealed record Net(List<DispatchableEngineer> Engineers, List<(string Code, GeoPoint At)> Districts, List<ProviderContract> Contracts);

    public static int Engine(Options o)
    {
        var seed = o.Int("seed", 1);
        var net = Network(o.Int("engineers", 1300), o.Int("hubs", 21), seed);
        var snapshot = new NetworkSnapshot(net.Engineers, TimeProvider.System.GetUtcNow());
        var settings = DispatchSettings.Defaults(Guid.Empty);
        settings.Update(true, 40, 25, 15, 10, 10, 50, [], 15, ["water-purifier:electrician"]);
        var distance = new StraightLineDistance();
        var r = new Random(seed + 1);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var jobs = o.Int("jobs", 20000);
        var loads = net.Engineers.ToDictionary(e => e.UserId, e => r.Next(e.DailyCapacity + 1));
        var times = new List<double>(jobs);
        int assigned = 0, none = 0, candidates = 0;
        var exclusions = new Dictionary<string, int>();
        for (var i = -2000; i < jobs; i++) // the first 2,000 warm the JIT up
        {
            var (code, at) = net.Districts[r.Next(net.Districts.Count)];
            var start = new TimeOnly(8 + r.Next(9), 0);
            var job = new DispatchJob(Guid.NewGuid(), code, Categories[r.Next(2)], new GeoPoint(at.Latitude + (r.NextDouble() - 0.5) * 0.1, at.Longitude + (r.NextDouble() - 0.5) * 0.1),
                today.AddDays(r.Next(3)), start, start.AddHours(2), r.Next(3) == 0, r.NextDouble() * 0.5, [], []);
            var t0 = Stopwatch.GetTimestamp();
            var inArea = DispatchEngine.InArea(job, snapshot, distance);
            var explanation = DispatchEngine.Evaluate(job, inArea, loads, settings, distance, snapshot.Engineers.Count - inArea.Count);
            var elapsed = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            if (i < 0)
            {
                continue;
            }

            times.Add(elapsed);
            candidates += inArea.Count;
            if (explanation.Best is null)
            {
                none++;
            }
            else
            {
                assigned++;
            }

            foreach (var c in explanation.Candidates.Where(c => c.Excluded is not null))
            {
                exclusions[c.Excluded!] = exclusions.GetValueOrDefault(c.Excluded!) + 1;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"network,engineers={net.Engineers.Count},provinces={o.Int("hubs", 21)},districts={net.Districts.Count},covered={net.Engineers.SelectMany(e => e.Districts).Distinct().Count()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine,decisions={jobs},assigned={assigned},queued={none},avg-candidates={(double)candidates / jobs:F1},{Intake.Percentiles(times)}"));
        Console.WriteLine("exclusions," + string.Join(',', exclusions.OrderByDescending(e => e.Value).Select(e => $"{e.Key}={e.Value}")));
        return 0;
    }

    /// <summary>Writes the network into the app's PostgreSQL database (tenant demo-brand), replacing the demo network.</summary>
    public static async Task<int> NetworkAsync(Options o)
    {
        var net = Network(o.Int("engineers", 1300), o.Int("hubs", 21), o.Int("seed", 1));
        await using var connection = new NpgsqlConnection(o.Get("connection"));
        await connection.OpenAsync();
        var tenant = (Guid)(await new NpgsqlCommand("SELECT \"Id\" FROM \"Tenants\" WHERE \"Slug\" = 'demo-brand'", connection).ExecuteScalarAsync())!;
        var template = (Guid)(await new NpgsqlCommand("SELECT \"Id\" FROM \"StaffUsers\" WHERE \"UserName\" = 'engineer'", connection).ExecuteScalarAsync())!;
        var columns = new List<string>();
        await using (var reader = await new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_name = 'StaffUsers' ORDER BY ordinal_position", connection).ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        await using var tx = await connection.BeginTransactionAsync();
        await Exec(connection, "DELETE FROM \"EngineerProfiles\"; DELETE FROM \"Stations\"; DELETE FROM \"ServiceProviders\";");
        var overridden = new Dictionary<string, string> { ["Id"] = "@id", ["UserName"] = "@name", ["NormalizedUserName"] = "upper(@name)", ["DisplayName"] = "@display", ["Email"] = "NULL", ["NormalizedEmail"] = "NULL" };
        var copyUser = $"INSERT INTO \"StaffUsers\" ({string.Join(',', columns.Select(c => $"\"{c}\""))}) SELECT {string.Join(',', columns.Select(c => overridden.GetValueOrDefault(c, $"\"{c}\"")))} FROM \"StaffUsers\" WHERE \"Id\" = @template;" +
                       "INSERT INTO \"StaffUserRoles\" (\"UserId\", \"RoleId\") SELECT @id, \"RoleId\" FROM \"StaffUserRoles\" WHERE \"UserId\" = @template;";
        var stationOf = new Dictionary<Guid, Guid>();
        foreach (var contract in net.Contracts)
        {
            await Exec(connection, "INSERT INTO \"ServiceProviders\" (\"Id\",\"TenantId\",\"Name\",\"IsBrandOwned\",\"IsActive\",\"ContractDistricts\",\"ContractCategories\",\"ContractEndsOn\",\"CreatedAt\",\"Version\") VALUES (@id,@t,@n,true,true,@d,@c,NULL,now(),0)",
                ("id", contract.ProviderId), ("t", tenant), ("n", contract.ProviderName), ("d", string.Join(',', contract.Districts)), ("c", string.Join(',', contract.Categories)));
        }

        foreach (var e in net.Engineers)
        {
            var provider = net.Contracts.Single(c => c.ProviderName == e.Contract!.ProviderName);
            var stationId = e.StationId!.Value;
            if (stationOf.TryAdd(stationId, provider.ProviderId))
            {
                await Exec(connection, "INSERT INTO \"Stations\" (\"Id\",\"TenantId\",\"ProviderId\",\"Name\",\"DistrictCode\",\"Address\",\"Latitude\",\"Longitude\",\"IsActive\",\"Version\") VALUES (@id,@t,@p,@n,@d,'',@lat,@lng,true,0)",
                    ("id", stationId), ("t", tenant), ("p", provider.ProviderId), ("n", e.StationName), ("d", e.Districts.First()), ("lat", e.Station!.Value.Latitude), ("lng", e.Station!.Value.Longitude));
            }

            var name = "eng-" + e.UserId.ToString("N")[^12..];
            await using (var cmd = new NpgsqlCommand(copyUser, connection))
            {
                cmd.Parameters.AddWithValue("id", e.UserId);
                cmd.Parameters.AddWithValue("name", name);
                cmd.Parameters.AddWithValue("display", e.Name);
                cmd.Parameters.AddWithValue("template", template);
                await cmd.ExecuteNonQueryAsync();
            }

            await Exec(connection,
                "INSERT INTO \"EngineerProfiles\" (\"Id\",\"TenantId\",\"UserId\",\"StationName\",\"StationId\",\"Skills\",\"ServiceDistricts\",\"DailyCapacity\",\"HomeLatitude\",\"HomeLongitude\",\"IsActive\",\"Certificates\",\"Shifts\",\"LeaveDays\",\"Rating\",\"ServiceRadiusKm\",\"Version\") " +
                "VALUES (@id,@t,@u,@sn,@s,@skills,@d,@cap,@lat,@lng,true,@certs,@shifts,@leave,@rating,NULL,0)",
                ("id", Guid.CreateVersion7()), ("t", tenant), ("u", e.UserId), ("sn", e.StationName), ("s", stationId), ("skills", string.Join(',', e.Skills)), ("d", string.Join(',', e.Districts)),
                ("cap", e.DailyCapacity), ("lat", e.Home!.Value.Latitude), ("lng", e.Home!.Value.Longitude), ("certs", string.Join(',', e.Certificates)), ("shifts", string.Join(',', e.Shifts)),
                ("leave", string.Join(',', e.Leave)), ("rating", e.Rating));
        }

        await tx.CommitAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"network-written,engineers={net.Engineers.Count},providers={net.Contracts.Count},stations={stationOf.Count},districts={net.Districts.Count}"));
        return 0;
    }

    /// <summary>
    /// Re-runs automatic dispatch (POST …/auto) for every waiting work order, CONCURRENCY at a time. The intake load
    /// script places buyers anywhere in China; first their addresses move into their districts (the network's places).
    /// </summary>
    public static async Task<int> RunAsync(Options o)
    {
        var ids = new List<Guid>();
        var net = Network(o.Int("engineers", 1300), o.Int("hubs", 21), o.Int("seed", 1));
        await using (var connection = new NpgsqlConnection(o.Get("connection")))
        {
            await connection.OpenAsync();
            foreach (var (code, at) in net.Districts)
            {
                await Exec(connection, "UPDATE \"CustomerAddresses\" SET \"Latitude\" = @lat + (random() - 0.5) * 0.1, \"Longitude\" = @lng + (random() - 0.5) * 0.1 WHERE \"DistrictCode\" = @d",
                    ("lat", at.Latitude), ("lng", at.Longitude), ("d", code));
            }

            await using var reader = await new NpgsqlCommand("SELECT \"Id\" FROM \"WorkOrders\" WHERE \"AssigneeId\" IS NULL AND \"State\" = 1 ORDER BY \"Id\"", connection).ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(o.Get("url")) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant = "demo-brand", userName = "dispatcher", password = o.Get("password") });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var times = new List<double>();
        var outcomes = new Dictionary<string, int>();
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, o.Int("concurrency", 8)).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < ids.Count)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync($"/api/v1/dispatch/work-orders/{ids[i]}/auto", null);
                var elapsed = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                var key = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString()! : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                lock (times)
                {
                    times.Add(elapsed);
                    outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
                }
            }
        }));
        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dispatch-api,decisions={ids.Count},seconds={watch.Elapsed.TotalSeconds:F1},decisions/s={ids.Count / watch.Elapsed.TotalSeconds:F1},{Intake.Percentiles(times)}"));
        Console.WriteLine("outcomes," + string.Join(',', outcomes.Select(kv => $"{kv.Key}={kv.Value}")));
        return 0;
    }

    private static async Task Exec(NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The generated network (deterministic for a seed).</summary>
    private static Net Network(int engineers, int hubs, int seed)
    {
        using var stream = typeof(CustomersModule).Assembly.GetManifestResourceStream("CareLoop.Regions.tsv")!;
        using var text = new StreamReader(stream);
        var regions = Regions.Parse(text);
        var r = new Random(seed);
        var byProvince = Enumerable.Range(0, 100).Select(i => i.ToString("D2", CultureInfo.InvariantCulture))
            .Select(p => (Province: p, Districts: Enumerable.Range(0, 10000).Select(i => p + i.ToString("D4", CultureInfo.InvariantCulture))
                .Where(c => regions.Find(c) is { Level: "district" }).ToList()))
            .Where(p => p.Districts.Count > 0).OrderByDescending(p => p.Districts.Count).Take(hubs).ToList();

        // Provinces on a grid over China; a city within ±2° of its province's centre; a district within ±0.25° (~25 km) of its city's.
        var districts = new List<(string Code, GeoPoint At)>();
        var centres = new Dictionary<string, GeoPoint>();
        for (var i = 0; i < byProvince.Count; i++)
        {
            var centre = new GeoPoint(24 + (i / 6) * 4.5, 104 + (i % 6) * 3.5);
            centres[byProvince[i].Province] = centre;
            foreach (var city in byProvince[i].Districts.GroupBy(d => d[..4]))
            {
                var at = new GeoPoint(centre.Latitude + (r.NextDouble() - 0.5) * 4, centre.Longitude + (r.NextDouble() - 0.5) * 4);
                districts.AddRange(city.Select(d => (d, new GeoPoint(at.Latitude + (r.NextDouble() - 0.5) * 0.5, at.Longitude + (r.NextDouble() - 0.5) * 0.5))));
            }
        }

        var contracts = byProvince.Select(p => new ProviderContract(Guid.CreateVersion7(), "服务商 " + p.Province, true, [p.Province], Categories.ToHashSet(), null)).ToList();
        var total = districts.Count;
        var list = new List<DispatchableEngineer>(engineers);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var stationIds = byProvince.ToDictionary(p => p.Province, p => Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToArray());
        foreach (var (province, codes) in byProvince)
        {
            var count = (int)Math.Round(engineers * (double)codes.Count / total);
            for (var k = 0; k < count && list.Count < engineers; k++)
            {
                var run = r.Next(15, 41);
                var first = r.Next(Math.Max(1, codes.Count - run));
                var covered = codes.Skip(first).Take(run).ToHashSet();
                var home = districts.First(d => d.Code == codes[first]).At;
                var skills = new HashSet<string> { "water-purifier" };
                if (r.Next(10) < 6)
                {
                    skills.Add("robot-vacuum");
                }

                var days = r.Next(2) == 0 ? 6 : 7;
                var station = stationIds[province][r.Next(4)];
                list.Add(new DispatchableEngineer(
                    Guid.CreateVersion7(), $"工程师 {list.Count:D4}", true, station, $"{province} 网点 {Array.IndexOf(stationIds[province], station) + 1}",
                    contracts.Single(c => c.Districts[0] == province), skills, covered, null, r.Next(6, 11), home, centres[province], null, null,
                    Math.Round(3.5 + r.NextDouble() * 1.5, 2),
                    r.Next(10) < 8 ? [new Certificate("electrician", today.AddDays(r.Next(-30, 700)))] : [],
                    Enumerable.Range(1, days).Select(d => new Shift(d, new TimeOnly(8, 0), new TimeOnly(18 + r.Next(3), 0))).ToList(),
                    r.Next(20) == 0 ? [new Leave(today, today.AddDays(r.Next(5)))] : []));
            }
        }

        return new Net(list, districts, contracts);
    }
}
