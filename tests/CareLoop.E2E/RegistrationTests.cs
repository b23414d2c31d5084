using System.Text.RegularExpressions;
using CareLoop.Modules.Customers.Features.SelfRegister;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class RegistrationTests(BrowserFixture browser)
{
    private static readonly byte[] InvoicePhoto = [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[8192]];

    [Fact]
    public async Task A_customer_registers_a_unit_on_a_phone_from_the_QR_code_with_an_SMS_code_and_an_invoice_photo()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser, PageSession.Phone);
        var links = session.App.Services.GetRequiredService<RegistrationLinks>();
        var qr = RegistrationLinks.PathFor("demo-brand", "WP-RO600", "WP6000001234", links.Sign("demo-brand", "WP-RO600", "WP6000001234"));

        await session.RunAsync("registration", async page =>
        {
            await page.GotoAsync(qr);
            await Expect(page.GetByTestId("qr-product")).ToContainTextAsync("WP6000001234");
            await page.GetByTestId("name").FillAsync("孙小美");
            await page.GetByTestId("phone").FillAsync("13955556666");
            await page.GetByTestId("send-code").ClickAsync();
            await Expect(page.GetByTestId("code-sent")).ToContainTextAsync("139****6666");

            // The Development SMS outbox shows what the gateway would have delivered.
            var outbox = await page.Context.NewPageAsync();
            await outbox.GotoAsync("/dev/sms");
            var code = await outbox.GetByTestId("sms-code").First.InnerTextAsync();
            await outbox.CloseAsync();

            await page.GetByTestId("code").FillAsync(code);
            await page.GetByTestId("purchase-date").FillAsync("2026-11-01");
            await page.GetByTestId("channel").SelectOptionAsync("JD");
            await page.GetByTestId("invoice").SetInputFilesAsync(new FilePayload { Name = "发票.jpg", MimeType = "image/jpeg", Buffer = InvoicePhoto });
            await session.ScreenshotAsync("registration-form-phone");
            await page.GetByTestId("submit").ClickAsync();

            await Expect(page.GetByTestId("registered")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("registered-serial")).ToHaveTextAsync("WP6000001234");
            await Expect(page.GetByTestId("cover-main-unit")).ToContainTextAsync(new Regex(@"保修至 2027-10-31，剩余 \d+ 天"));
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"The page is {width}px wide on a 390px phone.");
            await session.ScreenshotAsync("registration-done-phone");
        });
    }

    [Fact]
    public async Task A_tampered_QR_code_is_refused_and_a_typed_serial_is_checked_field_by_field()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser, PageSession.Phone);
        var links = session.App.Services.GetRequiredService<RegistrationLinks>();
        var signature = links.Sign("demo-brand", "WP-RO600", "WP6000001234");

        await session.RunAsync("registration-invalid", async page =>
        {
            await page.GotoAsync(RegistrationLinks.PathFor("demo-brand", "WP-RO600", "WP6000009999", signature));
            await Expect(page.GetByTestId("error-qr")).ToContainTextAsync("二维码无效");
            await Expect(page.GetByTestId("qr-product")).ToHaveCountAsync(0);

            await page.GetByTestId("sku").SelectOptionAsync("WP-RO600");
            await page.GetByTestId("serial").FillAsync("123");
            await page.GetByTestId("phone").FillAsync("12345");
            await page.GetByTestId("purchase-date").FillAsync("2099-01-01");
            await page.GetByTestId("submit").ClickAsync();

            await Expect(page.GetByTestId("error-serialNumber")).ToContainTextAsync("WP-RO600");
            await Expect(page.GetByTestId("error-phone")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("error-purchaseDate")).ToContainTextAsync("不能晚于今天");
            await Expect(page.GetByTestId("error-invoice")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("serial")).ToHaveValueAsync("123");
            await session.ScreenshotAsync("registration-errors-phone");
        });
    }
}
