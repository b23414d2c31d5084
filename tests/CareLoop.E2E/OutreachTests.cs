using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class OutreachTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_sets_the_contact_policy_and_a_template_and_the_dev_outbox_shows_a_dropped_message_with_its_reason()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("contact-policy", async page =>
        {
            await session.SignInAsync("admin");
            await page.GotoAsync("/admin/settings/contact-policy");
            await session.WaitInteractiveAsync();
            await Expect(page.GetByTestId("policy-allowedHours")).ToHaveValueAsync("09:00-20:00");
            await Expect(page.GetByTestId("policy-dates")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("2026-10-01\\.\\.2026-10-07"));

            // Inverted hours are refused, naming the line; two windows save.
            await page.GetByTestId("policy-allowedHours").FillAsync("20:00-09:00");
            await page.GetByTestId("policy-save").ClickAsync();
            await Expect(page.GetByTestId("contact-policy")).ToContainTextAsync("20:00-09:00: 结束不能早于开始。");
            await page.GetByTestId("policy-allowedHours").FillAsync("14:00-20:00\n09:00-12:00");
            await page.GetByTestId("policy-save").ClickAsync();
            await Expect(page.GetByTestId("policy-allowedHours")).ToHaveValueAsync("09:00-12:00\n14:00-20:00");

            // A template with an unknown placeholder is refused, naming it; without it, it is listed.
            await page.GetByTestId("template-key").FillAsync("filter-due");
            await page.GetByTestId("template-provider").FillAsync("SMS_FILTER_DUE");
            await page.GetByTestId("template-text").FillAsync("{customerName}您好，您的{items}将于{dueDate}到期，优惠码{coupon}");
            await page.GetByTestId("template-save").ClickAsync();
            await Expect(page.GetByTestId("templates")).ToContainTextAsync("未知的占位符 {coupon}");
            await page.GetByTestId("template-text").FillAsync("{customerName}您好，您的{items}将于{dueDate}到期。");
            await page.GetByTestId("template-save").ClickAsync();
            await Expect(page.GetByTestId("template-row")).ToHaveCountAsync(1);

            // Lifecycle's templates are edited here too: the key says when (a tip on day 0 is refused), the hint says how.
            await Expect(page.GetByTestId("templates-rule")).ToContainTextAsync("lifecycle.tip.");
            await page.GetByTestId("template-key").FillAsync("lifecycle.tip.0");
            await page.GetByTestId("template-provider").FillAsync("SMS_TIP");
            await page.GetByTestId("template-text").FillAsync("{customerName}您好，这是使用小贴士。");
            await page.GetByTestId("template-save").ClickAsync();
            await Expect(page.GetByTestId("templates")).ToContainTextAsync("天数必须在 1 到 365 之间");
            await page.GetByTestId("template-key").FillAsync("lifecycle.tip.30");
            await page.GetByTestId("template-save").ClickAsync();
            await Expect(page.GetByTestId("template-row")).ToHaveCountAsync(2);
            await session.ScreenshotAsync("contact-policy");

            // A customer who opted out is not contacted: the dev outbox shows the message dropped, with the reason.
            using var api = await session.App.ApiAsAsync("admin");
            var customer = (await api.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13812345678")).GetProperty("items")[0].GetProperty("id").GetString();
            (await api.PostAsJsonAsync($"/api/v1/customers/{customer}/opt-outs", new { purpose = "reminder", source = "电话" })).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync("/api/v1/outreach/messages", new
            {
                customerId = customer, purpose = "reminder", templateKey = "filter-due", dedupKey = "e2e-opted-out",
                parameters = new Dictionary<string, string> { ["customerName"] = "张伟", ["items"] = "HEPA 滤网", ["dueDate"] = "2026-12-01" },
            })).EnsureSuccessStatusCode();
            foreach (var (phone, key) in new[] { ("15012345602", "e2e-li"), ("13912345601", "e2e-wang") })
            {
                // Queued, deferred or handed to a call depending on the hour: shown, not asserted (no wall-clock dependence).
                var id = (await api.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=" + phone)).GetProperty("items")[0].GetProperty("id").GetString();
                (await api.PostAsJsonAsync("/api/v1/outreach/messages", new
                {
                    customerId = id, purpose = "reminder", templateKey = "filter-due", dedupKey = key,
                    parameters = new Dictionary<string, string> { ["customerName"] = "客户", ["items"] = "PP棉滤芯、RO膜", ["dueDate"] = "2026-12-01" },
                })).EnsureSuccessStatusCode();
            }

            await page.GotoAsync("/dev/outbox");
            var row = page.Locator("[data-testid=outbox-row][data-status=dropped]");
            await Expect(row).ToHaveAttributeAsync("data-status", "dropped");
            await Expect(row.GetByTestId("outbox-reason")).ToHaveTextAsync("客户已退订");
            await session.ScreenshotAsync("outbox");
        });
    }
}
