using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class CustomersTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_agent_finds_a_customer_by_phone_and_reveals_the_number()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("customer-find-reveal", async page =>
        {
            await session.SignInAsync("agent");
            await page.GetByTestId("nav-Customers").ClickAsync();
            await page.GetByTestId("customer-search").FillAsync("138 1234 5678");
            await page.GetByTestId("customer-search").PressAsync("Enter");
            await Expect(page.GetByTestId("customers-table").Locator("tbody tr")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("customers-table")).ToContainTextAsync("138****5678");

            await page.GetByTestId("customers-table").GetByText("张伟").ClickAsync();
            await Expect(page.GetByTestId("customer-title")).ToHaveTextAsync("张伟");
            await Expect(page.GetByTestId("phone-value")).ToHaveTextAsync("138****5678");
            await page.GetByTestId("phone-reveal").ClickAsync();
            await Expect(page.GetByTestId("phone-value")).ToHaveTextAsync("13812345678");
            await session.ScreenshotAsync("customer-revealed");
        });
    }

    [Fact]
    public async Task An_agent_creating_a_customer_with_a_bad_phone_sees_the_field_error()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("customer-create", async page =>
        {
            await session.SignInAsync("agent");
            await page.GetByTestId("nav-Customers").ClickAsync();
            await page.GetByTestId("customer-new").ClickAsync();
            await page.GetByTestId("customer-name").FillAsync("孙悦");
            await page.GetByTestId("customer-phone").FillAsync("12345");
            await page.GetByTestId("customer-region").FillAsync("320508");
            await page.GetByTestId("customer-detail").FillAsync("十全街 100 号");
            await page.GetByTestId("customer-save").ClickAsync();
            await Expect(page.GetByTestId("customer-errors")).ToContainTextAsync("不是有效的手机号码");

            await page.GetByTestId("customer-phone").FillAsync("13955556666");
            await page.GetByTestId("customer-save").ClickAsync();
            await Expect(page.GetByTestId("customer-title")).ToHaveTextAsync("孙悦");
            await Expect(page.GetByTestId("phone-value")).ToHaveTextAsync("139****6666");
        });
    }
}
