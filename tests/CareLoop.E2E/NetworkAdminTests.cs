using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class NetworkAdminTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_changes_an_engineers_shifts_and_the_map_shows_engineers_and_stations()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("network-admin", async page =>
        {
            await session.SignInAsync("admin");
            await page.GetByTestId("nav-Engineers").ClickAsync();
            await Expect(page.GetByTestId("engineers-table").Locator("tbody tr")).ToHaveCountAsync(2);
            await page.GetByTestId("engineer-edit-engineer2").ClickAsync();
            await Expect(page.GetByTestId("shift-grid")).ToBeVisibleAsync();

            // Sunday off, Monday from 09:00.
            await page.GetByTestId("shift-7-works").ClickAsync();
            await Expect(page.GetByTestId("shift-7-start")).ToHaveCountAsync(0);
            await page.GetByTestId("shift-1-start").FillAsync("09:00");
            await page.GetByTestId("shift-1-start").PressAsync("Tab");
            await session.ScreenshotAsync("network-engineer-dialog");
            await page.GetByTestId("engineer-save").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("engineer-dialog")).ToHaveCountAsync(0);

            var row = page.GetByTestId("engineers-table").Locator("tbody tr").Filter(new() { HasText = "engineer2" });
            await Expect(row.Locator(".c-shift-cell-on")).ToHaveCountAsync(6);
            await session.ScreenshotAsync("network-engineers");

            await page.ReloadAsync();
            await session.WaitInteractiveAsync();
            await page.GetByTestId("engineer-edit-engineer2").ClickAsync();
            await Expect(page.GetByTestId("shift-1-start")).ToHaveValueAsync("09:00");
            await Expect(page.GetByTestId("shift-7-start")).ToHaveCountAsync(0);
            await page.Keyboard.PressAsync("Escape");

            await page.GotoAsync("/network/engineers/map");
            await Expect(page.Locator("[data-testid=engineers-map][data-rendered=true]")).ToHaveCountAsync(1);
            await Expect(page.Locator("path.c-map-engineer")).ToHaveCountAsync(2);
            await Expect(page.Locator(".c-map-station-icon")).ToHaveCountAsync(2);
            await Expect(page.GetByTestId("map-engineer")).ToHaveCountAsync(2);
            await session.ScreenshotAsync("network-map");

            await page.GetByTestId("network-tab-Capacity").ClickAsync();
            await Expect(page.GetByTestId("capacity-table").Locator("tbody tr")).ToHaveCountAsync(2);
            await Expect(page.Locator("[data-testid=capacity-cell][data-status=off]")).ToHaveCountAsync(1);
            await session.ScreenshotAsync("network-capacity");

            await page.GetByTestId("network-tab-Providers").ClickAsync();
            await Expect(page.GetByTestId("provider-card")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("stations-table").Locator("tbody tr")).ToHaveCountAsync(2);
            await session.ScreenshotAsync("network-providers");
        });
    }
}
