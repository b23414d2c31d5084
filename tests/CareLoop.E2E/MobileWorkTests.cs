using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>The work screen on the engineer's phone (issue 7, ADR 0022) at 360 × 740 with touch: fault, part, photo, barcode.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MobileWorkTests(BrowserFixture browser)
{
    /// <summary>Draws <c>text</c> as a QR code with ZXing's own writer and returns the PNG (what the camera would see).</summary>
    internal const string QrPng = """
        async (text) => {
            const ZXing = await window.careLoopWork.loadZxing();
            // Level M, as product labels are printed (at ZXing's default L one symbol for RVX2000000002 defeats its own detector).
            const hints = new Map([[ZXing.EncodeHintType.ERROR_CORRECTION, ZXing.QRCodeDecoderErrorCorrectionLevel.M]]);
            const matrix = new ZXing.QRCodeWriter().encode(text, ZXing.BarcodeFormat.QR_CODE, 320, 320, hints);
            const canvas = document.createElement('canvas');
            canvas.width = matrix.getWidth();
            canvas.height = matrix.getHeight();
            const g = canvas.getContext('2d');
            g.fillStyle = '#fff';
            g.fillRect(0, 0, canvas.width, canvas.height);
            g.fillStyle = '#000';
            for (let y = 0; y < canvas.height; y++) {
                for (let x = 0; x < canvas.width; x++) {
                    if (matrix.get(x, y)) { g.fillRect(x, y, 1, 1); }
                }
            }
            return canvas.toDataURL('image/png').split(',')[1];
        }
        """;

    /// <summary>A 3000 × 2000 camera-sized JPEG drawn in the page.</summary>
    internal const string CameraJpeg = """
        () => {
            const canvas = document.createElement('canvas');
            canvas.width = 3000;
            canvas.height = 2000;
            const g = canvas.getContext('2d');
            const gradient = g.createLinearGradient(0, 0, 3000, 2000);
            gradient.addColorStop(0, '#4a90d9');
            gradient.addColorStop(1, '#f5f5dc');
            g.fillStyle = gradient;
            g.fillRect(0, 0, 3000, 2000);
            return canvas.toDataURL('image/jpeg', 0.95).split(',')[1];
        }
        """;

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
    public async Task An_engineer_records_the_fault_a_part_a_photo_and_the_scanned_barcode_on_the_phone()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser, SmallPhone);
        var order = await AcceptedRepairAsync(session.App);
        var (symptom, component, cause) = await session.App.DbAsync("demo-brand", async db =>
        {
            var codes = await db.Set<CareLoop.Modules.Catalog.Domain.FaultCode>().Where(f => f.Code.StartsWith("S02")).ToListAsync();
            var category = await db.Set<CareLoop.Modules.Catalog.Domain.ProductCategory>().SingleAsync(c => c.Code == "water-purifier");
            var ours = codes.Where(f => f.CategoryId == category.Id).ToList();
            return (ours.Single(f => f.Code == "S02").Id, ours.Single(f => f.Code == "S02-C02").Id, ours.Single(f => f.Code == "S02-C02-R02").Id);
        });

        await session.RunAsync("mobile-work", async page =>
        {
            await page.GotoAsync("/login?ReturnUrl=%2Fm");
            await page.GetByTestId("tenant").FillAsync("demo-brand");
            await page.GetByTestId("username").FillAsync("engineer");
            await page.GetByTestId("password").FillAsync(TestEnvironment.DemoPassword);
            await page.GetByTestId("sign-in").TapAsync();
            await page.WaitForURLAsync(new Regex("/m$"));
            await page.GotoAsync($"/m/jobs/{order}/work");
            await Expect(page.GetByTestId("photo-count")).ToHaveTextAsync("0 / 1");

            // 1. Fault: each level offers only the children of the level above.
            await page.GetByTestId("fault-level-1").SelectOptionAsync(symptom.ToString());
            Assert.Equal(1, await page.Locator("[data-testid=fault-level-2] option[data-parent]:not([disabled])").CountAsync());
            await page.GetByTestId("fault-level-2").SelectOptionAsync(component.ToString());
            await page.GetByTestId("fault-level-3").SelectOptionAsync(cause.ToString());
            await page.GetByTestId("diagnosis-notes").FillAsync("快接头未插到位，重新插好后不再漏水");
            await page.GetByTestId("save-fault").TapAsync();
            await Expect(page.GetByTestId("work-done")).ToHaveTextAsync("诊断已保存");
            await Expect(page.GetByTestId("fault-current")).ToContainTextAsync("S02-C02-R02");

            // 2. A part from the BOM: under warranty it is covered, the customer pays nothing.
            await page.GetByTestId("part").SelectOptionAsync(new SelectOptionValue { Label = "增压泵 · ¥199.00" });
            await page.GetByTestId("add-part").TapAsync();
            await Expect(page.GetByTestId("work-done")).ToHaveTextAsync("配件已添加");
            await Expect(page.GetByTestId("charge-line")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("covered-total")).ToHaveTextAsync("¥199.00");
            await Expect(page.GetByTestId("customer-pays")).ToHaveTextAsync("¥0.00");

            // 3. A camera photo: downscaled on the phone, uploaded in the background with its progress, counted.
            var photo = Convert.FromBase64String(await page.EvaluateAsync<string>(CameraJpeg));
            await page.GetByTestId("photo-input").SetInputFilesAsync(new FilePayload { Name = "site.jpg", MimeType = "image/jpeg", Buffer = photo });
            await Expect(page.GetByTestId("photo-item")).ToHaveAttributeAsync("data-state", "done");
            await Expect(page.GetByTestId("photo-count")).ToHaveTextAsync("1 / 1");

            // Offline, the next photo waits in IndexedDB; back online it goes up by itself, once.
            await page.Context.SetOfflineAsync(true);
            await page.GetByTestId("photo-input").SetInputFilesAsync(new FilePayload { Name = "site-2.jpg", MimeType = "image/jpeg", Buffer = photo });
            await Expect(page.GetByTestId("photo-item").Nth(1)).ToHaveAttributeAsync("data-state", "queued");
            Assert.Equal(1, await page.EvaluateAsync<int>("window.careLoopWork.pending()"));
            await page.Context.SetOfflineAsync(false);
            await Expect(page.GetByTestId("photo-item").Nth(1)).ToHaveAttributeAsync("data-state", "done");
            await Expect(page.GetByTestId("photo-count")).ToHaveTextAsync("2 / 1");
            Assert.Equal(0, await page.EvaluateAsync<int>("window.careLoopWork.pending()"));

            // 4. The barcode read from a photo: another unit's serial is refused with both values, the right one accepted.
            var wrong = Convert.FromBase64String(await page.EvaluateAsync<string>(QrPng, "WP6999999999"));
            await page.GetByTestId("barcode-file").SetInputFilesAsync(new FilePayload { Name = "label.png", MimeType = "image/png", Buffer = wrong });
            await Expect(page.GetByTestId("barcode-error")).ToContainTextAsync("WP6999999999");
            await Expect(page.GetByTestId("barcode-error")).ToContainTextAsync("WP6000000001");
            var right = Convert.FromBase64String(await page.EvaluateAsync<string>(QrPng, "WP6000000001"));
            await page.GetByTestId("barcode-file").SetInputFilesAsync(new FilePayload { Name = "label.png", MimeType = "image/png", Buffer = right });
            await Expect(page.GetByTestId("work-done")).ToHaveTextAsync("条码已确认");
            await Expect(page.GetByTestId("barcode-accepted")).ToContainTextAsync("WP6000000001");
            await Expect(page.GetByTestId("photo-count")).ToHaveTextAsync("2 / 1");
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the work screen fits 360 px without sideways scrolling");
            await session.ScreenshotAsync("mobile-work");
        });

        using var agent = await session.App.ApiAsAsync("agent");
        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");
        Assert.Equal("WP6000000001", view.GetProperty("scannedBarcode").GetString());
        Assert.StartsWith("S02-C02-R02", view.GetProperty("faultCode").GetString());
        Assert.Equal(2, view.GetProperty("attachments").GetArrayLength());
    }

    [Fact]
    public async Task Without_javascript_a_photo_and_a_typed_in_barcode_are_plain_form_posts()
    {
        BrowserFixture.SkipWithoutChromium();
        var phone = SmallPhone;
        phone.JavaScriptEnabled = false;
        await using var session = await PageSession.StartAsync(browser, phone);
        var order = await AcceptedRepairAsync(session.App);
        var photo = EvidencePhoto();

        await session.RunAsync("mobile-work-nojs", async page =>
        {
            await page.GotoAsync("/login?ReturnUrl=%2Fm");
            await page.GetByTestId("tenant").FillAsync("demo-brand");
            await page.GetByTestId("username").FillAsync("engineer");
            await page.GetByTestId("password").FillAsync(TestEnvironment.DemoPassword);
            await page.GetByTestId("sign-in").TapAsync();
            await page.WaitForURLAsync(new Regex("/m$"));
            await page.GotoAsync($"/m/jobs/{order}/work");

            await page.GetByTestId("photo-input").SetInputFilesAsync(new FilePayload { Name = "site.png", MimeType = "image/png", Buffer = photo });
            await page.Locator("[data-photo-send]").TapAsync();
            await Expect(page.GetByTestId("work-done")).ToHaveTextAsync("照片已上传");
            await Expect(page.GetByTestId("photo-count")).ToHaveTextAsync("1 / 1");

            await page.GetByTestId("barcode-manual-open").TapAsync();
            await page.GetByTestId("barcode-value").FillAsync("WP6000000001");
            await page.GetByTestId("barcode-manual").CheckAsync();
            await page.GetByTestId("save-barcode").TapAsync();
            await Expect(page.GetByTestId("barcode-error")).ToBeVisibleAsync(); // typed in without a reason
            await page.GetByTestId("barcode-value").FillAsync("WP6000000001");
            await page.GetByTestId("barcode-manual").CheckAsync();
            await page.GetByTestId("barcode-reason").FillAsync("标签磨损无法扫描");
            await page.GetByTestId("save-barcode").TapAsync();
            await Expect(page.GetByTestId("barcode-accepted")).ToContainTextAsync("标签磨损无法扫描");
        });
    }

    /// <summary>A small PNG (the no-JS page posts the camera's file as it is; the server re-encodes it).</summary>
    private static byte[] EvidencePhoto() => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGNwaDiAFTEMLQkAYvNgAXSglMMAAAAASUVORK5CYII=");

    /// <summary>An on-site repair of 13912345601's water purifier (WP6000000001, under warranty), assigned to and accepted by <c>engineer</c>.</summary>
    private static async Task<Guid> AcceptedRepairAsync(CareLoopApp app)
    {
        using var agent = await app.ApiAsAsync("agent");
        var customer = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13912345601")).GetProperty("items")[0].GetProperty("id").GetString();
        var unit = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("units").EnumerateArray()
            .Single(u => u.GetProperty("serialNumber").GetString() == "WP6000000001").GetProperty("id").GetString();
        var created = await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", description = "净水器漏水，厨房地面有积水" });
        created.EnsureSuccessStatusCode();
        var order = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        (await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "assign", expectedVersion = 0, assigneeId = engineerId })).EnsureSuccessStatusCode();
        using var engineer = await app.ApiAsAsync("engineer");
        (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "accept", expectedVersion = 1 })).EnsureSuccessStatusCode();
        return order;
    }
}
