using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class WorkOrderListTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_dispatcher_filters_the_list_by_sla_risk_and_area_saves_the_view_and_applies_it_after_a_reload()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);
        await SeedAsync(session.App);

        await session.RunAsync("work-order-list-views", async page =>
        {
            await session.SignInAsync("dispatcher");
            await page.GotoAsync("/work-orders");
            await session.WaitInteractiveAsync();
            var rows = page.GetByTestId("work-orders-table").Locator("tbody tr");
            await Expect(rows).ToHaveCountAsync(4);

            await Choose(page, "filter-sla", "即将超时");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sla=atRisk"));
            await Expect(rows).ToHaveCountAsync(2);
            await Choose(page, "filter-province", "广东省");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"sla=atRisk&region=44$"));
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First.GetByTestId("sla-badge")).ToHaveTextAsync("即将超时");
            await Expect(rows.First.GetByTestId("row-area")).ToHaveTextAsync("深圳市 南山区");
            await session.ScreenshotAsync("work-order-list-filtered");

            await page.GetByTestId("saved-views-menu").ClickAsync();
            await page.GetByTestId("saved-views-save").ClickAsync();
            await page.GetByTestId("saved-view-name").FillAsync("广东 · 即将超时");
            await page.GetByTestId("saved-view-shared").ClickAsync();
            await page.GetByTestId("saved-view-confirm").ClickAsync();
            await Expect(page.GetByText("视图“广东 · 即将超时”已保存")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("saved-views-menu")).ToContainTextAsync("广东 · 即将超时");

            // Back walks through the filter changes; a fresh page load starts from the default view.
            await page.GoBackAsync();
            await Expect(rows).ToHaveCountAsync(2);
            await page.GotoAsync("/work-orders");
            await session.WaitInteractiveAsync();
            await Expect(rows).ToHaveCountAsync(4);

            await page.GetByTestId("saved-views-menu").ClickAsync();
            var view = page.Locator("[data-testid=saved-view][data-name='广东 · 即将超时']");
            await Expect(view.GetByTestId("saved-view-delete")).ToBeVisibleAsync();
            await session.ScreenshotAsync("work-order-list-views-menu");
            await view.ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/work-orders\?sla=atRisk&region=44$"));
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First).ToContainTextAsync("深圳市 南山区");
            await session.ScreenshotAsync("work-order-list-saved-view");
        });
    }

    private static async Task Choose(IPage page, string select, string option)
    {
        await page.GetByTestId(select).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>Four open orders: at risk in Shenzhen and in Suzhou, breached in Beijing, on track in Guangzhou.</summary>
    private static Task<int> SeedAsync(CareLoopApp app) =>
        app.DbAsync("demo-brand", async db =>
        {
            var now = TimeProvider.System.GetUtcNow();
            var tenantId = await db.Tenants.Where(t => t.Slug == "demo-brand").Select(t => t.Id).SingleAsync();
            var customers = await db.Set<CareLoop.Modules.Customers.Domain.Customer>().OrderBy(c => c.Name).Select(c => c.Id).Take(4).ToListAsync();
            var actor = new WorkOrderActor(null, "system", new HashSet<string>());
            (string Number, string Region, TimeSpan Warn, TimeSpan Due)[] orders =
            [
                ("WO261124E2E01", "440305", TimeSpan.FromHours(-1), TimeSpan.FromHours(3)),
                ("WO261124E2E02", "320505", TimeSpan.FromHours(-2), TimeSpan.FromHours(1)),
                ("WO261124E2E03", "110105", TimeSpan.FromHours(-5), TimeSpan.FromHours(-1)),
                ("WO261124E2E04", "440106", TimeSpan.FromHours(5), TimeSpan.FromHours(8)),
            ];
            for (var i = 0; i < orders.Length; i++)
            {
                var (number, region, warn, due) = orders[i];
                var order = WorkOrder.Create(tenantId, number, WorkOrderKind.OnSiteRepair, WorkOrderPriority.Normal, customers[i % customers.Count], null, region,
                    "E2E", actor, now.AddMinutes(-10 - i));
                order.TrackSla(now + warn, now + due, null);
                db.Add(order);
            }

            return await db.SaveChangesAsync();
        });
}
