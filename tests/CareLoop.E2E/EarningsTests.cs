using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Callbacks.Contracts;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Platform.Outbox;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>The engineer's earnings on the phone at 360 × 740: a job completed, its callback confirmed, the commission posted and explained.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EarningsTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_engineer_sees_the_commission_of_a_confirmed_job_on_the_phone()
    {
        BrowserFixture.SkipWithoutChromium();
        var phone = PageSession.Phone;
        phone.ViewportSize = new ViewportSize { Width = 360, Height = 740 };
        phone.DeviceScaleFactor = 2;
        await using var session = await PageSession.StartAsync(browser, phone);
        var number = await ConfirmedJobAsync(session.App);

        await session.RunAsync("earnings", async page =>
        {
            await page.GotoAsync("/login?ReturnUrl=%2Fm");
            await page.GetByTestId("tenant").FillAsync("demo-brand");
            await page.GetByTestId("username").FillAsync("engineer");
            await page.GetByTestId("password").FillAsync(TestEnvironment.DemoPassword);
            await page.GetByTestId("sign-in").TapAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/m$"));
            await page.GetByTestId("nav-earnings").TapAsync();

            await Expect(page.GetByTestId("earnings-title")).ToHaveTextAsync("我的收入");
            await Expect(page.GetByTestId("earnings-posted")).ToHaveTextAsync("¥40.00");
            await Expect(page.GetByTestId("earnings-jobs")).ToHaveTextAsync("1");
            await Expect(page.GetByTestId("earnings-pending")).ToHaveTextAsync("0");
            var entries = page.GetByTestId("earnings-entry");
            await Expect(entries).ToHaveCountAsync(2);
            await Expect(entries.First).ToContainTextAsync(number);
            await Expect(page.GetByText("上门指导 · 净水器 基础佣金")).ToBeVisibleAsync();
            await Expect(page.GetByText("客户满意度 5 分奖励")).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the earnings page fits 360 px");
            var shot = await session.ScreenshotAsync("earnings-360");
            var docs = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../docs/screens"));
            if (Directory.Exists(docs))
            {
                File.Copy(shot, Path.Combine(docs, "earnings.png"), overwrite: true);
            }
        });
    }

    /// <summary>Rules (on-site guidance ¥30, CSAT-5 bonus ¥10), an on-site guidance job completed by the engineer, confirmed with CSAT 5 through the outbox.</summary>
    private static async Task<string> ConfirmedJobAsync(CareLoopApp app)
    {
        using var admin = await app.ApiAsAsync("admin");
        (await admin.PutAsJsonAsync("/api/v1/settlement/rules", new
        {
            rules = new
            {
                baseAmounts = new[] { new { kind = "onSiteGuidance", categoryCode = "*", amountFen = 3000 } },
                distanceBands = Array.Empty<object>(),
                csat5BonusFen = 1000, slaBreachPenaltyFen = 0, repeatRepairPenaltyFen = 0, complaintPenaltyFen = 0, providerFeeFen = 0,
            },
            expectedVersion = 0,
        })).EnsureSuccessStatusCode();

        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var customer = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13912345601")).GetProperty("items")[0].GetProperty("id").GetString();
        var unit = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("units").EnumerateArray()
            .Single(u => u.GetProperty("serialNumber").GetString() == "WP6000000001").GetProperty("id").GetString();
        var created = await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteGuidance", description = "指导更换滤芯" });
        created.EnsureSuccessStatusCode();
        var order = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = order.GetProperty("id").GetGuid();
        var engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        var start = NextWeekdayAfternoon();
        var version = order.GetProperty("version").GetInt64();
        version = await MoveAsync(dispatcher, id, version, new { action = "assign", assigneeId = engineerId });
        version = await MoveAsync(engineer, id, version, new { action = "accept" });
        version = await MoveAsync(engineer, id, version, new { action = "schedule", window = new { start, end = start.AddHours(2) } });
        version = await MoveAsync(engineer, id, version, new { action = "checkIn", latitude = 31.30, longitude = 120.62 });
        await MoveAsync(engineer, id, version, new { action = "complete" });

        // The callback module raises this when the agent confirms; it goes through the outbox like any integration event.
        var confirmed = new CallbackConfirmed(Guid.NewGuid(), id, order.GetProperty("number").GetString()!, engineerId, 5, 10, TimeProvider.System.GetUtcNow());
        await app.DbAsync("demo-brand", db =>
        {
            db.OutboxMessages.Add(OutboxMessage.Create(db.Tenants.Single(t => t.Slug == "demo-brand").Id, typeof(CallbackConfirmed).FullName!,
                JsonSerializer.Serialize(confirmed, Web), TimeProvider.System.GetUtcNow()));
            return db.SaveChangesAsync();
        });
        var outbox = app.Services.GetRequiredService<OutboxDispatcher>();
        while (await outbox.DeliverBatchAsync(CancellationToken.None) > 0)
        {
        }

        Assert.Equal(4000, await app.DbAsync("demo-brand", db => db.Set<LedgerEntry>().Where(e => e.WorkOrderId == id).SumAsync(e => e.AmountFen)));
        return order.GetProperty("number").GetString()!;
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static DateTimeOffset NextWeekdayAfternoon()
    {
        var day = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(day.ToDateTime(new TimeOnly(14, 0)), TimeSpan.FromHours(8));
    }

    private static async Task<long> MoveAsync(HttpClient client, Guid order, long expectedVersion, object transition)
    {
        var body = JsonSerializer.SerializeToNode(transition)!.AsObject();
        body["expectedVersion"] = expectedVersion;
        var response = await client.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", body);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{body["action"]}: {result}");
        return result.GetProperty("version").GetInt64();
    }
}
