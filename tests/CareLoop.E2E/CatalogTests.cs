using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class CatalogTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_changes_a_consumable_interval_of_a_model_and_it_is_kept()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("catalog-edit", async page =>
        {
            await session.SignInAsync("admin");
            await page.GetByTestId("nav-Catalog").ClickAsync();
            await page.GetByTestId("models-table").GetByText("RV-X20").ClickAsync();
            await Expect(page.GetByTestId("model-name")).ToHaveValueAsync("X20 扫拖机器人");

            await Expect(page.GetByTestId("consumables").Locator("tbody tr")).ToHaveCountAsync(2);
            await page.GetByTestId("consumables").Locator("tbody tr").First.Locator("input").Nth(2).FillAsync("120");
            await page.GetByTestId("model-save").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("RV-X20");
            await session.ScreenshotAsync("model-editor");

            await page.ReloadAsync();
            await Expect(page.GetByTestId("consumables").Locator("tbody tr").First.Locator("input").Nth(2)).ToHaveValueAsync("120");
        });
    }

    [Fact]
    public async Task An_agent_sees_the_catalog_but_no_editing_controls()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("catalog-agent", async page =>
        {
            await session.SignInAsync("agent");
            await page.GetByTestId("nav-Catalog").ClickAsync();
            await Expect(page.GetByTestId("models-table")).ToContainTextAsync("WP-RO600");
            await Expect(page.GetByTestId("model-new")).ToHaveCountAsync(0);
            await page.GetByTestId("models-table").GetByText("WP-RO600").ClickAsync();
            await Expect(page.GetByTestId("model-name")).ToHaveValueAsync("RO600 反渗透净水器");
            await Expect(page.GetByTestId("model-save")).ToHaveCountAsync(0);
        });
    }
}
