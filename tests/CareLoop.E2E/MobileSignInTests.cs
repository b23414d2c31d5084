using CareLoop.Platform.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>The engineer signs in on the phone with the mobile and an SMS code, and stays signed in on the device (issue 7).</summary>
[Collection(BrowserCollection.Name)]
public sealed class MobileSignInTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_engineer_opening_the_phone_app_signs_in_with_an_sms_code_and_stays_signed_in()
    {
        BrowserFixture.SkipWithoutChromium();
        var phone = PageSession.Phone;
        phone.ViewportSize = new ViewportSize { Width = 360, Height = 740 };
        phone.DeviceScaleFactor = 2;
        await using var session = await PageSession.StartAsync(browser, phone);

        await session.RunAsync("mobile-sign-in", async page =>
        {
            await page.GotoAsync("/m");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/m/login\\?ReturnUrl=%2Fm$"));
            await page.GetByTestId("by-code").TapAsync();
            await page.GetByTestId("tenant").FillAsync("demo-brand");
            await page.GetByTestId("mobile").FillAsync("138 0000 0001");
            await page.GetByTestId("send-code").TapAsync();
            await Expect(page.GetByTestId("code-sent")).ToContainTextAsync("138****0001");

            var code = session.App.Services.GetRequiredService<LocalSmsGateway>().Sent.First(s => s.PhoneE164 == "+8613800000001").TemplateParams["code"];
            await page.GetByTestId("code").FillAsync(code);
            await Expect(page.GetByTestId("remember")).ToBeCheckedAsync();
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the sign-in fits 360 px");
            await session.ScreenshotAsync("mobile-sign-in");
            await page.GetByTestId("sign-in").TapAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/m$"));
            await Expect(page.GetByTestId("mobile-title")).ToContainTextAsync("张师傅");

            // Stays signed in on this device: a persistent cookie for 30 days, and the company is remembered.
            var cookies = await page.Context.CookiesAsync();
            var auth = cookies.Single(c => c.Name == ".CareLoop.Auth");
            Assert.True(DateTimeOffset.FromUnixTimeSeconds((long)auth.Expires) > TimeProvider.System.GetUtcNow().AddDays(29), "the session outlives the browser");
            Assert.Contains(cookies, c => c.Name == "careloop.m.tenant" && c.Value == "demo-brand");
        });
    }

    [Fact]
    public async Task The_phone_app_installs_shows_how_far_each_job_is_and_announces_a_new_assignment()
    {
        BrowserFixture.SkipWithoutChromium();
        var phone = PageSession.Phone;
        phone.ViewportSize = new ViewportSize { Width = 360, Height = 740 };
        phone.Permissions = ["geolocation"];
        phone.Geolocation = new Geolocation { Latitude = 31.30f, Longitude = 120.60f }; // in Suzhou, a few km from the demo customers
        await using var session = await PageSession.StartAsync(browser, phone);
        var first = await MobileJobsTests.AssignOrderToEngineerAsync(session.App);

        await session.RunAsync("mobile-app", async page =>
        {
            await page.GotoAsync("/m/login");
            await page.GetByTestId("tenant").FillAsync("demo-brand");
            await page.GetByTestId("mobile").FillAsync("13800000001");
            await page.GetByTestId("password").FillAsync(CareLoop.Tests.Infrastructure.TestEnvironment.DemoPassword);
            await page.GetByTestId("sign-in").TapAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/m$"));

            // Installable: a manifest in the user's language, and a service worker controlling /m.
            var manifest = await page.EvaluateAsync<System.Text.Json.JsonElement>(
                "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())");
            Assert.Equal("/m", manifest.GetProperty("start_url").GetString());
            Assert.Equal("CareLoop 工程师", manifest.GetProperty("name").GetString());
            Assert.True(await page.EvaluateAsync<bool>("navigator.serviceWorker.ready.then(r => !!r.active)"));

            // How far each job is from here.
            await Expect(page.GetByTestId("job-" + first).GetByTestId("job-distance")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+(\.\d)? k?m$"));

            // A job assigned while the list is open is announced (the page checks when it comes back to the foreground).
            var second = await MobileJobsTests.AssignOrderToEngineerAsync(session.App);
            await page.EvaluateAsync("document.dispatchEvent(new Event('visibilitychange'))");
            var toast = page.GetByTestId("new-job-toast");
            await Expect(toast).ToContainTextAsync(second);
            await session.ScreenshotAsync("mobile-new-job-toast");
            await toast.TapAsync();
            await Expect(page.GetByTestId("job-number")).ToHaveTextAsync(second);
        });
    }
}
