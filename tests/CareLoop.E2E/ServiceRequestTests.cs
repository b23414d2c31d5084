using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class ServiceRequestTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_agent_takes_a_call_from_the_customer_360_and_turns_it_into_a_video_guidance_work_order()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("service-request", async page =>
        {
            await session.SignInAsync("agent");
            await page.GetByTestId("nav-Customers").ClickAsync();
            await page.GetByTestId("customer-search").FillAsync("13912345601");
            await page.GetByTestId("customer-search").PressAsync("Enter");
            await Expect(page.GetByTestId("customers-table").Locator("tbody tr")).ToHaveCountAsync(1);
            await page.GetByTestId("customers-table").Locator("tbody tr").First.ClickAsync();
            await page.GetByTestId("customer-new-request").ClickAsync();
            await session.WaitInteractiveAsync();
            await Expect(page.GetByTestId("new-customer")).ToContainTextAsync("王秀英");
            await page.GetByTestId("new-description").FillAsync("净水器出水慢，想请人远程指导更换滤芯");
            await page.GetByTestId("new-create").ClickAsync();

            await Expect(page.GetByTestId("service-request-description")).ToContainTextAsync("出水慢");
            await page.GetByTestId("action-createWorkOrder").ClickAsync();
            await page.GetByTestId("action-kind").ClickAsync();
            await page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "视频指导" }).ClickAsync();
            await page.GetByTestId("action-confirm").ClickAsync();
            await Expect(page.GetByTestId("service-request-work-order")).ToHaveCountAsync(1);
            await session.ScreenshotAsync("service-request");

            await page.GetByTestId("service-request-work-order").ClickAsync();
            await Expect(page.GetByTestId("work-order-current-state")).ToHaveTextAsync("待派工");
        });
    }
}
