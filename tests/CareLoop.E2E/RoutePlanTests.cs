using CareLoop.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>
/// Day-route planning on the demo route day (<c>Demo:RouteDay</c>): 苏州姑苏服务站 with three engineers and twelve jobs
/// tomorrow, one without coordinates and one too late for any shift.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoutePlanTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_dispatcher_computes_a_plan_sees_map_and_timeline_accepts_and_the_order_shows_engineer_and_eta()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } },
            new Dictionary<string, string?> { ["Demo:RouteDay"] = "true", ["Dispatch:RoutePlanSeconds"] = "1" });

        await session.RunAsync("route-plan", async page =>
        {
            await session.SignInAsync("dispatcher");
            await page.GetByTestId("nav-Dispatch").ClickAsync();
            await session.WaitInteractiveAsync();
            await page.GetByTestId("board-route-plans").ClickAsync();
            await session.WaitInteractiveAsync();
            await Expect(page.GetByTestId("plan-station")).ToContainTextAsync("苏州姑苏服务站");
            await Expect(page.GetByTestId("plan-empty")).ToBeVisibleAsync();

            await page.GetByTestId("plan-compute").ClickAsync();
            await Expect(page.GetByTestId("plan-map")).ToHaveAttributeAsync("data-rendered", "true");
            await Expect(page.GetByTestId("gantt-row")).ToHaveCountAsync(3);
            await Expect(page.Locator(".c-route-line")).Not.ToHaveCountAsync(0);
            await Expect(page.Locator(".c-stop").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("待采纳");
            var reasons = page.GetByTestId("plan-reason");
            await Expect(reasons.Filter(new() { HasText = "地址没有坐标" })).ToHaveCountAsync(1);
            await Expect(reasons.Filter(new() { HasText = "不在任何工程师的班次内" })).ToHaveCountAsync(1);
            await session.ScreenshotAsync("route-plan-proposed");

            await page.GetByTestId("plan-accept").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("方案已采纳");
            await Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("已采纳");
            await session.ScreenshotAsync("route-plan-accepted");

            var first = page.GetByTestId("plan-job").First;
            var eta = (await first.GetByTestId("plan-job-eta").InnerTextAsync()).Trim();
            var engineer = (await first.Locator("td").Nth(6).InnerTextAsync()).Trim();
            await first.Locator("a").First.ClickAsync();
            await session.WaitInteractiveAsync();
            await Expect(page.GetByTestId("work-order-engineer")).ToContainTextAsync(engineer);
            await Expect(page.GetByTestId("work-order-eta")).ToContainTextAsync(eta);
            await session.ScreenshotAsync("route-plan-work-order");
        });
    }
}
