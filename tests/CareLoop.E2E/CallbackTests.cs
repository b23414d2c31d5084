using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Platform.Messaging;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class CallbackTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_agent_calls_the_customer_back_records_csat_and_nps_and_confirms_the_job()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);
        var (order, callback) = await CompletedWithCallbackAsync(session.App);

        await session.RunAsync("callback", async page =>
        {
            await session.SignInAsync("agent");
            await page.GetByTestId("nav-Callbacks").ClickAsync();
            await Expect(page.GetByTestId("callback-row")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("callback-queue")).ToContainTextAsync("视频指导");
            await session.ScreenshotAsync("callback-queue");
            await page.GetByTestId("callback-link").ClickAsync();
            await session.WaitInteractiveAsync();
            await Expect(page.GetByTestId("callback-engineer")).ToHaveTextAsync("工程师 张师傅");
            await Expect(page.GetByTestId("callback-script")).ToContainTextAsync("回访话术");

            await page.GetByTestId("callback-done").ClickAsync();
            await page.GetByTestId("callback-csat").Locator(".mud-rating-item").Nth(4).ClickAsync();
            await page.GetByTestId("nps-9").ClickAsync();
            await page.GetByTestId("callback-comment").FillAsync("师傅很专业，讲解清楚");
            await session.ScreenshotAsync("callback-form");
            await page.GetByTestId("callback-confirm").ClickAsync();

            await Expect(page.GetByTestId("callback-outcome")).ToContainTextAsync("已确认");
            await Expect(page.GetByTestId("callback-outcome-csat")).ToHaveTextAsync("5");
            await session.ScreenshotAsync("callback-confirmed");
        });

        using var agent = await session.App.ApiAsAsync("agent");
        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/{callback}");
        Assert.Equal(9, view.GetProperty("nps").GetInt32());
        Assert.Equal("closed", (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_customer_answers_the_survey_link_on_a_360_px_phone_and_the_used_link_says_so_politely()
    {
        BrowserFixture.SkipWithoutChromium();
        var phone = PageSession.Phone;
        phone.ViewportSize = new ViewportSize { Width = 360, Height = 740 };
        phone.DeviceScaleFactor = 2;
        await using var session = await PageSession.StartAsync(browser, phone);
        var (_, callback) = await CompletedWithCallbackAsync(session.App);
        using var admin = await session.App.ApiAsAsync("admin");
        var settings = await admin.GetFromJsonAsync<Dictionary<string, JsonElement>>("/api/v1/settings/callbacks");
        settings!["maxAttempts"] = JsonSerializer.SerializeToElement(1);
        Assert.True((await admin.PutAsJsonAsync("/api/v1/settings/callbacks", settings)).IsSuccessStatusCode);
        using var agent = await session.App.ApiAsAsync("agent");
        Assert.True((await agent.PostAsJsonAsync($"/api/v1/callbacks/{callback}/outcome", new { outcome = "unreachable" })).IsSuccessStatusCode);
        var link = new Uri(session.App.Services.GetRequiredService<LocalSmsGateway>().Sent.First(s => s.TemplateCode == "SMS_CARELOOP_SURVEY").TemplateParams["link"]);

        await session.RunAsync("callback-survey", async page =>
        {
            await page.GotoAsync(link.PathAndQuery);
            await Expect(page.GetByTestId("survey-csat")).ToBeVisibleAsync();
            await page.GetByTestId("survey-csat").GetByText("5", new() { Exact = true }).ClickAsync();
            await page.GetByTestId("survey-nps").GetByText("9", new() { Exact = true }).ClickAsync();
            await page.GetByTestId("survey-comment").FillAsync("很满意，谢谢师傅");
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the survey fits 360 px without sideways scrolling");
            await session.ScreenshotAsync("callback-survey-360");
            await page.GetByTestId("survey-submit").ClickAsync();
            await Expect(page.GetByTestId("survey-done")).ToContainTextAsync("感谢您的反馈");

            await page.GotoAsync(link.PathAndQuery);
            await Expect(page.GetByTestId("survey-refused")).ToContainTextAsync("该问卷已提交过");
            await session.ScreenshotAsync("callback-survey-used-360");
        });

        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/{callback}");
        Assert.Equal(5, view.GetProperty("csat").GetInt32());
        Assert.Equal(9, view.GetProperty("nps").GetInt32());
    }

    /// <summary>A video-guidance order walked to completed by the API, and its callback opened (the outbox is off in these hosts).</summary>
    private static async Task<(Guid Order, Guid Callback)> CompletedWithCallbackAsync(CareLoopApp app)
    {
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var customer = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13812345678")).GetProperty("items")[0].GetProperty("id").GetString();
        var unit = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("units").EnumerateArray()
            .Single(u => u.GetProperty("serialNumber").GetString() == "RVX2000000001").GetProperty("id").GetString();
        var order = (await (await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "videoGuidance", description = "视频指导：扫地机不回充" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var day = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), zone).Date.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        var start = new DateTimeOffset(day.AddHours(14), TimeSpan.FromHours(8));
        var version = await MoveAsync(dispatcher, order, 0, new { action = "assign", assigneeId = engineerId });
        version = await MoveAsync(engineer, order, version, new { action = "accept" });
        version = await MoveAsync(engineer, order, version, new { action = "schedule", window = new { start, end = start.AddHours(2) } });
        version = await MoveAsync(engineer, order, version, new { action = "checkIn" });
        await MoveAsync(engineer, order, version, new { action = "complete" });
        var opened = await agent.PostAsJsonAsync("/api/v1/callbacks", new { workOrderId = order });
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        return (order, (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private static async Task<long> MoveAsync(HttpClient client, Guid order, long expectedVersion, object transition)
    {
        var body = JsonSerializer.SerializeToNode(transition)!.AsObject();
        body["expectedVersion"] = expectedVersion;
        var response = await client.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", body);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{body["action"]}: {result}");
        return result.GetProperty("version").GetInt64();
    }
}
