using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class WarrantyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_agent_extends_within_the_limit_and_a_supervisor_approves_a_larger_extension()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("warranty-extension", async page =>
        {
            await session.SignInAsync("agent");
            await OpenCustomerAsync(session, "13812345678");
            var unit = page.GetByTestId("unit-RVX2000000001");
            var remaining = unit.GetByTestId("remaining-main-unit");
            await Expect(remaining).ToHaveTextAsync(new Regex(@"剩余 \d+ 天"));
            var before = int.Parse(Regex.Match(await remaining.InnerTextAsync(), @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);

            await unit.GetByTestId("unit-extend").ClickAsync();
            await unit.GetByTestId("extend-days").FillAsync("20");
            await unit.GetByTestId("extend-reason").FillAsync("配件等待超时补偿");
            await unit.GetByTestId("extend-save").ClickAsync();
            await Expect(remaining).ToHaveTextAsync($"剩余 {before + 20} 天");

            await unit.GetByTestId("unit-extend").ClickAsync();
            await unit.GetByTestId("extend-days").FillAsync("60");
            await unit.GetByTestId("extend-reason").FillAsync("重大投诉安抚");
            await unit.GetByTestId("extend-save").ClickAsync();
            await Expect(unit.GetByTestId("extension").First).ToContainTextAsync("待审批");
            await Expect(remaining).ToHaveTextAsync($"剩余 {before + 20} 天");
            await Expect(unit.GetByTestId("extension-approve")).ToHaveCountAsync(0);
            await session.ScreenshotAsync("warranty-pending");

            await page.GetByTestId("sign-out").ClickAsync();
            await session.SignInAsync("supervisor");
            await OpenCustomerAsync(session, "13812345678");
            await unit.GetByTestId("extension-approve").ClickAsync();
            await Expect(remaining).ToHaveTextAsync($"剩余 {before + 80} 天");
            await session.ScreenshotAsync("warranty-approved");
        });
    }

    private static async Task OpenCustomerAsync(PageSession session, string phone)
    {
        var page = session.Page;
        await page.GetByTestId("nav-Customers").ClickAsync();
        await page.GetByTestId("customer-search").FillAsync(phone);
        await page.GetByTestId("customer-search").PressAsync("Enter");
        await Expect(page.GetByTestId("customers-table").Locator("tbody tr")).ToHaveCountAsync(1);
        await page.GetByTestId("customers-table").Locator("tbody tr").First.ClickAsync();
        await Expect(page.GetByTestId("customer-title")).ToBeVisibleAsync();
    }
}
