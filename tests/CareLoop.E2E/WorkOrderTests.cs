using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class WorkOrderTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_agent_opens_a_work_order_from_the_customer_360_and_sees_the_dispatcher_assign_it_live()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("work-order-live", async page =>
        {
            await session.SignInAsync("agent");
            await page.GetByTestId("nav-Customers").ClickAsync();
            await page.GetByTestId("customer-search").FillAsync("13812345678");
            await page.GetByTestId("customer-search").PressAsync("Enter");
            await Expect(page.GetByTestId("customers-table").Locator("tbody tr")).ToHaveCountAsync(1);
            await page.GetByTestId("customers-table").Locator("tbody tr").First.ClickAsync();
            await Expect(page.GetByTestId("customer-title")).ToBeVisibleAsync();
            await page.GetByTestId("unit-RVX2000000001").GetByTestId("unit-new-work-order").ClickAsync();
            await session.WaitInteractiveAsync();
            await Expect(page.GetByTestId("new-customer")).ToHaveTextAsync("张伟");
            await page.GetByTestId("new-description").FillAsync("扫地机不回充，充电座指示灯不亮");
            await page.GetByTestId("new-create").ClickAsync();

            await Expect(page.GetByTestId("work-order-current-state")).ToHaveTextAsync("待派工");
            var url = page.Url;

            var dispatcher = await session.SecondUserAsync("dispatcher");
            await dispatcher.GotoAsync(url);
            await PageSession.WaitInteractiveAsync(dispatcher);
            await dispatcher.GetByTestId("action-assign").ClickAsync();
            await dispatcher.GetByTestId("action-engineer").ClickAsync();
            await dispatcher.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "工程师 张师傅" }).ClickAsync();
            await dispatcher.GetByTestId("action-confirm").ClickAsync();
            await Expect(dispatcher.GetByTestId("work-order-current-state")).ToHaveTextAsync("已派工");

            // The agent's page was not reloaded: the change arrives live.
            await Expect(page.GetByTestId("work-order-current-state")).ToHaveTextAsync("已派工");
            await Expect(page.GetByTestId("work-order-engineer")).ToHaveTextAsync("工程师 张师傅");
            await Expect(page.GetByTestId("work-order-timeline")).ToContainTextAsync("派工");
            await session.ScreenshotAsync("work-order-live");

            await page.GetByTestId("nav-WorkOrders").ClickAsync();
            await Expect(page.GetByTestId("work-orders-table").Locator("tbody tr")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("work-orders-table")).ToContainTextAsync("张伟");
            await session.ScreenshotAsync("work-orders-list");
        });
    }
}
