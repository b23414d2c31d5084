using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using CareLoop.Modules.Customers;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Modules.Integrations.Features.ReceiveOrders;

namespace CareLoop.Bench;

/// <summary>
/// A closed-loop load client for the signed order API (<c>POST /api/v1/integrations/orders</c>): C connections, each
/// sending a new order as soon as the previous answer arrives, for a warm-up and then a measured duration. Every order
/// is a function of (run, sequence number), so a resend (<c>intake-resend</c>) sends the same order again: a new
/// platform order id, one unit, installation, a new buyer (a mobile no generated customer has), or — for a share of
/// them — a returning buyer (a generated customer's phone from the sample file, or a buyer of this run).
/// Every answer goes to the log: <c>seq,platformOrderId,status,micros,phase,orderId,workOrderIds</c> (status 0 =
/// no HTTP answer: connection refused or reset, timeout).
/// </summary>
internal static class Intake
{
    public const string Path = "/api/v1/integrations/orders";

    public static async Task<int> RunAsync(Options o)
    {
        var order = OrderFactory.Create(o, o.Get("run", "R" + TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        var connections = o.Int("connections", 32);
        var warmup = TimeSpan.FromSeconds(o.Int("warmup", 5));
        var duration = TimeSpan.FromSeconds(o.Int("duration", 60));
        using var http = Client(o, connections);
        var signer = new Signer(o.Get("key", "demo-shop"), o.Get("secret"));
        var log = Channel.CreateUnbounded<Answer>(new UnboundedChannelOptions { SingleReader = true });
        var writer = WriteLogAsync(o.Get("log", ""), order.Header, log.Reader);
        long next = -1;
        var watch = Stopwatch.StartNew();
        var end = warmup + duration;
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < end)
            {
                var seq = Interlocked.Increment(ref next);
                var phase = watch.Elapsed < warmup ? 'w' : 'm';
                var answer = await SendAsync(http, signer, order, seq);
                // An answer that arrives after the end still counts for the log, not for the rate.
                log.Writer.TryWrite(answer with { Phase = watch.Elapsed > end ? 'l' : phase });
                if (answer.Status == 0)
                {
                    await Task.Delay(50); // the app is down (crash test): do not spin
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        log.Writer.Complete();
        var answers = await writer;
        Report(answers.Where(a => a.Phase == 'm').ToList(), duration, connections);
        Console.WriteLine($"intake-total,sent={answers.Count},warmup={answers.Count(a => a.Phase == 'w')},late={answers.Count(a => a.Phase == 'l')}," +
            $"client-cpu={Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:F0}ms");
        return 0;
    }

    /// <summary>Sends again every order of a log that got no HTTP answer or a 5xx; the answers go to a second log.</summary>
    public static async Task<int> ResendAsync(Options o)
    {
        var lines = await File.ReadAllLinesAsync(o.Get("log"));
        var order = OrderFactory.FromHeader(o, lines[0]);
        var unanswered = lines.Skip(1).Select(Parse).Where(a => a.Status is 0 or >= 500).Select(a => a.Seq).Distinct().ToList();
        using var http = Client(o, 8);
        var signer = new Signer(o.Get("key", "demo-shop"), o.Get("secret"));
        var answers = new List<Answer>();
        foreach (var chunk in unanswered.Chunk(8))
        {
            answers.AddRange(await Task.WhenAll(chunk.Select(seq => SendAsync(http, signer, order, seq))));
        }

        await File.WriteAllLinesAsync(o.Get("out"), answers.Select(Line).Prepend(lines[0]));
        Console.WriteLine($"resent,{answers.Count},{string.Join(',', answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"))}");
        return 0;
    }

    /// <summary>
    /// The peak path: the same orders sent <c>--batch</c> at a time to <c>/orders:batch</c> (one HTTP exchange and one
    /// signature per batch, each order still its own transaction). Every order of a batch is logged with the batch's latency.
    /// </summary>
    public static async Task<int> BatchAsync(Options o)
    {
        var order = OrderFactory.Create(o, o.Get("run", "B" + TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        var connections = o.Int("connections", 8);
        var size = o.Int("batch", 100);
        var warmup = TimeSpan.FromSeconds(o.Int("warmup", 5));
        var duration = TimeSpan.FromSeconds(o.Int("duration", 60));
        using var http = Client(o, connections);
        var signer = new Signer(o.Get("key", "demo-shop"), o.Get("secret"));
        var answers = new System.Collections.Concurrent.ConcurrentBag<Answer>();
        long next = -1;
        var watch = Stopwatch.StartNew();
        var end = warmup + duration;
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < end)
            {
                var first = Interlocked.Add(ref next, size) - size + 1;
                var phase = watch.Elapsed < warmup ? 'w' : 'm';
                var orders = Enumerable.Range(0, size).Select(i => order.Build(first + i)).ToList();
                var body = Encoding.UTF8.GetBytes("{\"orders\":[" + string.Join(',', orders.Select(x => Encoding.UTF8.GetString(x.Body))) + "]}");
                using var request = new HttpRequestMessage(HttpMethod.Post, Path + ":batch") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                signer.Sign(request, body);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    var payload = await response.Content.ReadAsByteArrayAsync();
                    var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                    var late = watch.Elapsed > end;
                    using var json = JsonDocument.Parse(payload);
                    var results = json.RootElement.TryGetProperty("results", out var r) ? r.EnumerateArray().ToList() : [];
                    for (var i = 0; i < orders.Count; i++)
                    {
                        var status = i < results.Count ? results[i].GetProperty("status").GetInt32() : (int)response.StatusCode;
                        answers.Add(new Answer(first + i, orders[i].Id, status, micros, late ? 'l' : phase, "", ""));
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
                {
                    var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                    answers.Add(new Answer(first, orders[0].Id, 0, micros, phase, "", e.GetType().Name));
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        Report(answers.Where(a => a.Phase == 'm').ToList(), duration, connections);
        Console.WriteLine($"intake-batch,size={size},batches≈{answers.Count / Math.Max(size, 1)},client-cpu={Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:F0}ms");
        return 0;
    }

    private static HttpClient Client(Options o, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = new Uri(o.Get("url")),
            Timeout = TimeSpan.FromSeconds(o.Int("timeout", 30)),
        };

    private static async Task<Answer> SendAsync(HttpClient http, Signer signer, OrderFactory factory, long seq)
    {
        var (id, body) = factory.Build(seq);
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        signer.Sign(request, body);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            var payload = await response.Content.ReadAsByteArrayAsync();
            var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            var status = (int)response.StatusCode;
            if (status is 200 or 202)
            {
                using var json = JsonDocument.Parse(payload);
                var ids = json.RootElement.GetProperty("workOrderIds").EnumerateArray().Select(e => e.GetString());
                return new Answer(seq, id, status, micros, 'm', json.RootElement.GetProperty("orderId").GetString()!, string.Join(';', ids));
            }

            return new Answer(seq, id, status, micros, 'm', "", "");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Answer(seq, id, 0, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds, 'm', "", e.GetType().Name);
        }
    }

    private static async Task<List<Answer>> WriteLogAsync(string path, string header, ChannelReader<Answer> answers)
    {
        var all = new List<Answer>();
        await using var file = path.Length == 0 ? null : new StreamWriter(path, append: false, Encoding.ASCII) { AutoFlush = false };
        if (file is not null)
        {
            await file.WriteLineAsync(header);
        }

        await foreach (var answer in answers.ReadAllAsync())
        {
            all.Add(answer);
            if (file is not null)
            {
                await file.WriteLineAsync(Line(answer));
            }
        }

        return all;
    }

    private static void Report(List<Answer> measured, TimeSpan duration, int connections)
    {
        var seconds = duration.TotalSeconds;
        var accepted = measured.Count(a => a.Status == 202);
        var repeated = measured.Count(a => a.Status == 200);
        var ok = measured.Where(a => a.Status is 200 or 202).Select(a => a.Micros / 1000.0).ToList();
        var all = measured.Select(a => a.Micros / 1000.0).ToList();
        var statuses = string.Join(';', measured.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"));
        var failures = string.Join(';', measured.Where(a => a.Status == 0).GroupBy(a => a.WorkOrderIds).Select(g => $"{g.Key}={g.Count()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"intake,connections={connections},seconds={seconds:F0},accepted={accepted},accepted/s={accepted / seconds:F1},repeats={repeated},statuses={statuses}{(failures.Length > 0 ? ",transport=" + failures : "")}"));
        Console.WriteLine($"intake-latency-2xx,{Percentiles(ok)}");
        Console.WriteLine($"intake-latency-all,{Percentiles(all)}");
    }

    internal static string Percentiles(List<double> values)
    {
        if (values.Count == 0)
        {
            return "n=0";
        }

        values.Sort();
        string P(double q) => values[(int)Math.Min(values.Count - 1, Math.Round(q * (values.Count - 1)))].ToString("F2", CultureInfo.InvariantCulture);
        return $"n={values.Count},p50={P(0.50)}ms,p95={P(0.95)}ms,p99={P(0.99)}ms,max={P(1)}ms";
    }

    private static string Line(Answer a) =>
        string.Create(CultureInfo.InvariantCulture, $"{a.Seq},{a.PlatformOrderId},{a.Status},{a.Micros},{a.Phase},{a.OrderId},{a.WorkOrderIds}");

    private static Answer Parse(string line)
    {
        var f = line.Split(',');
        return new Answer(long.Parse(f[0], CultureInfo.InvariantCulture), f[1], int.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture), f[4][0], f[5], f[6]);
    }

    private sealed record Answer(long Seq, string PlatformOrderId, int Status, long Micros, char Phase, string OrderId, string WorkOrderIds);

    /// <summary>The order API's signature, as <see cref="SignedRequests.Sign"/> defines it.</summary>
    private sealed class Signer(string key, string secret)
    {
        public void Sign(HttpRequestMessage request, byte[] body)
        {
            var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add(SignedRequests.KeyHeader, key);
            request.Headers.Add(SignedRequests.TimestampHeader, timestamp);
            request.Headers.Add(SignedRequests.SignatureHeader, "sha256=" + SignedRequests.Sign(secret, timestamp, body));
        }
    }

    /// <summary>Order number <c>seq</c> of a run, the same bytes every time it is built (so a resend is the same order).</summary>
    private sealed class OrderFactory
    {
        private static readonly string[] Skus = ["WP-RO600", "RV-X20"];
        private static readonly string[] Names = ["陈静", "王磊", "李娜", "张伟", "刘洋", "赵敏😊", "孙浩", "周婷"];

        private readonly string _run;
        private readonly long _paidAt;
        private readonly int _returningPercent;
        private readonly string[] _known;
        private readonly string[] _districts;
        private readonly int _salt;

        private OrderFactory(string run, long paidAt, int returningPercent, string[] known)
        {
            _run = run;
            _paidAt = paidAt;
            _returningPercent = returningPercent;
            _known = known;
            _salt = (int)(Fnv(run) % 100_000_000);
            using var stream = typeof(CustomersModule).Assembly.GetManifestResourceStream("CareLoop.Regions.tsv")!;
            using var reader = new StreamReader(stream);
            var regions = Regions.Parse(reader);
            _districts = [.. Descendants(regions, null).Where(r => r.Level == "district" && regions.PathOf(r.Code) is not null).Select(r => r.Code).Order(StringComparer.Ordinal)];
        }

        /// <summary>The log's first line: what a resend needs to rebuild the same orders.</summary>
        public string Header => string.Create(CultureInfo.InvariantCulture, $"#run={_run};paidAt={_paidAt};returning={_returningPercent}");

        public static OrderFactory Create(Options o, string run) =>
            new(run, TimeProvider.System.GetUtcNow().AddMinutes(-3).ToUnixTimeSeconds(), o.Int("returning-percent", 20), Known(o));

        public static OrderFactory FromHeader(Options o, string header)
        {
            var fields = header.TrimStart('#').Split(';').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1]);
            return new OrderFactory(fields["run"], long.Parse(fields["paidAt"], CultureInfo.InvariantCulture), int.Parse(fields["returning"], CultureInfo.InvariantCulture), Known(o));
        }

        private static string[] Known(Options o) => o.Get("sample", "") is { Length: > 0 } sample ? File.ReadAllLines(sample) : [];

        public (string Id, byte[] Body) Build(long seq)
        {
            var r = new Random((int)(Fnv(_run) ^ (ulong)seq * 0x9E3779B97F4A7C15UL));
            var id = string.Create(CultureInfo.InvariantCulture, $"{_run}-{seq:D8}");
            var paidAt = DateTimeOffset.FromUnixTimeSeconds(_paidAt);
            string phone;
            if (r.Next(100) < _returningPercent && seq > 0)
            {
                // Returning: half a customer generated before the run (if a sample was given), half an earlier buyer of the run.
                phone = _known.Length > 0 && r.Next(2) == 0 ? _known[r.Next(_known.Length)] : NewPhone(r.NextInt64(seq));
            }
            else
            {
                phone = NewPhone(seq);
            }

            var buffer = new MemoryStream(640);
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteString("platform", "tmall");
                w.WriteString("platformOrderId", id);
                w.WriteString("shopId", "tmall-flagship");
                w.WriteString("paidAt", paidAt);
                w.WriteStartObject("buyer");
                w.WriteString("name", Names[r.Next(Names.Length)]);
                w.WriteString("phone", phone);
                w.WriteStartObject("address");
                w.WriteString("regionCode", _districts[r.Next(_districts.Length)]);
                w.WriteString("detail", string.Create(CultureInfo.InvariantCulture, $"幸福路 {r.Next(1, 999)} 号 {r.Next(1, 30)} 幢 {r.Next(101, 2999)} 室"));
                w.WriteNumber("lat", Math.Round(22 + r.NextDouble() * 18, 5));
                w.WriteNumber("lng", Math.Round(104 + r.NextDouble() * 17, 5));
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteStartArray("items");
                w.WriteStartObject();
                w.WriteString("sku", Skus[r.Next(Skus.Length)]);
                w.WriteNumber("quantity", 1);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteString("service", "install");
                var day = paidAt.AddDays(1 + r.Next(3));
                w.WriteStartObject("preferredWindow");
                w.WriteString("start", day.AddHours(1));
                w.WriteString("end", day.AddHours(3));
                w.WriteEndObject();
                w.WriteString("remark", "工作日晚上在家");
                w.WriteEndObject();
            }

            return (id, buffer.ToArray());
        }

        /// <summary>A valid mobile in the 158 block (the generator's customers are all in 139): new unless an earlier run drew it.</summary>
        private string NewPhone(long seq) => "158" + ((seq * 7919 + _salt) % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

        private static IEnumerable<Region> Descendants(Regions regions, string? code) =>
            regions.Children(code).SelectMany(child => Descendants(regions, child.Code).Prepend(child));

        private static ulong Fnv(string text)
        {
            var hash = 14695981039346656037UL;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            return hash;
        }
    }
}
