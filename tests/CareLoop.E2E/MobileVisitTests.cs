using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>
/// From accept to on site on the phone (issue 7, ADR 0021) at 360 × 740 with touch and geolocation granted at the
/// customer's door: accept, call and log the contact, book a window, check in near the address. Each step's screen is
/// saved for docs/screens (mobile-contact, mobile-book, mobile-checkin).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MobileVisitTests(BrowserFixture browser)
{
    private static BrowserNewContextOptions SmallPhoneAtTheDoor
    {
        get
        {
            var phone = PageSession.Phone;
            phone.ViewportSize = new ViewportSize { Width = 360, Height = 740 };
            phone.DeviceScaleFactor = 2;
            phone.Permissions = ["geolocation"];
            phone.Geolocation = new Geolocation { Latitude = 31.2562f, Longitude = 120.6303f, Accuracy = 20 }; // 王秀英's building, 吴中大道 1188 号
            return phone;
        }
    }

    [Fact]
    public async Task An_engineer_accepts_logs_the_call_books_the_visit_and_checks_in_near_the_address()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser, SmallPhoneAtTheDoor);
        var (id, number) = await AssignOrderToEngineerAsync(session.App);

        await session.RunAsync("mobile-visit", async page =>
        {
            await page.GotoAsync("/login?ReturnUrl=%2Fm");
            await page.GetByTestId("tenant").FillAsync("demo-brand");
            await page.GetByTestId("username").FillAsync("engineer");
            await page.GetByTestId("password").FillAsync(TestEnvironment.DemoPassword);
            await page.GetByTestId("sign-in").TapAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/m$"));
            await page.GetByTestId("job-" + number).TapAsync();
            await page.GetByTestId("accept").TapAsync();
            await Expect(page.GetByTestId("job-state")).ToHaveTextAsync("已接单");

            // Call, then log that the customer answered.
            await page.GetByTestId("call").TapAsync();
            await Expect(page.GetByTestId("call-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^tel:\+86139"));
            await page.GetByTestId("contact-note").FillAsync("约明天上午");
            await page.GetByTestId("contact-reached").TapAsync();
            await Expect(page.GetByTestId("job-done")).ToHaveTextAsync("已记录：联系上客户");
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the job page fits 360 px");
            await session.ScreenshotAsync("mobile-contact");

            // Book the first window offered (the tenant's working hours), the customer gets an SMS.
            var slot = page.GetByTestId("book-slot");
            await Expect(slot.Locator("option")).Not.ToHaveCountAsync(0);
            await slot.SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.GetByTestId("book").TapAsync();
            await Expect(page.GetByTestId("job-done")).ToHaveTextAsync("已预约，客户将收到短信");
            await Expect(page.GetByTestId("job-state")).ToHaveTextAsync("已预约");
            await Expect(page.GetByTestId("check-in-form")).ToBeVisibleAsync();
            await session.ScreenshotAsync("mobile-book");

            // At the door: the position arrives, check in; the job shows the distance and the way to work and sign-off.
            await Expect(page.GetByTestId("geo-status")).ToHaveTextAsync("已获取位置");
            await page.GetByTestId("check-in").TapAsync();
            await Expect(page.GetByTestId("job-done")).ToHaveTextAsync("已签到");
            await Expect(page.GetByTestId("check-in-flag")).ToHaveTextAsync("位置正常");
            await Expect(page.GetByTestId("job-work")).ToHaveAttributeAsync("href", $"/m/jobs/{id}/work");
            await Expect(page.GetByTestId("job-finish")).ToHaveAttributeAsync("href", $"/m/jobs/{id}/finish");
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the on-site page fits 360 px");
            await session.ScreenshotAsync("mobile-checkin");
        });

        // The office sees the check-in on the work-order page, with its flag.
        var staff = await session.SecondUserAsync("dispatcher");
        await staff.GotoAsync($"/work-orders/{id}");
        await Expect(staff.GetByTestId("check-in-panel").GetByTestId("check-in-flag")).ToHaveTextAsync("位置正常");
        await staff.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "staff-check-in-panel.png"), FullPage = true });

        using var dispatcher = await session.App.ApiAsAsync("dispatcher");
        var work = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{id}");
        var actions = work.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("action").GetString()).ToList();
        Assert.Equal(["create", "assign", "accept", "contact", "schedule", "checkIn"], actions);
        Assert.Equal("met", work.GetProperty("sla").EnumerateArray().Single(c => c.GetProperty("target").GetString() == "firstContact").GetProperty("status").GetString());
    }

    /// <summary>A repair for 13912345601's water purifier, assigned to <c>engineer</c>; returns its id and number.</summary>
    private static async Task<(Guid Id, string Number)> AssignOrderToEngineerAsync(CareLoopApp app)
    {
        using var agent = await app.ApiAsAsync("agent");
        var customer = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13912345601")).GetProperty("items")[0].GetProperty("id").GetString();
        var unit = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("units").EnumerateArray()
            .Single(u => u.GetProperty("serialNumber").GetString() == "WP6000000001").GetProperty("id").GetString();
        var created = await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", description = "净水器漏水，厨房地面有积水" });
        created.EnsureSuccessStatusCode();
        var order = await created.Content.ReadFromJsonAsync<JsonElement>();

        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var engineer = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        var assigned = await dispatcher.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{order.GetProperty("id").GetGuid()}/assignment",
            new { engineerId = engineer, expectedVersion = order.GetProperty("version").GetInt64() });
        assigned.EnsureSuccessStatusCode();
        return (order.GetProperty("id").GetGuid(), order.GetProperty("number").GetString()!);
    }
}
