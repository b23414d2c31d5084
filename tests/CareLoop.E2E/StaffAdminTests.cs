using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class StaffAdminTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_creates_an_engineer_account_in_the_ui_and_the_new_engineer_reaches_the_mobile_page()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("create-engineer", async page =>
        {
            await session.SignInAsync("admin");
            await page.GetByTestId("nav-Users").ClickAsync();
            await Expect(page.GetByTestId("users-table")).ToContainTextAsync("agent");

            await page.GetByTestId("user-new").ClickAsync();
            await page.GetByTestId("user-username").FillAsync("zhang.wei");
            await page.GetByTestId("user-displayname").FillAsync("工程师 张伟");
            await page.GetByTestId("user-password").FillAsync("short");
            await page.GetByTestId("user-save").ClickAsync();
            await Expect(page.GetByTestId("user-errors")).ToContainTextAsync("角色");

            await page.GetByTestId("user-password").FillAsync("Zhang-Wei-2026");
            await page.GetByTestId("user-roles").GetByText("工程师", new() { Exact = true }).ClickAsync();
            await page.GetByTestId("user-save").ClickAsync();
            await Expect(page.GetByTestId("users-table")).ToContainTextAsync("zhang.wei");
            await session.ScreenshotAsync("users-after-create");

            await page.GetByTestId("sign-out").ClickAsync();
            await page.GetByTestId("username").FillAsync("zhang.wei");
            await page.GetByTestId("password").FillAsync("Zhang-Wei-2026");
            await page.GetByTestId("sign-in").ClickAsync();
            await page.GotoAsync("/m");
            await Expect(page.GetByTestId("mobile-title")).ToContainTextAsync("工程师 张伟");
            await page.SetViewportSizeAsync(360, 740);
            await session.ScreenshotAsync("mobile-home-360");
        });
    }
}
