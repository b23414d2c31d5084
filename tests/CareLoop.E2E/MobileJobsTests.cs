using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>The engineer's phone (issue 7) at 360 × 740 with touch: my jobs, one job, accepting it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MobileJobsTests(BrowserFixture browser)
{
    private static BrowserNewContextOptions SmallPhone
    {
        get
        {
            var phone = PageSession.Phone;
            phone.ViewportSize = new ViewportSize { Width = 360, Height = 740 };
            phone.DeviceScaleFactor = 2;
            return phone;
        }
    }

    [Fact]
    public async Task An_engineer_sees_an_assigned_job_on_the_phone_opens_it_and_accepts_it()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser, SmallPhone);
        var number = await AssignOrderToEngineerAsync(session.App);

        await session.RunAsync("mobile-accept", async page =>
        {
            await page.GotoAsync("/login?ReturnUrl=%2Fm");
            await page.GetByTestId("tenant").FillAsync("demo-brand");
            await page.GetByTestId("username").FillAsync("engineer");
            await page.GetByTestId("password").FillAsync(TestEnvironment.DemoPassword);
            await page.GetByTestId("sign-in").TapAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/m$"));

            await Expect(page.GetByTestId("tab-today")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-active"));
            var card = page.GetByTestId("job-" + number);
            await Expect(card).ToBeVisibleAsync();
            await Expect(card.GetByTestId("job-state")).ToHaveTextAsync("已派工");
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the list fits 360 px without sideways scrolling");
            await session.ScreenshotAsync("mobile-my-jobs-360");

            await card.TapAsync();
            await Expect(page.GetByTestId("job-number")).ToHaveTextAsync(number);
            await Expect(page.GetByTestId("masked-phone")).ToContainTextAsync("****");
            var key = await page.Locator("input[data-idempotency-key]").GetAttributeAsync("data-client-key");
            Assert.Equal("1", key); // the phone made its own idempotency key
            await session.ScreenshotAsync("mobile-job-360");
            await page.GetByTestId("accept").TapAsync();

            await Expect(page.GetByTestId("job-done")).ToHaveTextAsync("已接单");
            await Expect(page.GetByTestId("job-state")).ToHaveTextAsync("已接单");
            await Expect(page.GetByTestId("accept")).ToHaveCountAsync(0);
            await page.GetByTestId("call").TapAsync();
            await Expect(page.GetByTestId("call-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^tel:\+86139"));
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the job page fits 360 px");
            await session.ScreenshotAsync("mobile-job-accepted-360");
        });
    }

    [Fact]
    public async Task An_accept_tapped_offline_is_kept_on_the_phone_and_sent_once_when_back_online()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser, SmallPhone);
        var number = await AssignOrderToEngineerAsync(session.App);

        await session.RunAsync("mobile-offline", async page =>
        {
            await page.GotoAsync("/login?ReturnUrl=%2Fm");
            await page.GetByTestId("tenant").FillAsync("demo-brand");
            await page.GetByTestId("username").FillAsync("engineer");
            await page.GetByTestId("password").FillAsync(TestEnvironment.DemoPassword);
            await page.GetByTestId("sign-in").TapAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/m$"));
            await page.GetByTestId("job-" + number).TapAsync();
            await Expect(page.GetByTestId("accept")).ToBeVisibleAsync();

            await page.Context.SetOfflineAsync(true); // the basement
            await page.GetByTestId("accept").TapAsync();
            await Expect(page.Locator("[data-outbox-status]")).ToContainTextAsync("1 个操作未发送");
            Assert.Equal(1, await page.EvaluateAsync<int>("window.careLoopOutbox.pending()"));
            await session.ScreenshotAsync("mobile-offline-kept-360");

            await page.Context.SetOfflineAsync(false); // back upstairs: the phone resends, then shows the job as it is now
            await Expect(page.GetByTestId("job-state")).ToHaveTextAsync("已接单");
            // The reloaded page may be queried before its scripts ran: wait for the outbox to be there, and empty.
            await page.WaitForFunctionAsync("() => window.careLoopOutbox && window.careLoopOutbox.pending() === 0");
        });

        using var dispatcher = await session.App.ApiAsAsync("dispatcher");
        var id = await session.App.DbAsync("demo-brand", db => db.Set<CareLoop.Modules.WorkOrders.Domain.WorkOrder>().Where(w => w.Number == number).Select(w => w.Id).SingleAsync());
        var work = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{id}");
        Assert.Equal(1, work.GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("action").GetString() == "accept"));
    }

    /// <summary>A repair for 13912345601's water purifier, opened by the agent and assigned to <c>engineer</c>; returns its number.</summary>
    internal static async Task<string> AssignOrderToEngineerAsync(CareLoopApp app)
    {
        using var agent = await app.ApiAsAsync("agent");
        var customer = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13912345601")).GetProperty("items")[0].GetProperty("id").GetString();
        var unit = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("units").EnumerateArray()
            .Single(u => u.GetProperty("serialNumber").GetString() == "WP6000000001").GetProperty("id").GetString();
        var created = await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", description = "净水器漏水，厨房地面有积水" });
        created.EnsureSuccessStatusCode();
        var order = await created.Content.ReadFromJsonAsync<JsonElement>();

        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var engineer = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        var assigned = await dispatcher.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{order.GetProperty("id").GetGuid()}/assignment",
            new { engineerId = engineer, expectedVersion = order.GetProperty("version").GetInt64() });
        assigned.EnsureSuccessStatusCode();
        return order.GetProperty("number").GetString()!;
    }
}
