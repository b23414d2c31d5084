using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CareLoop.Bench;

/// <summary>
/// Issue 7's page budget: the engineer's job list and job page on a throttled "Fast 3G" network (Chrome DevTools'
/// preset: 562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up effective), at 360 × 740 in Chromium. A cold visit (nothing
/// cached) and a warm one (browser cache and the service worker), first contentful paint and the bytes transferred.
/// </summary>
internal static class PageBudget
{
    // Chromium DevTools' "Fast 3G" (front_end/core/sdk/NetworkManager): 1.6 Mbit/s down and 750 kbit/s up at 90 %, 150 ms × 3.75 latency.
    private const double LatencyMs = 150 * 3.75;
    private const double DownBytesPerSecond = 1.6 * 1000 * 1000 / 8 * .9;
    private const double UpBytesPerSecond = 750.0 * 1000 / 8 * .9;

    public static async Task<int> RunAsync(Options options)
    {
        var url = options.Get("url").TrimEnd('/');
        var password = options.Get("password");
        var runs = options.Int("runs", 5);
        var job = await AssignJobAsync(url, password);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = options.Get("chromium", Environment.GetEnvironmentVariable("CARELOOP_CHROMIUM") ?? "/usr/bin/chromium"),
        });

        // Sign in once (unthrottled) and reuse the cookie: the budget is about the pages, not the sign-in.
        var phone = new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, BaseURL = url,
        };
        string state;
        await using (var context = await browser.NewContextAsync(phone))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/m/login");
            await page.GetByTestId("tenant").FillAsync("demo-brand");
            await page.GetByTestId("mobile").FillAsync("13800000001");
            await page.GetByTestId("password").FillAsync(password);
            await page.GetByTestId("sign-in").ClickAsync();
            await page.WaitForURLAsync(url + "/m");
            state = await context.StorageStateAsync();
        }

        Console.WriteLine("page,visit,run,fcp_ms,dom_content_loaded_ms,load_ms,requests,transferred_bytes");
        foreach (var (name, path) in new[] { ("job-list", "/m"), ("job-page", "/m/jobs/" + job) })
        {
            for (var run = 1; run <= runs; run++)
            {
                phone.StorageState = state;
                await using var context = await browser.NewContextAsync(phone);
                var page = await context.NewPageAsync();
                var cdp = await context.NewCDPSessionAsync(page);
                await cdp.SendAsync("Network.enable");
                await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
                {
                    ["offline"] = false, ["latency"] = LatencyMs, ["downloadThroughput"] = DownBytesPerSecond, ["uploadThroughput"] = UpBytesPerSecond,
                });
                long bytes = 0;
                var requests = 0;
                cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
                {
                    Interlocked.Add(ref bytes, (long)e!.Value.GetProperty("encodedDataLength").GetDouble());
                    Interlocked.Increment(ref requests);
                };
                foreach (var visit in new[] { "cold", "warm" })
                {
                    Interlocked.Exchange(ref bytes, 0);
                    Interlocked.Exchange(ref requests, 0);
                    await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                    await page.WaitForTimeoutAsync(300); // late requests (deferred scripts, the service worker's own fetches)
                    var timing = await page.EvaluateAsync<JsonElement>("""
                        (() => { const n = performance.getEntriesByType('navigation')[0];
                                 const p = performance.getEntriesByName('first-contentful-paint')[0];
                                 return { fcp: p ? p.startTime : -1, dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd }; })()
                        """);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name},{visit},{run},{timing.GetProperty("fcp").GetDouble():0},{timing.GetProperty("dcl").GetDouble():0},{timing.GetProperty("load").GetDouble():0},{requests},{Interlocked.Read(ref bytes)}"));
                }
            }
        }

        return 0;
    }

    /// <summary>A repair for a demo customer, assigned to the demo engineer: the job the pages show.</summary>
    private static async Task<Guid> AssignJobAsync(string url, string password)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        async Task<HttpClient> AsAsync(string user)
        {
            var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant = "demo-brand", userName = user, password });
            token.EnsureSuccessStatusCode();
            var client = new HttpClient { BaseAddress = new Uri(url) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
            return client;
        }

        using var agent = await AsAsync("agent");
        var customer = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13912345601")).GetProperty("items")[0].GetProperty("id").GetString();
        var unit = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("units")[0].GetProperty("id").GetString();
        var created = await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", description = "净水器漏水，厨房地面有积水" });
        created.EnsureSuccessStatusCode();
        var order = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var dispatcher = await AsAsync("dispatcher");
        using var admin = await AsAsync("admin");
        var engineer = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/users?search=engineer")).GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == "engineer").GetProperty("id").GetGuid();
        var assigned = await dispatcher.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{order.GetProperty("id").GetGuid()}/assignment",
            new { engineerId = engineer, expectedVersion = order.GetProperty("version").GetInt64() });
        if (!assigned.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"assigning the job: {(int)assigned.StatusCode} {await assigned.Content.ReadAsStringAsync()}");
        }

        return order.GetProperty("id").GetGuid();
    }
}
