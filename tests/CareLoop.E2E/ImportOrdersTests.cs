using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class ImportOrdersTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_imports_a_shop_export_on_the_integrations_page_and_sees_the_counters_and_the_work_orders()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);
        var paidAt = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow().AddHours(-5), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))
            .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        // A Tmall export: one order of two lines, one order on its own, and one whose model is not in the catalog.
        var csv = string.Join('\n',
            "订单编号,收货人姓名,联系手机,收货地址,商家编码,购买数量,付款时间,买家留言",
            $"TM-E2E-1,陈静,13600008811,江苏省 苏州市 姑苏区 观前街 1 号,WP-RO600,1,{paidAt},周末在家",
            $"TM-E2E-1,陈静,13600008811,江苏省 苏州市 姑苏区 观前街 1 号,RV-X20,1,{paidAt},",
            $"TM-E2E-2,王芳,13600008812,江苏省 苏州市 虎丘区 狮山路 8 号,RV-X20,1,{paidAt},",
            $"TM-E2E-3,李强,13600008813,江苏省 苏州市 吴中区 东吴北路 9 号,WP-NEW900,1,{paidAt},") + "\n";

        await session.RunAsync("order-import", async page =>
        {
            await session.SignInAsync("admin");
            await page.GetByTestId("nav-Integrations").ClickAsync();
            await session.WaitInteractiveAsync();
            await page.GetByTestId("tab-import").ClickAsync();
            await Expect(page.GetByTestId("order-imports-table")).ToContainTextAsync("还没有导入过订单表");
            await Expect(page.GetByTestId("order-import-key")).ToContainTextAsync("demo-shop");

            await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "天猫订单导出.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
            });
            await Expect(page.GetByTestId("order-import-progress")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("order-import-status")).ToHaveTextAsync("已完成", new() { Timeout = 30_000 });
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("order-import-error-report").ClickAsync());
            var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".xlsx");
            await download.SaveAsAsync(path);
            var reasons = MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => $"{r["行号"]}:{r["列"]}:{r["原因"]}").ToList();
            File.Delete(path);
            Assert.Equal(["5:商家编码:型号 WP-NEW900 不存在。"], reasons);
            await Expect(page.GetByTestId("order-import-counts")).ToHaveTextAsync("已处理 4 / 4 行：受理订单 2，已收到 0，拒绝 1，新建工单 3");
            await Expect(page.GetByTestId("order-import-current")).ToContainTextAsync("天猫/淘宝");
            await Expect(page.GetByTestId("order-import-error-report")).ToContainTextAsync("拒绝 1 个订单");
            await Expect(page.GetByTestId("order-imports-table").Locator("tbody tr.order-import")).ToHaveCountAsync(1);
            await session.ScreenshotAsync("order-import-done");

            // The orders arrived like pushed ones, with their work orders.
            await page.GetByTestId("tab-received").ClickAsync();
            var first = page.GetByTestId("received-orders-table").Locator("tbody tr.received-order", new() { HasText = "TM-E2E-1" });
            await Expect(first.GetByTestId("received-order-work-orders").Locator("a")).ToHaveCountAsync(2);
            await Expect(first.GetByTestId("received-order-work-orders").Locator("a").First).ToHaveAttributeAsync("href", new Regex("^/work-orders/"));
            await Expect(page.GetByTestId("received-orders-table").Locator("tbody tr.received-order", new() { HasText = "TM-E2E-2" })).ToHaveCountAsync(1);
            await session.ScreenshotAsync("order-import-received");

            // The same file again changes nothing.
            await page.GetByTestId("tab-import").ClickAsync();
            await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "天猫订单导出.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
            });
            await Expect(page.GetByTestId("order-import-counts")).ToHaveTextAsync("已处理 4 / 4 行：受理订单 0，已收到 2，拒绝 1，新建工单 0", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("order-imports-table").Locator("tbody tr.order-import")).ToHaveCountAsync(2);
            await session.ScreenshotAsync("order-import-again");
        });
    }
}
