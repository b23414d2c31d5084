using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CareLoop.Bench;

/// <summary>
/// Customer-360 lookups against a running CareLoop over loopback HTTP, as an agent: find by phone (blind index),
/// then load the 360 (profile, units with warranty, service). Latency is measured at the client, so it is an
/// upper bound of server time (it includes HTTP and JSON on both sides).
/// </summary>
internal static class Lookup
{
    public static async Task<int> RunAsync(Options o)
    {
        using var http = new HttpClient { BaseAddress = new Uri(o.Get("url")) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant = "demo-brand", userName = "agent", password = o.Get("password") });
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var phones = await File.ReadAllLinesAsync(o.Get("sample"));
        var requests = Math.Min(o.Int("requests", 1000), phones.Length);
        var search = new List<double>(requests);
        var profile = new List<double>(requests);
        for (var i = 0; i < requests + 50; i++)
        {
            var phone = phones[i % phones.Length];
            var watch = Stopwatch.StartNew();
            var found = await http.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=" + Uri.EscapeDataString(phone));
            var searchMs = watch.Elapsed.TotalMilliseconds;
            var items = found.GetProperty("items");
            if (items.GetArrayLength() != 1)
            {
                throw new InvalidOperationException($"{phone}: expected one customer, got {items.GetArrayLength()}");
            }

            watch.Restart();
            using var response = await http.GetAsync($"/api/v1/customers/{items[0].GetProperty("id").GetString()}");
            response.EnsureSuccessStatusCode();
            var profileMs = watch.Elapsed.TotalMilliseconds;
            if (i >= 50)
            {
                // the first 50 warm up connection pools and JIT
                search.Add(searchMs);
                profile.Add(profileMs);
            }
        }

        Console.WriteLine($"search-by-phone,{Percentiles(search)}");
        Console.WriteLine($"customer-360,{Percentiles(profile)}");
        return 0;
    }

    private static string Percentiles(List<double> values)
    {
        values.Sort();
        string P(double q) => values[(int)Math.Min(values.Count - 1, Math.Round(q * (values.Count - 1)))].ToString("F2", CultureInfo.InvariantCulture);
        return $"n={values.Count},p50={P(0.50)}ms,p95={P(0.95)}ms,p99={P(0.99)}ms";
    }
}
