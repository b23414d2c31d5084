using MiniExcelLibs;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class ImportTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_administrator_imports_a_sheet_watches_the_progress_and_downloads_the_error_report()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);
        var rows = Enumerable.Range(0, 1_500).Select(i => new Dictionary<string, object?>
            {
                ["姓名"] = $"导入客户{i}", ["手机号"] = $"1360000{i:D4}", ["区县代码"] = "320505", ["详细地址"] = "测试路 1 号",
                ["型号"] = "RV-X20", ["序列号"] = $"RVX209{i:D7}", ["购买日期"] = "2026-06-18", ["购买渠道"] = "京东", ["订单号"] = $"JD{i}",
            })
            .Append(new Dictionary<string, object?>
            {
                ["姓名"] = "坏行", ["手机号"] = "12345", ["区县代码"] = "999999", ["详细地址"] = null, ["型号"] = "RV-X20", ["序列号"] = "RVX2099999999",
                ["购买日期"] = null, ["购买渠道"] = null, ["订单号"] = null,
            });
        using var sheet = new MemoryStream();
        sheet.SaveAs(rows, excelType: ExcelType.XLSX);

        await session.RunAsync("import", async page =>
        {
            await session.SignInAsync("admin");
            await page.GetByTestId("nav-Import").ClickAsync();
            await session.WaitInteractiveAsync();
            await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "经销商客户.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = sheet.ToArray(),
            });
            await Expect(page.GetByTestId("import-progress")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("import-status")).ToHaveTextAsync("已完成", new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("import-counts")).ToContainTextAsync("已处理 1501 / 1501 行：新建客户 1500，新建产品 1500，已存在跳过 0，拒绝 1");
            await session.ScreenshotAsync("import-done");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("import-error-report").ClickAsync());
            var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".xlsx");
            await download.SaveAsAsync(path);
            var reasons = MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => $"{r["行号"]}:{r["列"]}").ToList();
            File.Delete(path);
            Assert.Equal(["1502:手机号", "1502:区县代码"], reasons);
        });
    }
}
