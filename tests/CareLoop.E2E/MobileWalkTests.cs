using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>
/// One job walked on the engineer's phone from accept to complete (issue 7's "done when"), on each provider's backend:
/// 360 × 740, touch, geolocation granted at the customer's door. Accept is tapped in a dead spot and resent once when
/// the phone is back online; then call and log the contact, book, navigate, check in, record the fault, a part, a
/// photo and the scanned barcode, and finish with the customer's signature and a WeChat Pay QR. Each step's screen is
/// saved as <c>walk-NN-*.png</c> (copied to docs/screens).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MobileWalkTests(BrowserFixture browser)
{
    private const string Serial = "RVX2000000002";

    /// <summary>陈静's door, 前进中路 168 号 (the demo seed's coordinates for her address).</summary>
    private static BrowserNewContextOptions SmallPhoneAtTheDoor
    {
        get
        {
            var phone = PageSession.Phone;
            phone.ViewportSize = new ViewportSize { Width = 360, Height = 740 };
            phone.DeviceScaleFactor = 2;
            phone.Permissions = ["geolocation"];
            phone.Geolocation = new Geolocation { Latitude = 31.3851f, Longitude = 120.9802f, Accuracy = 15 };
            return phone;
        }
    }

    [Theory]
    [AllProviders]
    public async Task An_engineer_walks_a_chargeable_repair_from_accept_to_complete_on_the_phone(DatabaseKind database)
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser, SmallPhoneAtTheDoor, database: database);
        var (id, number) = await AssignedRepairAsync(session.App);
        var prefix = database == DatabaseKind.Sqlite ? "walk" : "walk-pg";

        await session.RunAsync(prefix, async page =>
        {
            async Task ShotAsync(string step)
            {
                Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), step + " fits 360 px without sideways scrolling");
                await session.ScreenshotAsync($"{prefix}-{step}");
            }

            // Sign in; the job is on today's list.
            await page.GotoAsync("/login?ReturnUrl=%2Fm");
            await page.GetByTestId("tenant").FillAsync("demo-brand");
            await page.GetByTestId("username").FillAsync("engineer");
            await page.GetByTestId("password").FillAsync(TestEnvironment.DemoPassword);
            await page.GetByTestId("sign-in").TapAsync();
            await page.WaitForURLAsync(new Regex("/m$"));
            await Expect(page.GetByTestId("job-" + number).GetByTestId("job-state")).ToHaveTextAsync("已派工");
            await ShotAsync("01-jobs");

            // Accept in a dead spot: kept on the phone, sent once when the signal is back.
            await page.GetByTestId("job-" + number).TapAsync();
            await Expect(page.GetByTestId("accept")).ToBeVisibleAsync();
            await page.Context.SetOfflineAsync(true);
            await page.GetByTestId("accept").TapAsync();
            await Expect(page.Locator("[data-outbox-status]")).ToContainTextAsync("1 个操作未发送");
            await ShotAsync("02-accept-offline");
            await page.Context.SetOfflineAsync(false);
            await Expect(page.GetByTestId("job-state")).ToHaveTextAsync("已接单");
            await page.WaitForFunctionAsync("() => window.careLoopOutbox && window.careLoopOutbox.pending() === 0");
            await ShotAsync("03-accepted");

            // Call the customer and log that she answered; book tomorrow's first window.
            await page.GetByTestId("call").TapAsync();
            await Expect(page.GetByTestId("call-link")).ToHaveAttributeAsync("href", new Regex(@"^tel:\+86137"));
            await page.GetByTestId("contact-note").FillAsync("客户明天上午在家");
            await page.GetByTestId("contact-reached").TapAsync();
            await Expect(page.GetByTestId("job-done")).ToHaveTextAsync("已记录：联系上客户");
            var slot = page.GetByTestId("book-slot");
            await Expect(slot.Locator("option")).Not.ToHaveCountAsync(0);
            await slot.SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.GetByTestId("book").TapAsync();
            await Expect(page.GetByTestId("job-state")).ToHaveTextAsync("已预约");
            await ShotAsync("04-booked");

            // Navigate: the address opens in the phone's map app.
            await Expect(page.GetByTestId("navigate")).ToHaveAttributeAsync("href", new Regex("前进中路|%E5%89%8D%E8%BF%9B%E4%B8%AD%E8%B7%AF|31\\.385"));

            // At the door: check in with the phone's position.
            await Expect(page.GetByTestId("geo-status")).ToHaveTextAsync("已获取位置");
            await page.GetByTestId("check-in").TapAsync();
            await Expect(page.GetByTestId("job-done")).ToHaveTextAsync("已签到");
            await Expect(page.GetByTestId("check-in-flag")).ToHaveTextAsync("位置正常");
            await ShotAsync("05-checked-in");

            // Work: fault on three levels, an out-of-warranty part, a photo, the barcode scanned from its label.
            await page.GetByTestId("job-work").TapAsync();
            await page.WaitForURLAsync(new Regex("/work$"));
            await page.GetByTestId("fault-level-1").SelectOptionAsync(new SelectOptionValue { Label = "S01 无法回充" });
            await page.GetByTestId("fault-level-2").SelectOptionAsync(new SelectOptionValue { Label = "S01-C01 充电座" });
            await page.GetByTestId("fault-level-3").SelectOptionAsync(new SelectOptionValue { Label = "S01-C01-R01 充电触点氧化" });
            await page.GetByTestId("diagnosis-notes").FillAsync("充电触点氧化，打磨后回充正常；边刷磨损更换");
            await page.GetByTestId("save-fault").TapAsync();
            await Expect(page.GetByTestId("work-done")).ToHaveTextAsync("诊断已保存");
            await page.GetByTestId("part").SelectOptionAsync(new SelectOptionValue { Label = "边刷 · ¥19.00" });
            await page.GetByTestId("add-part").TapAsync();
            await Expect(page.GetByTestId("work-done")).ToHaveTextAsync("配件已添加");
            await Expect(page.GetByTestId("customer-pays")).ToHaveTextAsync("¥19.00");

            var photo = Convert.FromBase64String(await page.EvaluateAsync<string>(MobileWorkTests.CameraJpeg));
            await page.GetByTestId("photo-input").SetInputFilesAsync(new FilePayload { Name = "site.jpg", MimeType = "image/jpeg", Buffer = photo });
            await Expect(page.GetByTestId("photo-item")).ToHaveAttributeAsync("data-state", "done");
            await Expect(page.GetByTestId("photo-count")).ToHaveTextAsync("1 / 1");
            var label = Convert.FromBase64String(await page.EvaluateAsync<string>(MobileWorkTests.QrPng, Serial));
            await page.GetByTestId("barcode-file").SetInputFilesAsync(new FilePayload { Name = "label.png", MimeType = "image/png", Buffer = label });
            await Expect(page.GetByTestId("barcode-accepted")).ToContainTextAsync(Serial);
            await ShotAsync("06-work");
        });

        // The customer agrees to pay for the side brush; the agent records the approval of the quote.
        using (var agent = await session.App.ApiAsAsync("agent"))
        {
            (await agent.PostAsync($"/api/v1/work-orders/{id}/charges/approval", null)).EnsureSuccessStatusCode();
        }

        await session.RunAsync(prefix + "-finish", async page =>
        {
            // Sign-off: the checklist names what is missing, the customer signs with a finger.
            await page.GotoAsync($"/m/jobs/{id}/finish");
            await Expect(page.GetByTestId("evidence-photos")).ToHaveAttributeAsync("data-present", "true");
            await Expect(page.GetByTestId("evidence-scanned-barcode")).ToContainTextAsync(Serial); // scanned on the work screen, not asked again
            await Expect(page.GetByTestId("complete-barcode")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("evidence-signature")).ToHaveAttributeAsync("data-present", "false");
            await Expect(page.GetByTestId("pay-due")).ToContainTextAsync("¥19.00");
            await Expect(page.GetByTestId("complete")).ToBeDisabledAsync();
            var pad = page.GetByTestId("signature-pad");
            await pad.ScrollIntoViewIfNeededAsync();
            var box = (await pad.BoundingBoxAsync())!;
            await MobileFinishTests.StrokeAsync(page, box, [(0.1f, 0.6f), (0.3f, 0.3f), (0.5f, 0.7f), (0.8f, 0.35f)]);
            await page.GetByTestId("signature-save").TapAsync();
            await Expect(page.GetByTestId("signed")).ToBeVisibleAsync();
            await session.ScreenshotAsync(prefix + "-07-signed");

            // Payment: the QR, paid by the customer (the simulator sends WeChat's signed notification).
            await page.GetByTestId("pay-qr-show").TapAsync();
            await Expect(page.GetByTestId("pay-qr").Locator("svg")).ToBeVisibleAsync();
            await session.ScreenshotAsync(prefix + "-08-pay-qr");
            var simulator = await page.GetByTestId("pay-simulate").GetAttributeAsync("href");
            var wechat = await page.Context.NewPageAsync();
            await wechat.GotoAsync(simulator!);
            await Expect(wechat.GetByTestId("dev-pay-amount")).ToHaveTextAsync("¥19.00");
            await wechat.GetByTestId("dev-pay").ClickAsync();
            await Expect(wechat.GetByTestId("dev-pay-answer")).ToContainTextAsync("204");
            await wechat.CloseAsync();

            // Complete.
            await Expect(page.GetByTestId("pay-done")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Expect(page.GetByTestId("missing-none")).ToBeVisibleAsync();
            await page.GetByTestId("complete").TapAsync();
            await Expect(page.GetByTestId("finish-state")).ToHaveTextAsync("已完工");
            await session.ScreenshotAsync(prefix + "-09-complete");
        });

        // The office sees one job, each step once, evidence attached and paid.
        using var dispatcher = await session.App.ApiAsAsync("dispatcher");
        var work = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{id}");
        var actions = work.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("action").GetString()).ToList();
        Assert.Equal(1, actions.Count(a => a == "accept"));
        Assert.Equal(1, actions.Count(a => a == "checkIn"));
        Assert.Equal("completed", work.GetProperty("state").GetString());
        Assert.Equal(Serial, work.GetProperty("scannedBarcode").GetString());
        Assert.StartsWith("S01-C01-R01", work.GetProperty("faultCode").GetString());
        Assert.Equal(["photo", "signature"], work.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).Order());
    }

    /// <summary>
    /// An out-of-warranty repair of 陈静's robot vacuum (RVX2000000002) assigned to <c>engineer</c>; the tenant asks
    /// for one photo, the scanned barcode and the customer's signature on repairs.
    /// </summary>
    private static async Task<(Guid Id, string Number)> AssignedRepairAsync(CareLoopApp app)
    {
        using var admin = await app.ApiAsAsync("admin");
        (await admin.PutAsJsonAsync("/api/v1/settings/completion", new object[]
        {
            new { kind = "onSiteRepair", minPhotos = 1, requiresBarcode = true, requiresSignature = true, requiresCustomerCode = false },
        })).EnsureSuccessStatusCode();
        using var agent = await app.ApiAsAsync("agent");
        var customer = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13712345604")).GetProperty("items")[0].GetProperty("id").GetString();
        var unit = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("units").EnumerateArray()
            .Single(u => u.GetProperty("serialNumber").GetString() == Serial).GetProperty("id").GetString();
        var created = await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", description = "扫地机不回充，边刷掉毛" });
        created.EnsureSuccessStatusCode();
        var order = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var engineer = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        (await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/{order.GetProperty("id").GetGuid()}/transitions",
            new { action = "assign", expectedVersion = order.GetProperty("version").GetInt64(), assigneeId = engineer })).EnsureSuccessStatusCode();
        return (order.GetProperty("id").GetGuid(), order.GetProperty("number").GetString()!);
    }
}
