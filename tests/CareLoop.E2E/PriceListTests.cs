using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>The tenant's price list at <c>/admin/settings/prices</c> (issue 7): amounts in yuan, kept in 分.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PriceListTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_administrator_adds_a_price_in_yuan_sees_it_listed_and_deactivates_it_back_to_the_default()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("price-list", async page =>
        {
            await session.SignInAsync("admin");
            await page.GotoAsync("/admin/settings");
            await session.WaitInteractiveAsync();
            await page.GetByTestId("settings-prices").ClickAsync();
            await Expect(page.GetByTestId("price-table")).ToBeVisibleAsync();
            var repair = page.GetByTestId("price-row-OnSiteRepair");
            await Expect(repair.GetByTestId("price-row-source")).ToHaveTextAsync("默认价格");
            await Expect(repair.GetByTestId("price-row-labour")).ToHaveTextAsync("¥80.00");

            await repair.GetByTestId("price-set").ClickAsync();
            await page.GetByTestId("price-labour").FillAsync("95.5");
            await page.GetByTestId("price-visit-fee").FillAsync("35");
            await page.GetByTestId("price-save").ClickAsync();

            await Expect(page.GetByTestId("price-editor")).ToHaveCountAsync(0);
            await Expect(repair.GetByTestId("price-row-labour")).ToHaveTextAsync("¥95.50");
            await Expect(repair.GetByTestId("price-row-visit-fee")).ToHaveTextAsync("¥35.00");
            await Expect(repair.GetByTestId("price-row-source")).ToHaveTextAsync("本租户价格");
            await session.ScreenshotAsync("price-list-added");

            await page.ReloadAsync(); // saved, not only shown
            await session.WaitInteractiveAsync();
            await Expect(page.GetByTestId("price-row-OnSiteRepair").GetByTestId("price-row-labour")).ToHaveTextAsync("¥95.50");

            await page.GetByTestId("price-row-OnSiteRepair").GetByTestId("price-deactivate").ClickAsync();
            await Expect(page.GetByTestId("price-row-OnSiteRepair").GetByTestId("price-row-source")).ToHaveTextAsync("已停用（按默认价格）");
            await Expect(page.GetByTestId("price-row-OnSiteRepair").GetByTestId("price-row-labour")).ToHaveTextAsync("¥80.00");
        });
    }

    [Fact]
    public async Task An_amount_with_more_than_two_decimals_or_below_zero_is_refused_with_a_localized_message()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("price-list-bad-input", async page =>
        {
            await session.SignInAsync("admin");
            await page.GotoAsync("/admin/settings/prices");
            await session.WaitInteractiveAsync();

            await page.GetByTestId("price-add").ClickAsync();
            await page.GetByTestId("price-labour").FillAsync("12.345");
            await page.GetByTestId("price-visit-fee").FillAsync("-5");
            await page.GetByTestId("price-save").ClickAsync();

            var errors = page.GetByTestId("price-errors");
            await Expect(errors).ToContainTextAsync("人工费（元）: 最多两位小数（精确到分）。");
            await Expect(errors).ToContainTextAsync("上门费（元）: 必须在 0.00 到 100000.00 之间。");
            await Expect(page.GetByTestId("price-row-Installation").GetByTestId("price-row-source")).ToHaveTextAsync("默认价格");
            await session.ScreenshotAsync("price-list-bad-input");
        });
    }
}
