using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class CallListTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_agent_works_a_call_list_entry_to_a_sale_with_an_engineer_bringing_the_filter_and_the_campaign_shows_the_revenue()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        // A water purifier installed 95 days ago: its PP cotton (every 90 days) is 5 days overdue after today's run.
        using (var agent = await session.App.ApiAsAsync("agent"))
        using (var supervisor = await session.App.ApiAsAsync("supervisor"))
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
            var installed = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), zone).DateTime).AddDays(-95);
            var created = await agent.PostAsJsonAsync("/api/v1/customers", new
            {
                name = "孙悦", phones = new[] { "13700009901" }, addresses = new[] { new { regionCode = "320506", detail = "星湖街 18 号" } },
            });
            var customer = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var unit = await agent.PostAsJsonAsync($"/api/v1/customers/{customer}/units", new
            {
                serialNumber = "WP6000009901", sku = "WP-RO600", purchaseDate = installed, channel = "offline", deliveryDate = installed, installDate = installed,
            });
            unit.EnsureSuccessStatusCode();
            // The test runs at whatever hour CI does: allow calls all day, every day (quiet hours have their own tests).
            using var admin = await session.App.ApiAsAsync("admin");
            var policy = await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/contact-policy");
            (await admin.PutAsJsonAsync("/api/v1/settings/contact-policy", new
            {
                allowedHours = new[] { "00:00-24:00" }, noContactDates = Array.Empty<string>(), unsolicitedPerDay = 5, unsolicitedPerWeek = 10, callAttemptsPerDay = 5,
                timeZone = "Asia/Shanghai", version = policy.GetProperty("version").GetInt64(),
            })).EnsureSuccessStatusCode();
            // A campaign for entries at most a month overdue (the demo units are long overdue: they stay out of it).
            (await supervisor.PostAsJsonAsync("/api/v1/lifecycle/campaigns", new { name = "净水器滤芯回访", dueWithinDays = 30, warranty = "any" })).EnsureSuccessStatusCode();
            (await supervisor.PostAsync("/api/v1/lifecycle/runs", null)).EnsureSuccessStatusCode();
        }

        await session.RunAsync("call-list", async page =>
        {
            await session.SignInAsync("agent");
            await page.GetByTestId("nav-CallList").ClickAsync();
            var row = page.GetByTestId("call-list-table").Locator("tbody tr", new() { HasText = "孙悦" });
            await Expect(row).ToContainTextAsync("PP棉滤芯");
            await Expect(row).ToContainTextAsync("逾期 5 天");
            await row.ClickAsync();
            await session.WaitInteractiveAsync();

            await Expect(page.GetByTestId("call-price")).ToHaveTextAsync("¥59.00");
            await Expect(page.GetByTestId("call-phone")).ToContainTextAsync("****");
            await Expect(page.GetByTestId("call-script")).ToContainTextAsync("PP棉滤芯");
            await page.GetByTestId("call-reveal").ClickAsync();
            await Expect(page.GetByTestId("call-phone")).ToContainTextAsync("13700009901");
            await page.GetByTestId("call-note").FillAsync("周六上午方便");
            await session.ScreenshotAsync("call-list");
            await page.GetByTestId("call-outcome-EngineerWillBring").ClickAsync();
            await Expect(page.GetByTestId("call-closed")).ToContainTextAsync("工程师上门更换");
            await Expect(page.GetByTestId("call-work-order")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^WO"));
            await session.ScreenshotAsync("call-list-sold");

            await page.GetByTestId("call-work-order").ClickAsync();
            await Expect(page.GetByText("PP棉滤芯 [PP-COTTON]")).ToBeVisibleAsync();

            // The sale shows in the campaign's progress: one entry, contacted, reached, bought, ¥59.00, no opt-outs.
            await page.GotoAsync("/lifecycle/campaigns");
            var campaign = page.GetByTestId("campaigns-table").Locator("tbody tr", new() { HasText = "净水器滤芯回访" });
            await Expect(campaign.GetByTestId("campaign-contacted")).ToHaveTextAsync("1");
            await Expect(campaign.GetByTestId("campaign-reached")).ToHaveTextAsync("1");
            await Expect(campaign.GetByTestId("campaign-bought")).ToHaveTextAsync("1");
            await Expect(campaign.GetByTestId("campaign-revenue")).ToHaveTextAsync("¥59.00");
            await Expect(campaign.GetByTestId("campaign-optouts")).ToHaveTextAsync("0");
            await Expect(campaign.GetByTestId("campaign-conversion")).ToHaveTextAsync("100%");
            await session.ScreenshotAsync("call-list-campaign");
        });
    }
}
