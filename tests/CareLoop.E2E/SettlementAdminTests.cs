using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>The staff's settlement pages: commission rules refused with overlapping bands, then saved as a new version; the statements page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SettlementAdminTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_is_told_which_band_overlaps_then_saves_the_rules_as_version_one()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("settlement-rules", async page =>
        {
            await session.SignInAsync("admin");
            await page.GotoAsync("/settlement/rules");
            await session.WaitInteractiveAsync();
            await page.GetByTestId("band-add").ClickAsync();
            await page.GetByTestId("band-add").ClickAsync();
            await page.GetByTestId("band-to").Nth(0).FillAsync("10");
            await page.GetByTestId("band-from").Nth(1).FillAsync("8");
            await page.GetByTestId("band-to").Nth(1).FillAsync("20");
            await page.GetByTestId("band-to").Nth(1).PressAsync("Tab");
            await page.GetByTestId("rules-save").ClickAsync();

            await Expect(page.GetByTestId("rules-errors")).ToContainTextAsync("第 2 个距离段的起点: 与第 1 个距离段重叠");
            await session.ScreenshotAsync("settlement-rules-overlap");

            await page.GetByTestId("band-from").Nth(1).FillAsync("10");
            await page.GetByTestId("band-from").Nth(1).PressAsync("Tab");
            await page.GetByTestId("rules-save").ClickAsync();
            await Expect(page.GetByTestId("rules-version")).ToHaveTextAsync("第 1 版");
            await Expect(page.GetByTestId("rules-errors")).ToHaveCountAsync(0);

            await page.GotoAsync("/settlement/statements");
            await session.WaitInteractiveAsync();
            await Expect(page.GetByTestId("statements-table")).ToContainTextAsync("这个月还没有对账单");
            await session.ScreenshotAsync("settlement-statements");
        });
    }
}
