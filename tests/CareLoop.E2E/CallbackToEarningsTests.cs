using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Callbacks.Domain;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>
/// Issue 8's loop end to end, with the outbox running: the engineer completes a job, the callback opens by itself, the
/// agent confirms it on the staff screen with CSAT 5, and the engineer's phone shows the commission the rules give.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CallbackToEarningsTests(BrowserFixture browser)
{
    [Theory]
    [AllProviders]
    public async Task An_agent_confirms_the_callback_and_the_engineer_sees_the_commission_on_the_phone(DatabaseKind kind)
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser, database: kind, startOutbox: true);
        var (order, number) = await CompletedJobAsync(session.App);

        // Completion reaches the Callbacks module as an integration event: the task opens without anyone asking.
        await EventuallyAsync(() => session.App.DbAsync("demo-brand", db => db.Set<CallbackTask>().AnyAsync(c => c.WorkOrderId == order)), "the callback opens");

        await session.RunAsync("callback-to-earnings-agent", async page =>
        {
            await session.SignInAsync("agent");
            await page.GetByTestId("nav-Callbacks").ClickAsync();
            await Expect(page.GetByTestId("callback-row")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("callback-queue")).ToContainTextAsync(number);
            await page.GetByTestId("callback-link").ClickAsync();
            await session.WaitInteractiveAsync();
            await page.GetByTestId("callback-done").ClickAsync();
            await page.GetByTestId("callback-csat").Locator(".mud-rating-item").Nth(4).ClickAsync();
            await page.GetByTestId("nps-10").ClickAsync();
            await page.GetByTestId("callback-comment").FillAsync("安装很规范");
            await page.GetByTestId("callback-confirm").ClickAsync();
            await Expect(page.GetByTestId("callback-outcome")).ToContainTextAsync("已确认");
            await Expect(page.GetByTestId("callback-outcome-csat")).ToHaveTextAsync("5");
            await session.ScreenshotAsync("callback-to-earnings-confirmed");
        });

        // The confirmation reaches Settlement through the outbox too: base ¥30 + CSAT-5 bonus ¥10.
        await EventuallyAsync(
            async () => await session.App.DbAsync("demo-brand", db => db.Set<LedgerEntry>().CountAsync(e => e.WorkOrderId == order)) == 2,
            "the commission is posted");

        var phone = await session.DeviceAsync(PageSession.Phone);
        try
        {
            await phone.GotoAsync("/login?ReturnUrl=%2Fm");
            await phone.GetByTestId("tenant").FillAsync("demo-brand");
            await phone.GetByTestId("username").FillAsync("engineer");
            await phone.GetByTestId("password").FillAsync(TestEnvironment.DemoPassword);
            await phone.GetByTestId("sign-in").TapAsync();
            await phone.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/m$"));
            await phone.GetByTestId("nav-earnings").TapAsync();

            await Expect(phone.GetByTestId("earnings-title")).ToHaveTextAsync("我的收入");
            await Expect(phone.GetByTestId("earnings-posted")).ToHaveTextAsync("¥40.00");
            await Expect(phone.GetByTestId("earnings-jobs")).ToHaveTextAsync("1");
            var entries = phone.GetByTestId("earnings-entry");
            await Expect(entries).ToHaveCountAsync(2);
            var baseAmount = entries.Filter(new() { HasText = "上门指导 · 净水器 基础佣金" });
            await Expect(baseAmount).ToContainTextAsync(number);
            await Expect(baseAmount).ToContainTextAsync("¥30.00");
            var bonus = entries.Filter(new() { HasText = "客户满意度 5 分奖励" });
            await Expect(bonus).ToContainTextAsync(number);
            await Expect(bonus).ToContainTextAsync("¥10.00");
            await PageSession.ScreenshotAsync(phone, "callback-to-earnings-phone");
        }
        catch
        {
            await PageSession.ScreenshotAsync(phone, "callback-to-earnings-phone-failure");
            throw;
        }
    }

    /// <summary>Rules (on-site guidance ¥30 for any category, CSAT-5 bonus ¥10, no penalties) and an on-site guidance order the engineer completes, all by the API.</summary>
    internal static async Task<(Guid Order, string Number)> CompletedJobAsync(CareLoopApp app)
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

        // The visit window only has to lie ahead of the host's clock, on a working day; the ledger counts whatever month it lands in.
        var start = NextWeekdayAfternoon();
        var version = order.GetProperty("version").GetInt64();
        version = await MoveAsync(dispatcher, id, version, new { action = "assign", assigneeId = engineerId });
        version = await MoveAsync(engineer, id, version, new { action = "accept" });
        version = await MoveAsync(engineer, id, version, new { action = "schedule", window = new { start, end = start.AddHours(2) } });
        version = await MoveAsync(engineer, id, version, new { action = "checkIn", latitude = 31.30, longitude = 120.62 });
        await MoveAsync(engineer, id, version, new { action = "complete" });
        return (id, order.GetProperty("number").GetString()!);
    }

    private static DateTimeOffset NextWeekdayAfternoon()
    {
        var day = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(day.ToDateTime(new TimeOnly(14, 0)), TimeSpan.FromHours(8));
    }

    /// <summary>Waits for what the outbox delivers in the background (polled every 100 ms, up to 30 s).</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Timed out waiting until {what}.");
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
