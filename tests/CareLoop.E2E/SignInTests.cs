using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_agent_signs_in_sees_the_chinese_dashboard_switches_to_english_and_signs_out()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("sign-in-flow", async page =>
        {
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(new Regex("/login"));
            await Expect(page.Locator("h1")).ToHaveTextAsync("登录");

            await session.SignInAsync("agent");
            await Expect(page.GetByTestId("dashboard-title")).ToHaveTextAsync("工作台");
            await Expect(page.GetByTestId("welcome")).ToContainTextAsync("客服 王芳");
            await Expect(page.GetByTestId("nav-Dashboard")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("nav-Users")).ToHaveCountAsync(0); // an agent does not manage staff
            await session.ScreenshotAsync("dashboard-zh");

            await page.GetByTestId("lang-en").ClickAsync();
            await Expect(page.GetByTestId("dashboard-title")).ToHaveTextAsync("Dashboard");
            await Expect(page.GetByTestId("welcome")).ToContainTextAsync("Hello");
            await session.ScreenshotAsync("dashboard-en");

            await page.GetByTestId("sign-out").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/login$"));
            await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(new Regex("/login"));
        });
    }

    [Fact]
    public async Task A_wrong_password_shows_a_localized_error_and_keeps_the_user_out()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("wrong-password", async page =>
        {
            await page.GotoAsync("/login");
            await page.GetByTestId("username").FillAsync("agent");
            await page.GetByTestId("password").FillAsync("Not-The-Password-1");
            await page.GetByTestId("sign-in").ClickAsync();

            await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("用户名或密码不正确。");
            await Expect(page).ToHaveURLAsync(new Regex("/login"));
        });
    }
}
