using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
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
            await dispatcher.GetByRole(AriaRole.Option, new() { Name = "工程师 张师傅" }).ClickAsync();
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

[Collection(BrowserCollection.Name)]
public sealed class SlaUpgradeTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_agent_asks_for_on_site_within_four_hours_and_sees_the_supervisors_approval_arrive_live()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);
        using var api = await session.App.ApiAsAsync("agent");
        var customer = (await api.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13812345678")).GetProperty("items")[0].GetProperty("id").GetString();
        var unit = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("units").EnumerateArray()
            .Single(u => u.GetProperty("serialNumber").GetString() == "RVX2000000001").GetProperty("id").GetString();
        var order = (await (await api.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", description = "漏水，客户很着急" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        await session.RunAsync("sla-upgrade", async page =>
        {
            await session.SignInAsync("agent");
            await page.GotoAsync($"/work-orders/{order}");
            await session.WaitInteractiveAsync();
            await page.GetByTestId("sla-upgrade-reason").FillAsync("VIP 客户投诉，地板泡水");
            await page.GetByTestId("sla-upgrade-request").ClickAsync();
            await Expect(page.GetByTestId("sla-upgrade-status")).ToHaveTextAsync("待审批");

            var supervisor = await session.SecondUserAsync("supervisor");
            await supervisor.GetByTestId("nav-SlaApprovals").ClickAsync();
            await Expect(supervisor.GetByTestId("sla-approval-row")).ToContainTextAsync("VIP 客户投诉");
            await supervisor.GetByTestId("sla-approval-row").GetByRole(AriaRole.Link).First.ClickAsync();
            await PageSession.WaitInteractiveAsync(supervisor);
            await supervisor.GetByTestId("sla-upgrade-note").FillAsync("同意，优先派单");
            await supervisor.GetByTestId("sla-upgrade-approve").ClickAsync();
            await Expect(supervisor.GetByTestId("sla-upgrade-status")).ToHaveTextAsync("已批准");

            // The agent's page was not reloaded: the approval and the new arrival clock arrive live.
            await Expect(page.GetByTestId("sla-upgrade-status")).ToHaveTextAsync("已批准");
            await Expect(page.GetByTestId("sla-Arrival")).ToContainTextAsync("按约上门");
            await Expect(page.GetByTestId("work-order-timeline")).ToContainTextAsync("批准 SLA 特批");
            await session.ScreenshotAsync("sla-upgrade-approved");
        });
    }
}

[Collection(BrowserCollection.Name)]
public sealed class WorkOrderSettingsTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_administrator_turns_off_the_customer_code_for_repairs_and_the_api_sees_the_new_policy()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("work-order-settings", async page =>
        {
            await session.SignInAsync("admin");
            await page.GetByTestId("nav-Settings").ClickAsync();
            await page.GetByTestId("settings-work-orders").ClickAsync();
            await session.WaitInteractiveAsync();
            await Expect(page.GetByTestId("week-Monday")).ToHaveValueAsync("09:00-18:00");
            await page.GetByTestId("completion-OnSiteRepair").Locator("input[type=checkbox]").Nth(2).UncheckAsync();
            await page.GetByTestId("completion-save").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已保存");
            await session.ScreenshotAsync("work-order-settings");
        });

        using var api = await session.App.ApiAsAsync("agent");
        var repair = (await api.GetFromJsonAsync<JsonElement>("/api/v1/settings/completion")).EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "onSiteRepair");
        Assert.False(repair.GetProperty("requiresCustomerCode").GetBoolean());
        Assert.True(repair.GetProperty("requiresBarcode").GetBoolean());
    }
}

[Collection(BrowserCollection.Name)]
public sealed class CompletionCodeTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_engineer_completes_a_repair_with_the_code_the_customer_read_out()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);
        var order = await OnSiteAsync(session.App);

        await session.RunAsync("completion-code", async page =>
        {
            await session.SignInAsync("engineer");
            await page.GotoAsync($"/work-orders/{order}");
            await session.WaitInteractiveAsync();
            await page.GetByTestId("action-complete").ClickAsync();
            await page.GetByTestId("action-barcode").FillAsync("RVX2000000001");
            await page.GetByTestId("action-send-code").ClickAsync();
            await Expect(page.GetByTestId("action-code-sent")).ToContainTextAsync("138****5678");
            var code = session.App.Services.GetRequiredService<CareLoop.Platform.Messaging.LocalSmsGateway>().Sent[0].TemplateParams["code"];
            await page.GetByTestId("action-code").FillAsync(code == "000000" ? "111111" : "000000");
            await page.GetByTestId("action-confirm").ClickAsync();
            await Expect(page.GetByTestId("action-errors")).ToContainTextAsync("验证码不正确");
            await page.GetByTestId("action-code").FillAsync(code);
            await page.GetByTestId("action-confirm").ClickAsync();
            await Expect(page.GetByTestId("work-order-current-state")).ToHaveTextAsync("已完工");
            await session.ScreenshotAsync("completion-code");
        });
    }

    /// <summary>张伟's robot vacuum repair, assigned to the engineer, booked for the next weekday, checked in, one photo.</summary>
    private static async Task<string> OnSiteAsync(CareLoop.Tests.Infrastructure.CareLoopApp app)
    {
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var customer = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13812345678")).GetProperty("items")[0].GetProperty("id").GetString();
        var unit = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("units").EnumerateArray()
            .Single(u => u.GetProperty("serialNumber").GetString() == "RVX2000000001").GetProperty("id").GetString();
        var order = (await (await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", description = "不回充" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var me = (await engineer.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("userId").GetString();
        var day = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().AddHours(8).Date).AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        foreach (var (client, body) in new (HttpClient, object)[]
                 {
                     (dispatcher, new { action = "assign", expectedVersion = 0, assigneeId = me }),
                     (engineer, new { action = "accept", expectedVersion = 1 }),
                     (engineer, new { action = "schedule", expectedVersion = 2, window = new { start, end = start.AddHours(2) } }),
                     (engineer, new { action = "checkIn", expectedVersion = 3 }),
                 })
        {
            var moved = await client.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", body);
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }

        using var bitmap = new SkiaSharp.SKBitmap(400, 300);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(image.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90).ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "现场.jpg");
        form.Add(new StringContent("photo"), "kind");
        Assert.True((await engineer.PostAsync($"/api/v1/work-orders/{order}/attachments", form)).IsSuccessStatusCode);
        return order;
    }
}
