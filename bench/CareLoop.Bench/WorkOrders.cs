using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bogus;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using static CareLoop.Modules.WorkOrders.Contracts.WorkOrderState;
using static CareLoop.Modules.WorkOrders.Domain.WorkOrderAction;

namespace CareLoop.Bench;

/// <summary>
/// The issue-4 benchmark. <c>workorders-generate</c> writes work orders and their timelines straight into a migrated
/// CareLoop database of the demo brand (with <c>--customers N</c>, first N customers with their units): two years of
/// orders, newest mostly open, older ones mostly closed, a legal path through the state machine for each (checked
/// against <see cref="WorkOrderTransitions.Table"/>), assigned over the demo engineers plus synthetic ones.
/// <c>workorders-run</c> moves sampled <c>created</c> orders through assign (dispatcher) and accept (engineer) with
/// concurrent clients, then times the work-order list with filters, sequentially, as the demo agent.
/// </summary>
internal static class WorkOrders
{
    private const int Batch = 2000;
    private const int MaxTimelineRows = 6;

    private enum Col
    {
        Uuid,
        Text,
        Int,
        Long,
        Bool,
        Time,
        Double,
        Date,
    }

    private static readonly (string Name, Col Type)[] CustomerColumns =
    [
        ("Id", Col.Uuid), ("TenantId", Col.Uuid), ("Name", Col.Text), ("PreferredChannel", Col.Int), ("ConsentPhone", Col.Bool), ("ConsentSms", Col.Bool),
        ("ConsentWeChat", Col.Bool), ("CreatedAt", Col.Time), ("Version", Col.Long), ("Tags", Col.Text),
    ];

    private static readonly (string Name, Col Type)[] UnitColumns =
    [
        ("Id", Col.Uuid), ("TenantId", Col.Uuid), ("SerialNumber", Col.Text), ("ModelId", Col.Uuid), ("Sku", Col.Text), ("CustomerId", Col.Uuid),
        ("PurchaseDate", Col.Date), ("Channel", Col.Int), ("OrderNumber", Col.Text), ("RegisteredAt", Col.Time), ("Version", Col.Long), ("Source", Col.Int),
    ];

    private static readonly (string Name, Col Type)[] OrderColumns =
    [
        ("Id", Col.Uuid), ("TenantId", Col.Uuid), ("Number", Col.Text), ("Kind", Col.Int), ("State", Col.Int), ("Priority", Col.Int),
        ("CustomerId", Col.Uuid), ("UnitId", Col.Uuid), ("Description", Col.Text), ("AssigneeId", Col.Uuid), ("WindowStart", Col.Time),
        ("WindowEnd", Col.Time), ("SuspendedFrom", Col.Int), ("CreatedAt", Col.Time), ("CompletedAt", Col.Time), ("ClosedAt", Col.Time),
        ("IsRepeatRepair", Col.Bool), ("RescheduleCount", Col.Int), ("Version", Col.Long), ("RegionCode", Col.Text), ("SlaWarnAt", Col.Time),
        ("SlaDueAt", Col.Time),
    ];

    private static readonly (string Name, Col Type)[] TimelineColumns =
    [
        ("Id", Col.Uuid), ("WorkOrderId", Col.Uuid), ("At", Col.Time), ("ActorId", Col.Uuid), ("ActorName", Col.Text), ("Action", Col.Text),
        ("FromState", Col.Int), ("ToState", Col.Int), ("Reason", Col.Text), ("AssigneeId", Col.Uuid), ("WindowStart", Col.Time),
        ("WindowEnd", Col.Time), ("Cause", Col.Int), ("Latitude", Col.Double), ("Longitude", Col.Double), ("TrackingNumber", Col.Text),
    ];

    private static readonly (WorkOrderKind Value, int Weight)[] Kinds =
    [
        (WorkOrderKind.Installation, 30), (WorkOrderKind.OnSiteRepair, 35), (WorkOrderKind.OnSiteGuidance, 4),
        (WorkOrderKind.VideoGuidance, 6), (WorkOrderKind.Maintenance, 15), (WorkOrderKind.MailInRepair, 10),
    ];

    private static readonly (WorkOrderPriority Value, int Weight)[] Priorities =
        [(WorkOrderPriority.Low, 10), (WorkOrderPriority.Normal, 70), (WorkOrderPriority.High, 15), (WorkOrderPriority.Urgent, 5)];

    private static readonly (WorkOrderState Value, int Weight)[] OpenOnSite =
    [
        (Created, 15), (Assigned, 10), (Accepted, 10), (Scheduled, 25), (OnSite, 5), (Completed, 10), (CallbackPending, 15),
        (Declined, 2), (Suspended, 5), (Reopened, 3),
    ];

    private static readonly (WorkOrderState Value, int Weight)[] OpenMailIn =
    [
        (Created, 10), (AwaitingShipment, 10), (InTransit, 15), (Received, 5), (Diagnosing, 10), (AwaitingApproval, 5), (Repairing, 15),
        (QualityCheck, 5), (ShippedBack, 10), (Delivered, 5), (Completed, 5), (CallbackPending, 5), (Suspended, 3), (Reopened, 2),
    ];

    private static readonly (WorkOrderState Value, int Weight)[] Finished = [(Closed, 94), (Cancelled, 6)];

    /// <summary>Where the customers live: GB/T 2260 provinces (Guangdong, Jiangsu, Zhejiang, Shanghai, Beijing, Sichuan) by share.</summary>
    private static readonly (string Province, int Weight)[] Provinces = [("44", 30), ("32", 25), ("33", 18), ("31", 10), ("11", 10), ("51", 7)];

    /// <summary>The city the benchmark's area filter asks for: 深圳市.</summary>
    private const string BenchCity = "4403";

    /// <summary>States whose SLA clocks are stopped (paused, or the measured work is done): no warning, no deadline.</summary>
    private static readonly HashSet<WorkOrderState> ClockStopped = [Suspended, Completed, CallbackPending, Closed, Cancelled];

    private static readonly Dictionary<WorkOrderKind, string[]> Descriptions = new()
    {
        [WorkOrderKind.Installation] = ["新机安装，厨下净水器", "新机安装，需打孔", "安装并调试 App 联网", "搬家后重新安装"],
        [WorkOrderKind.OnSiteRepair] = ["机器漏水", "出水量小", "开机无反应", "报故障码 E3", "噪音大", "无法回充", "滤芯灯常亮不灭"],
        [WorkOrderKind.OnSiteGuidance] = ["老人不会使用，上门讲解", "预约功能设置指导"],
        [WorkOrderKind.VideoGuidance] = ["视频指导更换滤芯", "视频指导配网", "视频指导清洁滚刷"],
        [WorkOrderKind.Maintenance] = ["更换 PP 棉滤芯", "更换 RO 膜", "年度保养", "更换边刷与滤网"],
        [WorkOrderKind.MailInRepair] = ["主板故障，寄修", "电机异响，寄修", "电池不充电，寄修"],
    };

    public static async Task<int> GenerateAsync(Options o)
    {
        var sqlite = o.Get("provider").Equals("Sqlite", StringComparison.OrdinalIgnoreCase);
        var total = o.Int("work-orders", 1_000_000);
        var sampleSize = o.Int("sample-size", 5000);
        var syntheticEngineers = o.Int("engineers", 300);
        var newCustomers = o.Int("customers", 0);
        var unitsPer = o.Int("units-per-customer", 2);
        await using DbConnection connection = sqlite ? new SqliteConnection(o.Get("connection")) : new NpgsqlConnection(o.Get("connection"));
        await connection.OpenAsync();
        if (sqlite)
        {
            // The generator's own connection only: a 256 MB page cache keeps the five WorkOrders indexes in memory.
            await ExecuteAsync(connection, "PRAGMA cache_size=-262144");
        }

        var tenantId = Guid.Parse((await ScalarAsync(connection, "SELECT \"Id\" FROM \"Tenants\" WHERE \"Slug\" = 'demo-brand'"))!.ToString()!);
        var users = new Dictionary<string, (Guid Id, string Name)>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT \"Id\", \"UserName\", \"DisplayName\" FROM \"StaffUsers\" WHERE \"TenantId\" = @t";
            AddParameter(cmd, "@t", G(tenantId, sqlite));
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                users[r.GetString(1)] = (Guid.Parse(r.GetValue(0).ToString()!), r.GetString(2));
            }
        }

        var now = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        var customerWatch = Stopwatch.StartNew();
        if (newCustomers > 0)
        {
            await CustomersAsync(connection, tenantId, newCustomers, unitsPer, now - TimeSpan.FromDays(1100));
            Console.WriteLine(string.Join(',', "generated-customers", newCustomers, newCustomers * unitsPer, $"{customerWatch.Elapsed.TotalSeconds:F1}s",
                $"{newCustomers * (1L + unitsPer) / customerWatch.Elapsed.TotalSeconds:F0} rows/s"));
        }

        var units = new List<(Guid Id, Guid CustomerId)>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT \"Id\", \"CustomerId\" FROM \"RegisteredUnits\" WHERE \"TenantId\" = @t ORDER BY \"Id\"";
            AddParameter(cmd, "@t", G(tenantId, sqlite));
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                units.Add((Guid.Parse(r.GetValue(0).ToString()!), Guid.Parse(r.GetValue(1).ToString()!)));
            }
        }

        if (units.Count == 0)
        {
            Console.Error.WriteLine("no registered units in demo-brand: pass --customers N");
            return 1;
        }

        // The two demo engineers plus synthetic ones (ids without a user row): a brand with ~300 engineers, so one
        // engineer's list holds a realistic share of the orders rather than half of them.
        var engineers = new List<(Guid Id, string Name)> { users["engineer"], users["engineer2"] };
        for (var i = engineers.Count; i < Math.Max(2, syntheticEngineers); i++)
        {
            engineers.Add((new Guid(i, 0x4245, 0x4e43, [0x48, 0, 0, 0, 0, 0, 0, 0]), $"工程师 E{i:D4}"));
        }

        var legal = LegalMoves();
        var rnd = new Random(20261124);
        // Area and SLA columns draw from their own stream, so every other column is the same as before they existed.
        var extra = new Random(20261126);
        var districts = DistrictsByProvince();
        var areaOf = new Dictionary<Guid, string?>();
        var slaRisks = new int[3];
        var span = TimeSpan.FromDays(730);
        var from = now - span;
        var spacing = span.Ticks / total;
        var shanghai = TimeSpan.FromHours(8);
        var createdOnSite = new List<Guid>();
        var sampleCustomers = new List<Guid>();
        var states = new Dictionary<WorkOrderState, int>();
        long timelineRows = 0;
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < total; start += Batch)
        {
            var count = Math.Min(Batch, total - start);
            var orders = new List<object?[]>(count);
            var timeline = new List<object?[]>(count * 5);
            for (var i = 0; i < count; i++)
            {
                var n = start + i;
                var created = from + TimeSpan.FromTicks((spacing * n) + rnd.NextInt64(spacing));
                var age = now - created;
                var kind = Pick(rnd, Kinds);
                var mailIn = WorkOrderTransitions.FlowOf(kind) == WorkOrderFlow.MailIn;
                var openShare = age < TimeSpan.FromDays(1) ? 0.95 : age < TimeSpan.FromDays(14) ? 0.6 : 0.01;
                var target = rnd.NextDouble() < openShare ? Pick(rnd, mailIn ? OpenMailIn : OpenOnSite) : Pick(rnd, Finished);
                var steps = Path(mailIn, target, rnd);
                var unit = units[rnd.Next(units.Count)];
                var id = Guid.CreateVersion7(created);
                var engineer = engineers[rnd.Next(engineers.Count)];

                // Step times: hours to days apart, squeezed into the order's age when the path would end in the future.
                var times = new DateTimeOffset[steps.Count];
                var t = created;
                for (var s = 0; s < steps.Count; s++)
                {
                    t += TimeSpan.FromMinutes(DelayMinutes(steps[s].Action, rnd));
                    times[s] = t;
                }

                var latest = now - TimeSpan.FromMinutes(1);
                if (steps.Count > 0 && times[^1] > latest)
                {
                    var factor = (latest - created).Ticks / (double)(times[^1] - created).Ticks;
                    for (var s = 0; s < times.Length; s++)
                    {
                        times[s] = created + TimeSpan.FromTicks((long)((times[s] - created).Ticks * factor));
                    }
                }

                Guid? assignee = null;
                DateTimeOffset? windowStart = null, windowEnd = null, completedAt = null, closedAt = null;
                WorkOrderState? suspendedFrom = null;
                var repeat = false;
                var rows = new List<object?[]>(steps.Count + 1)
                {
                    TimelineRow(created, id, users["agent"], "create", null, Created),
                };
                var state = Created;
                for (var s = 0; s < steps.Count; s++)
                {
                    var (action, to) = steps[s];
                    var at = times[s];
                    if (!legal.TryGetValue((mailIn, state, action), out var legalTo) || (legalTo ?? suspendedFrom) != to)
                    {
                        throw new InvalidOperationException($"illegal generated move {kind}: {state} --{action}--> {to}");
                    }

                    var row = TimelineRow(at, id, ActorOf(action, mailIn, users, engineer), Camel(action), state, to);
                    switch (action)
                    {
                        case Assign:
                            assignee = engineer.Id;
                            row[9] = engineer.Id;
                            break;
                        case Decline:
                            assignee = null;
                            row[8] = "不在服务区域";
                            break;
                        case Schedule:
                            var local = at.ToOffset(shanghai);
                            var day = new DateTimeOffset(local.Year, local.Month, local.Day, 9 + rnd.Next(8), 0, 0, shanghai).AddDays(1 + rnd.Next(2));
                            (windowStart, windowEnd) = (day.ToUniversalTime(), day.AddHours(2).ToUniversalTime());
                            (row[10], row[11]) = (windowStart, windowEnd);
                            break;
                        case CheckIn:
                            (row[13], row[14]) = (31.2 + (rnd.NextDouble() * 0.2), 120.5 + (rnd.NextDouble() * 0.3));
                            break;
                        case Complete:
                            completedAt = at;
                            break;
                        case Close:
                            closedAt = at;
                            break;
                        case Suspend:
                            suspendedFrom = state;
                            row[8] = "等待配件";
                            break;
                        case Cancel:
                            closedAt = at;
                            suspendedFrom = null;
                            row[8] = "客户已自行解决";
                            break;
                        case Reopen:
                            repeat = completedAt is { } done && at - done <= TimeSpan.FromDays(WorkOrderRules.RepeatRepairDays);
                            (assignee, windowStart, windowEnd, completedAt, closedAt) = (null, null, null, null, null);
                            row[8] = "故障复发";
                            break;
                        case Ship or ShipBack:
                            row[15] = "SF" + rnd.NextInt64(100_000_000_000, 999_999_999_999).ToString(CultureInfo.InvariantCulture);
                            break;
                    }

                    rows.Add(row);
                    state = to;
                }

                // A long history keeps its first entry (create) and its latest five.
                if (rows.Count > MaxTimelineRows)
                {
                    rows.RemoveRange(1, rows.Count - MaxTimelineRows);
                }

                if (!areaOf.TryGetValue(unit.CustomerId, out var area))
                {
                    // 3 % of customers without a district (imported without an address).
                    var inProvince = districts[Pick(extra, Provinces)];
                    areaOf[unit.CustomerId] = area = extra.NextDouble() < 0.03 ? null : inProvince[extra.Next(inProvince.Count)];
                }

                var (warnAt, dueAt) = ClockStopped.Contains(state) ? (null, null) : Sla(created, now, extra, slaRisks);
                var description = Descriptions[kind][rnd.Next(Descriptions[kind].Length)];
                Guid? unitId = kind is WorkOrderKind.OnSiteGuidance or WorkOrderKind.VideoGuidance && rnd.Next(2) == 0 ? null : unit.Id;
                orders.Add([
                    id, tenantId, Number(created.ToOffset(shanghai), n), (int)kind, (int)state, (int)Pick(rnd, Priorities), unit.CustomerId, unitId,
                    description, assignee, windowStart, windowEnd, (int?)suspendedFrom, created, completedAt, closedAt, repeat, 0, (long)steps.Count,
                    area, warnAt, dueAt,
                ]);
                timeline.AddRange(rows);
                states[state] = states.GetValueOrDefault(state) + 1;
                if (state == Created && !mailIn)
                {
                    createdOnSite.Add(id);
                }

                if (n % Math.Max(1, total / 200) == 0)
                {
                    sampleCustomers.Add(unit.CustomerId);
                }
            }

            await using var tx = await connection.BeginTransactionAsync();
            await WriteAsync(connection, tx, "WorkOrders", OrderColumns, orders);
            await WriteAsync(connection, tx, "WorkOrderTimeline", TimelineColumns, timeline);
            await tx.CommitAsync();
            timelineRows += timeline.Count;
            if ((start / Batch) % 50 == 0)
            {
                Console.Error.WriteLine($"{start + count} work orders, {timelineRows} timeline rows, {watch.Elapsed.TotalSeconds:F0} s");
            }
        }

        watch.Stop();
        var sample = new List<string> { "engineer " + users["engineer"].Id };
        sample.AddRange(sampleCustomers.Distinct().Select(c => "customer " + c));
        // Newest first: the orders a dispatcher would pick up next.
        sample.AddRange(Enumerable.Reverse(createdOnSite).Take(sampleSize).Select(c => "created " + c));
        await File.WriteAllLinesAsync(o.Get("sample"), sample);
        var all = total + timelineRows;
        Console.Error.WriteLine("states: " + string.Join(", ", states.OrderBy(s => s.Key).Select(s => $"{WorkOrderStateNames.Of(s.Key)} {s.Value}")));
        Console.Error.WriteLine($"running SLA clocks: ok {slaRisks[0]}, at risk {slaRisks[1]}, breached {slaRisks[2]}; "
            + $"{areaOf.Count} customers with orders, {areaOf.Values.Count(a => a?.StartsWith(BenchCity, StringComparison.Ordinal) == true)} in {BenchCity}");
        Console.WriteLine(string.Join(',',
            "generated-work-orders", total, $"{timelineRows} timeline rows", $"{watch.Elapsed.TotalSeconds:F1}s", $"{total / watch.Elapsed.TotalSeconds:F0} orders/s",
            $"{all / watch.Elapsed.TotalSeconds:F0} rows/s", $"open {total - states.GetValueOrDefault(Closed) - states.GetValueOrDefault(Cancelled)}",
            $"created (on-site) {createdOnSite.Count}"));
        return 0;
    }

    public static async Task<int> RunAsync(Options o)
    {
        var sample = (await File.ReadAllLinesAsync(o.Get("sample"))).Select(l => l.Split(' ', 2)).ToLookup(p => p[0], p => p[1]);
        var engineerId = Guid.Parse(sample["engineer"].Single());
        var created = sample["created"].ToList();
        var customers = sample["customer"].ToList();
        var requests = o.Int("requests", 2000);
        var concurrency = o.Int("concurrency", 4);
        var listRequests = o.Int("list-requests", Math.Max(100, requests / 4)); // 0: transitions only
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256 };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(o.Get("url")), Timeout = TimeSpan.FromMinutes(5) };
        var password = o.Get("password");
        if (requests > 0)
        {
            await TransitionsAsync(http, password, engineerId, created, requests, concurrency);
        }

        if (listRequests > 0)
        {
            await ListAsync(http, password, engineerId, customers, listRequests);
        }

        return 0;
    }

    /// <summary>Assign (dispatcher) then accept (engineer) for requests/2 created orders, <paramref name="concurrency"/> orders in flight.</summary>
    private static async Task TransitionsAsync(HttpClient http, string password, Guid engineerId, List<string> created, int requests, int concurrency)
    {
        var dispatcher = await TokenAsync(http, "dispatcher", password);
        var engineer = await TokenAsync(http, "engineer", password);
        const int warmUp = 20;
        var orders = Math.Min(requests / 2, created.Count - warmUp);
        if (orders <= 0)
        {
            throw new InvalidOperationException($"only {created.Count} created orders in the sample");
        }

        var assigns = new ConcurrentBag<double>();
        var accepts = new ConcurrentBag<double>();
        async Task MoveAsync(string id, bool record)
        {
            var watch = Stopwatch.StartNew();
            var version = await TransitionAsync(http, dispatcher, id, new { action = "assign", expectedVersion = 0L, assigneeId = engineerId });
            var assignMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            await TransitionAsync(http, engineer, id, new { action = "accept", expectedVersion = version });
            if (record)
            {
                assigns.Add(assignMs);
                accepts.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        for (var i = 0; i < warmUp; i++)
        {
            await MoveAsync(created[i], record: false);
        }

        var next = warmUp - 1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < warmUp + orders; i = Interlocked.Increment(ref next))
            {
                await MoveAsync(created[i], record: true);
            }
        }));
        wall.Stop();
        Console.WriteLine(string.Join(',', "transitions", $"orders={orders}", $"transitions={orders * 2}", $"concurrency={concurrency}",
            $"wall={wall.Elapsed.TotalSeconds:F1}s", $"{orders * 2 / wall.Elapsed.TotalSeconds:F1} transitions/s"));
        Console.WriteLine($"assign,{Percentiles([.. assigns])}");
        Console.WriteLine($"accept,{Percentiles([.. accepts])}");
        Console.WriteLine($"assign+accept,{Percentiles([.. assigns, .. accepts])}");
    }

    /// <summary>The list, newest first, one request at a time as the agent (page size 50), per filter.</summary>
    private static async Task ListAsync(HttpClient http, string password, Guid engineerId, List<string> customers, int listRequests)
    {
        var agent = await TokenAsync(http, "agent", password);
        (string Label, Func<int, string> Query)[] filters =
        [
            ("state=assigned", _ => "state=assigned"),
            ("kind=onSiteRepair&open=true", _ => "kind=onSiteRepair&open=true"),
            ("assigneeId=<engineer>", _ => $"assigneeId={engineerId}"),
            ("customerId=<customer>", i => $"customerId={customers[i % customers.Count]}"),
            ("open=true&page=2..21", i => $"open=true&page={2 + (i % 20)}"),
            ("(none)&page=2..21", i => $"page={2 + (i % 20)}"),
            ("sla=atRisk", _ => "sla=atRisk"),
            ($"region={BenchCity}", _ => $"region={BenchCity}"),
            ("unassigned=true", _ => "unassigned=true"),
        ];
        foreach (var (label, query) in filters)
        {
            var times = new List<double>(listRequests);
            var totals = new List<int>();
            var capped = false;
            for (var i = 0; i < listRequests + 10; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/work-orders?" + query(i));
                request.Headers.Authorization = agent;
                var watch = Stopwatch.StartNew();
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var ms = watch.Elapsed.TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{query(i)}: {(int)response.StatusCode} {body}");
                }

                if (i >= 10)
                {
                    times.Add(ms);
                    var page = JsonDocument.Parse(body).RootElement;
                    totals.Add(page.GetProperty("total").GetInt32());
                    capped |= page.GetProperty("totalIsCapped").GetBoolean();
                }
            }

            Console.WriteLine($"list {label},{Percentiles(times)},total={totals.Min()}..{totals.Max()}{(capped ? "+ (capped)" : "")}");
        }
    }

    /// <summary>
    /// Customers (a Bogus zh_CN name; no phone or address: the list shows names only) with their units, spread over
    /// the demo models, in the same batches as the orders.
    /// </summary>
    private static async Task CustomersAsync(DbConnection connection, Guid tenantId, int customers, int unitsPer, DateTimeOffset since)
    {
        var models = new List<(Guid Id, string Sku)>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT \"Id\", \"Sku\" FROM \"ProductModels\" ORDER BY \"Sku\"";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                models.Add((Guid.Parse(r.GetValue(0).ToString()!), r.GetString(1)));
            }
        }

        var faker = new Faker("zh_CN");
        Randomizer.Seed = new Random(20261125);
        var step = TimeSpan.FromDays(365).Ticks / customers;
        for (var start = 0; start < customers; start += Batch)
        {
            var count = Math.Min(Batch, customers - start);
            var rows = new List<object?[]>(count);
            var units = new List<object?[]>(count * unitsPer);
            for (var n = start; n < start + count; n++)
            {
                var at = since + TimeSpan.FromTicks(step * n);
                var id = Guid.CreateVersion7(at);
                rows.Add([id, tenantId, faker.Name.LastName() + faker.Name.FirstName(), 1, true, true, false, at, 0L, ""]);
                for (var u = 0; u < unitsPer; u++)
                {
                    var model = models[(n + u) % models.Count];
                    units.Add([Guid.CreateVersion7(at), tenantId, $"WOB{n:D9}{u}", model.Id, model.Sku, id, DateOnly.FromDateTime(at.UtcDateTime).AddDays(-3),
                        1 + (n % 5), $"WOBORD{n:D9}", at, 0L, 1]);
                }
            }

            await using var tx = await connection.BeginTransactionAsync();
            await WriteAsync(connection, tx, "Customers", CustomerColumns, rows);
            await WriteAsync(connection, tx, "RegisteredUnits", UnitColumns, units);
            await tx.CommitAsync();
        }
    }

    /// <summary>
    /// An open order's running clocks as the list reads them: about 12 % past the deadline, 10 % past the 80 % warning,
    /// the rest on track (deadline hours to days ahead). The warning is 80 % of the way from creation to the deadline.
    /// </summary>
    private static (DateTimeOffset? WarnAt, DateTimeOffset? DueAt) Sla(DateTimeOffset created, DateTimeOffset now, Random r, int[] risks)
    {
        var x = r.NextDouble();
        DateTimeOffset due;
        DateTimeOffset warn;
        if (x < 0.12)
        {
            due = Max(now - TimeSpan.FromMinutes(1 + r.Next(72 * 60)), created + TimeSpan.FromMinutes(10));
            warn = created + ((due - created) * 0.8);
        }
        else if (x < 0.22)
        {
            due = now + TimeSpan.FromMinutes(30 + r.Next(8 * 60));
            warn = Max(now - TimeSpan.FromMinutes(1 + r.Next(120)), created);
        }
        else
        {
            // On track for hours at least (the list is measured minutes after generating): an old order's 80 % point
            // would already be past, so its warning falls half-way to the deadline instead.
            due = now + TimeSpan.FromMinutes(8 * 60 + r.Next(5 * 24 * 60));
            warn = created + ((due - created) * 0.8);
            if (warn < now + TimeSpan.FromHours(2))
            {
                warn = now + ((due - now) / 2);
            }
        }

        risks[due <= now ? 2 : warn <= now ? 1 : 0]++;
        return (warn, due);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The districts of the benchmark's provinces, from the app's own GB/T 2260 seed.</summary>
    private static Dictionary<string, List<string>> DistrictsByProvince()
    {
        using var stream = typeof(WorkOrder).Assembly.GetManifestResourceStream("CareLoop.Regions.tsv")
            ?? throw new InvalidOperationException("the GB/T 2260 seed is not embedded in CareLoop.dll");
        using var reader = new StreamReader(stream);
        var byProvince = Provinces.ToDictionary(p => p.Province, _ => new List<string>());
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            if (f.Length > 2 && f[2] == "district" && byProvince.TryGetValue(f[0][..2], out var list))
            {
                list.Add(f[0]);
            }
        }

        return byProvince;
    }

    /// <summary>The path from <c>created</c> to <paramref name="target"/>: the main line of the flow, or a branch off it.</summary>
    private static List<(WorkOrderAction Action, WorkOrderState To)> Path(bool mailIn, WorkOrderState target, Random r)
    {
        List<(WorkOrderAction, WorkOrderState)> main = mailIn
            ? r.NextDouble() < 0.3 || target == AwaitingApproval
                ? [(RequestShipment, AwaitingShipment), (Ship, InTransit), (Receive, Received), (Diagnose, Diagnosing), (Quote, AwaitingApproval),
                    (Approve, Repairing), (FinishRepair, QualityCheck), (ShipBack, ShippedBack), (Deliver, Delivered), (Complete, Completed),
                    (RequestCallback, CallbackPending), (Close, Closed)]
                : [(RequestShipment, AwaitingShipment), (Ship, InTransit), (Receive, Received), (Diagnose, Diagnosing), (Repair, Repairing),
                    (FinishRepair, QualityCheck), (ShipBack, ShippedBack), (Deliver, Delivered), (Complete, Completed),
                    (RequestCallback, CallbackPending), (Close, Closed)]
            : [(Assign, Assigned), (Accept, Accepted), (Schedule, Scheduled), (CheckIn, OnSite), (Complete, Completed),
                (RequestCallback, CallbackPending), (Close, Closed)];
        List<(WorkOrderAction, WorkOrderState)> Upto(WorkOrderState state) =>
            state == Created ? [] : main.Take(main.FindIndex(s => s.Item2 == state) + 1).ToList();
        switch (target)
        {
            case Declined:
                return [(Assign, Assigned), (Decline, Declined)];
            case Suspended:
                WorkOrderState[] suspendable = mailIn ? [Received, Diagnosing, Repairing] : [Assigned, Accepted, Scheduled, OnSite];
                return [.. Upto(suspendable[r.Next(suspendable.Length)]), (Suspend, Suspended)];
            case Cancelled:
                WorkOrderState[] cancellable = mailIn ? [Created, Created, AwaitingShipment] : [Created, Created, Assigned, Accepted, Scheduled];
                return [.. Upto(cancellable[r.Next(cancellable.Length)]), (Cancel, Cancelled)];
            case Reopened:
                return [.. Upto(Closed), (Reopen, Reopened)];
            default:
                return Upto(target);
        }
    }

    /// <summary>The state machine's table as (mail-in?, from, action) → to (null: back to where it was suspended from).</summary>
    private static Dictionary<(bool MailIn, WorkOrderState From, WorkOrderAction Action), WorkOrderState?> LegalMoves()
    {
        var moves = new Dictionary<(bool, WorkOrderState, WorkOrderAction), WorkOrderState?>();
        foreach (var t in WorkOrderTransitions.Table)
        {
            if (t.Flow != WorkOrderFlow.MailIn)
            {
                moves[(false, t.From, t.Action)] = t.To;
            }

            if (t.Flow != WorkOrderFlow.OnSite)
            {
                moves[(true, t.From, t.Action)] = t.To;
            }
        }

        return moves;
    }

    private static (Guid Id, string Name) ActorOf(WorkOrderAction action, bool mailIn, Dictionary<string, (Guid Id, string Name)> users, (Guid Id, string Name) engineer) =>
        action switch
        {
            Assign => users["dispatcher"],
            Accept or Decline or Schedule or CheckIn => engineer,
            Complete or Suspend => mailIn ? users["technician"] : engineer,
            Ship or Receive or ShipBack or Deliver => users["warehouse"],
            Diagnose or Quote or Repair or FinishRepair => users["technician"],
            _ => users["agent"],
        };

    private static double DelayMinutes(WorkOrderAction action, Random r) => action switch
    {
        Assign => 10 + r.Next(180),
        Accept => 5 + r.Next(120),
        Schedule => 30 + r.Next(240),
        CheckIn => 600 + r.Next(2880),
        Complete => 30 + r.Next(150),
        RequestCallback => 60 + r.Next(2880),
        Close => 5 + r.Next(120),
        _ => 240 + r.Next(2160),
    };

    private static object?[] TimelineRow(DateTimeOffset at, Guid orderId, (Guid Id, string Name) actor, string action, WorkOrderState? from, WorkOrderState to) =>
        [Guid.CreateVersion7(at), orderId, at, actor.Id, actor.Name, action, (int?)from, (int)to, null, null, null, null, null, null, null, null];

    /// <summary><c>WO</c> + local yyMMdd + five Crockford base-32 characters, as the app issues them; unique by the order's index.</summary>
    private static string Number(DateTimeOffset local, int n)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var suffix = new char[5];
        for (var i = 4; i >= 0; i--, n /= 32)
        {
            suffix[i] = alphabet[n % 32];
        }

        return "WO" + local.ToString("yyMMdd", CultureInfo.InvariantCulture) + new string(suffix);
    }

    private static string Camel(WorkOrderAction action) => char.ToLowerInvariant(action.ToString()[0]) + action.ToString()[1..];

    private static T Pick<T>(Random r, (T Value, int Weight)[] table)
    {
        var x = r.Next(table.Sum(t => t.Weight));
        foreach (var (value, weight) in table)
        {
            if ((x -= weight) < 0)
            {
                return value;
            }
        }

        throw new UnreachableException();
    }

    private static async Task WriteAsync(DbConnection connection, DbTransaction tx, string table, (string Name, Col Type)[] columns, List<object?[]> rows)
    {
        var names = string.Join(',', columns.Select(c => $"\"{c.Name}\""));
        if (connection is NpgsqlConnection pg)
        {
            // PostgreSQL: binary COPY, inside the batch's transaction.
            await using var writer = await pg.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                await writer.StartRowAsync();
                for (var c = 0; c < columns.Length; c++)
                {
                    var value = row[c];
                    if (value is null)
                    {
                        await writer.WriteNullAsync();
                        continue;
                    }

                    switch (columns[c].Type)
                    {
                        case Col.Uuid: await writer.WriteAsync((Guid)value, NpgsqlDbType.Uuid); break;
                        case Col.Text: await writer.WriteAsync((string)value, NpgsqlDbType.Varchar); break;
                        case Col.Int: await writer.WriteAsync((int)value, NpgsqlDbType.Integer); break;
                        case Col.Long: await writer.WriteAsync((long)value, NpgsqlDbType.Bigint); break;
                        case Col.Bool: await writer.WriteAsync((bool)value, NpgsqlDbType.Boolean); break;
                        case Col.Time: await writer.WriteAsync(((DateTimeOffset)value).ToUniversalTime(), NpgsqlDbType.TimestampTz); break;
                        case Col.Double: await writer.WriteAsync((double)value, NpgsqlDbType.Double); break;
                        case Col.Date: await writer.WriteAsync((DateOnly)value, NpgsqlDbType.Date); break;
                    }
                }
            }

            await writer.CompleteAsync();
            return;
        }

        // SQLite: one prepared single-row statement, re-bound per row (Guid as upper-case TEXT, time as UTC ticks).
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({string.Join(',', columns.Select((_, i) => "@p" + i))})";
        var parameters = columns.Select((_, i) => AddParameter(cmd, "@p" + i, null)).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                parameters[c].Value = row[c] switch
                {
                    null => DBNull.Value,
                    Guid g => G(g, sqlite: true),
                    DateTimeOffset t => t.UtcTicks,
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    var v => v,
                };
            }

            await cmd.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> TransitionAsync(HttpClient http, AuthenticationHeaderValue token, string id, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/work-orders/{id}/transitions") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = token;
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
    }

    private static async Task<AuthenticationHeaderValue> TokenAsync(HttpClient http, string userName, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant = "demo-brand", userName, password });
        response.EnsureSuccessStatusCode();
        return new AuthenticationHeaderValue("Bearer", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
    }

    private static string Percentiles(List<double> values)
    {
        values.Sort();
        string P(double q) => values[(int)Math.Min(values.Count - 1, Math.Round(q * (values.Count - 1)))].ToString("F2", CultureInfo.InvariantCulture);
        return $"n={values.Count},p50={P(0.50)}ms,p95={P(0.95)}ms,p99={P(0.99)}ms";
    }

    private static object G(Guid value, bool sqlite) => sqlite ? value.ToString().ToUpperInvariant() : value;

    private static DbParameter AddParameter(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return p;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
