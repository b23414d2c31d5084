using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>
/// Finishing a job on the phone (issue 7) at 360 × 740 with touch: the customer signs on the screen, pays ¥89.00 by
/// scanning the WeChat Pay QR (the Development simulator plays WeChat and sends the signed notification), and the
/// engineer completes the job.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MobileFinishTests(BrowserFixture browser)
{
    private static BrowserNewContextOptions SmallPhone
    {
        get
        {
            var phone = PageSession.Phone;
            phone.ViewportSize = new ViewportSize { Width = 360, Height = 740 };
            phone.DeviceScaleFactor = 2;
            return phone;
        }
    }

    [Fact]
    public async Task The_customer_signs_on_the_phone_pays_by_QR_and_the_engineer_completes_the_job()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser, SmallPhone);
        var order = await ChargeableJobOnSiteAsync(session.App);

        await session.RunAsync("mobile-finish", async page =>
        {
            await page.GotoAsync("/login?ReturnUrl=" + Uri.EscapeDataString($"/m/jobs/{order}/finish"));
            await page.GetByTestId("tenant").FillAsync("demo-brand");
            await page.GetByTestId("username").FillAsync("engineer");
            await page.GetByTestId("password").FillAsync(TestEnvironment.DemoPassword);
            await page.GetByTestId("sign-in").TapAsync();
            await page.WaitForURLAsync(new Regex("/finish$"));

            await Expect(page.GetByTestId("evidence-signature")).ToHaveAttributeAsync("data-present", "false");
            await Expect(page.GetByTestId("evidence-payment")).ToHaveAttributeAsync("data-present", "false");
            await Expect(page.GetByTestId("missing")).ToContainTextAsync("客户签名");
            await Expect(page.GetByTestId("pay-due")).ToContainTextAsync("¥89.00");
            await Expect(page.GetByTestId("complete")).ToBeDisabledAsync();

            // The customer signs with a finger: a tap and two strokes across the pad.
            var pad = page.GetByTestId("signature-pad");
            await pad.ScrollIntoViewIfNeededAsync();
            await Expect(page.GetByTestId("signature-save")).ToBeDisabledAsync(); // nothing drawn yet
            var box = (await pad.BoundingBoxAsync())!;
            await page.Touchscreen.TapAsync(box.X + 30, box.Y + 30);
            await StrokeAsync(page, box, [(0.1f, 0.7f), (0.25f, 0.3f), (0.4f, 0.75f), (0.55f, 0.35f), (0.7f, 0.7f)]);
            await StrokeAsync(page, box, [(0.15f, 0.5f), (0.85f, 0.45f)]);
            await Expect(page.GetByTestId("signature-save")).ToBeEnabledAsync();
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the finish page fits 360 px");
            await session.ScreenshotAsync("mobile-signoff");
            await page.GetByTestId("signature-save").TapAsync();
            await Expect(page.GetByTestId("signed")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("evidence-signature")).ToHaveAttributeAsync("data-present", "true");

            // Payment by QR: the customer scans it (here: the Development simulator pays in WeChat's place).
            await page.GetByTestId("pay-qr-show").TapAsync();
            await Expect(page.GetByTestId("pay-qr").Locator("svg")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("complete")).ToBeDisabledAsync();
            await session.ScreenshotAsync("mobile-pay");
            var simulator = await page.GetByTestId("pay-simulate").GetAttributeAsync("href");
            var wechat = await page.Context.NewPageAsync();
            await wechat.GotoAsync(simulator!);
            await Expect(wechat.GetByTestId("dev-pay-amount")).ToHaveTextAsync("¥89.00");
            await wechat.GetByTestId("dev-pay").ClickAsync();
            await Expect(wechat.GetByTestId("dev-pay-answer")).ToContainTextAsync("204");
            await wechat.CloseAsync();

            // The phone refreshes itself while the QR waits, and sees the payment.
            await Expect(page.GetByTestId("pay-done")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Expect(page.GetByTestId("missing-none")).ToBeVisibleAsync();
            await page.GetByTestId("complete").TapAsync();
            await Expect(page.GetByTestId("finish-done")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("finish-state")).ToHaveTextAsync("已完工");
            await session.ScreenshotAsync("mobile-complete");
        });
    }

    internal static async Task StrokeAsync(IPage page, LocatorBoundingBoxResult box, (float X, float Y)[] points)
    {
        await page.Mouse.MoveAsync(box.X + box.Width * points[0].X, box.Y + box.Height * points[0].Y);
        await page.Mouse.DownAsync();
        foreach (var (x, y) in points.Skip(1))
        {
            await page.Mouse.MoveAsync(box.X + box.Width * x, box.Y + box.Height * y, new() { Steps = 8 });
        }

        await page.Mouse.UpAsync();
    }

    /// <summary>
    /// An out-of-warranty repair of RVX2000000002 assigned to the engineer, on site, with a ¥89.00 part the customer
    /// approved; the tenant's policy for repairs asks for the customer's signature only.
    /// </summary>
    private static async Task<Guid> ChargeableJobOnSiteAsync(CareLoopApp app)
    {
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        (await admin.PutAsJsonAsync("/api/v1/settings/completion", new object[]
        {
            new { kind = "onSiteRepair", minPhotos = 0, requiresBarcode = false, requiresSignature = true, requiresCustomerCode = false },
        })).EnsureSuccessStatusCode();
        var customer = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13712345604")).GetProperty("items")[0].GetProperty("id").GetString();
        var unit = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("units").EnumerateArray()
            .Single(u => u.GetProperty("serialNumber").GetString() == "RVX2000000002").GetProperty("id").GetString();
        var created = await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", description = "扫地机不回充" });
        created.EnsureSuccessStatusCode();
        var order = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), zone).Date).AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        foreach (var (client, body) in new (HttpClient, object)[]
                 {
                     (dispatcher, new { action = "assign", expectedVersion = 0, assigneeId = engineerId }),
                     (engineer, new { action = "accept", expectedVersion = 1 }),
                     (engineer, new { action = "schedule", expectedVersion = 2, window = new { start, end = start.AddHours(2) } }),
                     (engineer, new { action = "checkIn", expectedVersion = 3 }),
                 })
        {
            (await client.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", body)).EnsureSuccessStatusCode();
        }

        (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/charges", new { kind = "part", description = "主刷", quantity = 1, unitPriceFen = 8900 })).EnsureSuccessStatusCode();
        (await agent.PostAsync($"/api/v1/work-orders/{order}/charges/approval", null)).EnsureSuccessStatusCode();
        return order;
    }
}
