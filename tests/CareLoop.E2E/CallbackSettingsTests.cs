using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>The callback policy under /admin/settings: an out-of-range value is refused under its input in Chinese, the retry schedule previews, a valid policy saves.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CallbackSettingsTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_is_told_which_value_is_out_of_range_then_saves_four_tries_over_three_days()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("callback-settings", async page =>
        {
            await session.SignInAsync("admin");
            await page.GotoAsync("/admin/settings");
            await session.WaitInteractiveAsync();
            await page.GetByTestId("settings-callbacks").ClickAsync();
            await Expect(page.GetByTestId("callbacks-schedule")).ToContainTextAsync("0 / 24 / 48");

            await page.GetByTestId("callbacks-maxAttempts").FillAsync("0");
            await page.GetByTestId("callbacks-surveyValidHours").FillAsync("1000");
            await page.GetByTestId("callbacks-surveyValidHours").PressAsync("Tab");
            await page.GetByTestId("callbacks-save").ClickAsync();
            await Expect(Control(page, "callbacks-maxAttempts")).ToContainTextAsync("必须在 1 到 10 之间。");
            await Expect(Control(page, "callbacks-surveyValidHours")).ToContainTextAsync("必须在 1 到 720 之间。");
            await session.ScreenshotAsync("callback-settings-invalid");

            await page.GetByTestId("callbacks-maxAttempts").FillAsync("4");
            await page.GetByTestId("callbacks-retryWindowHours").FillAsync("72");
            await page.GetByTestId("callbacks-surveyValidHours").FillAsync("96");
            await page.GetByTestId("callbacks-dueHours").FillAsync("12");
            await page.GetByTestId("callbacks-dueHours").PressAsync("Tab");
            await Expect(page.GetByTestId("callbacks-schedule")).ToContainTextAsync("0 / 24 / 48 / 72");
            await page.GetByTestId("callbacks-save").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已保存");
            await Expect(Control(page, "callbacks-maxAttempts")).Not.ToContainTextAsync("必须在");
            await session.ScreenshotAsync("callback-settings-saved");
        });

        using var admin = await session.App.ApiAsAsync("admin");
        var saved = await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/callbacks");
        Assert.Equal((12, 4, 72, 96, 10), (saved.GetProperty("dueHours").GetInt32(), saved.GetProperty("maxAttempts").GetInt32(),
            saved.GetProperty("retryWindowHours").GetInt32(), saved.GetProperty("surveyValidHours").GetInt32(), saved.GetProperty("qualitySamplePercent").GetInt32()));
    }

    /// <summary>The input's MudBlazor control, which holds its helper or error text.</summary>
    private static ILocator Control(IPage page, string testId) =>
        page.GetByTestId(testId).Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]");
}
