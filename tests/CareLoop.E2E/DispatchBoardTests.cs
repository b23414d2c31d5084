using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>
/// The dispatcher board. The test host switches automatic dispatch off (<c>Dispatch:Automatic=false</c>) and runs no
/// outbox, so every order stays where the test puts it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DispatchBoardTests(BrowserFixture browser)
{
    private const string Zhang = "工程师 张师傅"; // engineer: 320505–320508
    private const string Li = "工程师 李师傅";    // engineer2: 320506, 320509, 320583

    [Fact]
    public async Task A_dispatcher_reassigns_an_order_on_the_board_and_the_engineers_job_list_changes()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);
        var orders = await SeedAsync(session.App);

        await session.RunAsync("dispatch-reassign", async page =>
        {
            // Li's own job list, open before the dispatcher acts: it changes without a reload.
            var li = await session.SecondUserAsync("engineer2");
            await li.GotoAsync("/work-orders");
            await PageSession.WaitInteractiveAsync(li);
            await Expect(li.GetByTestId("work-orders-table")).Not.ToContainTextAsync(orders.Wuzhong);

            await session.SignInAsync("dispatcher");
            await page.GetByTestId("nav-Dispatch").ClickAsync();
            await session.WaitInteractiveAsync();
            var zhang = Engineer(page, Zhang);
            await Expect(zhang.GetByTestId("engineer-job")).ToContainTextAsync(orders.Wuzhong);
            await Expect(page.GetByTestId("queue-card")).ToHaveCountAsync(4);
            await Expect(page.GetByTestId("queue-card").First).ToContainTextAsync(orders.AtRisk); // at risk first
            await Expect(page.GetByTestId("queue-card").First.GetByTestId("queue-sla")).ToContainTextAsync("剩");
            await Expect(page.Locator($"[data-testid=queue-card][data-number='{orders.Nobody}']").GetByTestId("queue-reason")).ToContainTextAsync("无可用工程师");
            await session.ScreenshotAsync("dispatch-board");

            // Reassign Zhang's job: both cover 吴中区, the candidates are ranked; a reassignment needs a note.
            await zhang.Locator($"[data-testid=engineer-job][data-number='{orders.Wuzhong}']").GetByTestId("engineer-job-reassign").ClickAsync();
            var dialog = page.GetByTestId("assign-dialog");
            await Expect(dialog.GetByTestId("candidate-total")).ToHaveCountAsync(2);
            var toLi = Candidate(page, Li).GetByTestId("candidate-assign");
            await toLi.ClickAsync();
            await Expect(dialog.GetByTestId("assign-errors")).ToContainTextAsync("请填写原因");
            await dialog.GetByTestId("assign-note").FillAsync("张师傅下午培训，改派李师傅");
            await session.ScreenshotAsync("dispatch-reassign-dialog");
            await toLi.ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"已派给 {Li}");
            await Expect(Engineer(page, Li).GetByTestId("engineer-jobs")).ToContainTextAsync(orders.Wuzhong);
            await Expect(zhang.GetByTestId("engineer-jobs")).Not.ToContainTextAsync(orders.Wuzhong);

            // Li's list got the order live.
            await Expect(li.GetByTestId("work-orders-table")).ToContainTextAsync(orders.Wuzhong);

            // An order dragged from the queue onto an engineer who covers it is assigned at once.
            await page.Locator($"[data-testid=queue-card][data-number='{orders.Gusu}']").DragToAsync(zhang);
            await Expect(zhang.GetByTestId("engineer-jobs")).ToContainTextAsync(orders.Gusu);
            await Expect(page.GetByTestId("queue-card")).ToHaveCountAsync(3);
            await session.ScreenshotAsync("dispatch-board-after");

            // The work order shows its decisions, each with its explanation.
            await page.Locator($"[data-testid=engineer-job][data-number='{orders.Wuzhong}'] a").ClickAsync();
            await session.WaitInteractiveAsync();
            var decision = page.GetByTestId("dispatch-decision").First;
            await Expect(decision.GetByTestId("decision-outcome")).ToHaveTextAsync("人工派单");
            await Expect(decision.GetByTestId("decision-engineer")).ToHaveTextAsync(Li);
            await Expect(decision.GetByTestId("decision-note")).ToContainTextAsync("张师傅下午培训");
            await decision.GetByTestId("decision-explain").ClickAsync();
            await Expect(decision.GetByTestId("decision-explanation")).ToContainTextAsync(Li);
            await page.GetByTestId("dispatch-decisions").ScrollIntoViewIfNeededAsync();
            await session.ScreenshotAsync("dispatch-decisions");
        });
    }

    [Fact]
    public async Task A_refused_choice_shows_the_rule_and_a_supervisor_overrides_it_on_the_record()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);
        var orders = await SeedAsync(session.App);

        await session.RunAsync("dispatch-override", async page =>
        {
            await session.SignInAsync("supervisor");
            await page.GotoAsync("/dispatch");
            await session.WaitInteractiveAsync();
            await page.Locator($"[data-testid=queue-card][data-number='{orders.Gusu}']").GetByTestId("queue-pick").ClickAsync();

            // Li does not cover 姑苏区: not ranked, and refused with the rule when chosen.
            var dialog = page.GetByTestId("assign-dialog");
            await Expect(Candidate(page, Zhang).GetByTestId("candidate-total")).ToBeVisibleAsync();
            await Candidate(page, Li).GetByTestId("candidate-assign").ClickAsync();
            await Expect(dialog.GetByTestId("assign-refused")).ToContainTextAsync("服务区域不含 姑苏区（320508）");
            await dialog.GetByTestId("assign-note").FillAsync("客户指定李师傅（老客户）");
            await session.ScreenshotAsync("dispatch-override-refused");
            await dialog.GetByTestId("assign-override").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"已强制指派给 {Li}");
            await Expect(Engineer(page, Li).GetByTestId("engineer-jobs")).ToContainTextAsync(orders.Gusu);

            await page.Locator($"[data-testid=engineer-job][data-number='{orders.Gusu}'] a").ClickAsync();
            await session.WaitInteractiveAsync();
            var decision = page.GetByTestId("dispatch-decision").First;
            await Expect(decision.GetByTestId("decision-outcome")).ToHaveTextAsync("强制指派");
            await Expect(decision).ToContainTextAsync("越过规则：服务区域外");
        });
    }

    [Fact]
    public async Task An_administrator_sees_each_invalid_dispatch_setting_under_its_field_and_saves_the_policy()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);

        await session.RunAsync("dispatch-settings", async page =>
        {
            await session.SignInAsync("admin");
            await page.GetByTestId("nav-Settings").ClickAsync();
            await page.GetByTestId("settings-dispatch").ClickAsync();
            await session.WaitInteractiveAsync();
            await Expect(page.GetByTestId("dispatch-distanceWeight")).ToHaveValueAsync("40");
            await page.GetByTestId("dispatch-grabAreas").FillAsync("3205\n32x");
            await page.GetByTestId("dispatch-requiredCertificates").FillAsync("water-purifier");
            await page.GetByTestId("dispatch-save").ClickAsync();
            var settings = page.GetByTestId("dispatch-settings");
            await Expect(settings.Locator(".mud-input-control", new() { Has = page.GetByTestId("dispatch-grabAreas") }).First).ToContainTextAsync("抢单区域第 2 行");
            await Expect(settings.Locator(".mud-input-control", new() { Has = page.GetByTestId("dispatch-requiredCertificates") }).First).ToContainTextAsync("证书要求第 1 行: 格式不正确");
            await session.ScreenshotAsync("dispatch-settings-errors");

            await page.GetByTestId("dispatch-grabAreas").FillAsync("320509");
            await page.GetByTestId("dispatch-requiredCertificates").FillAsync("water-purifier:plumber");
            await page.GetByTestId("dispatch-maxDistanceKm").FillAsync("30");
            await page.GetByTestId("dispatch-save").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已保存");
        });

        using var api = await session.App.ApiAsAsync("dispatcher");
        var policy = await api.GetFromJsonAsync<JsonElement>("/api/v1/settings/dispatch");
        Assert.Equal(30, policy.GetProperty("maxDistanceKm").GetInt32());
        Assert.Equal("320509", policy.GetProperty("grabAreas")[0].GetString());
        Assert.Equal("water-purifier:plumber", policy.GetProperty("requiredCertificates")[0].GetString());
    }

    private static ILocator Engineer(IPage page, string name) => page.Locator($"[data-testid=engineer-card][data-engineer='{name}']");

    private static ILocator Candidate(IPage page, string name) => page.Locator($"[data-testid=candidate][data-engineer='{name}']");

    private sealed record Orders(string Wuzhong, string Gusu, string AtRisk, string Kunshan, string Nobody);

    /// <summary>
    /// 吴中区 (both engineers cover it) assigned to Zhang by hand through the API; waiting: 姑苏区 (Zhang's only), an urgent
    /// one in 吴江区 due within the hour, one in 昆山市, and one in 张家港市, where nobody works (automatic dispatch queued it).
    /// </summary>
    private static async Task<Orders> SeedAsync(CareLoopApp app)
    {
        using var agent = await app.ApiAsAsync("agent");
        var wuzhong = await OpenAsync(agent, "13912345601", "WP6000000001", "净水器漏水，厨房地面有积水");
        var gusu = await OpenAsync(agent, "13812345678", "RVX2000000001", "扫地机不回充");
        var kunshan = await OpenAsync(agent, "13712345604", "RVX2000000002", "主刷不转，有异响");
        var (atRisk, nobody) = await app.DbAsync("demo-brand", async db =>
        {
            var now = TimeProvider.System.GetUtcNow();
            var tenantId = await db.Tenants.Where(t => t.Slug == "demo-brand").Select(t => t.Id).SingleAsync();
            var customers = await db.Set<CareLoop.Modules.Customers.Domain.Customer>().Where(c => c.Name == "刘洋" || c.Name == "李娜").ToDictionaryAsync(c => c.Name, c => c.Id);
            var system = new WorkOrderActor(null, "system", new HashSet<string>());
            var urgent = WorkOrder.Create(tenantId, "WO261124E2E90", WorkOrderKind.Installation, WorkOrderPriority.Urgent, customers["刘洋"], null, "320509", "新机安装，客户今天搬家",
                system, now.AddHours(-3));
            urgent.TrackSla(now.AddMinutes(-30), now.AddMinutes(50), null);
            var far = WorkOrder.Create(tenantId, "WO261124E2E91", WorkOrderKind.OnSiteRepair, WorkOrderPriority.Normal, customers["李娜"], null, "320582", "洗地机不出水",
                system, now.AddHours(-1));
            db.AddRange(urgent, far);
            await db.SaveChangesAsync();
            return ((urgent.Number, urgent.Id), (far.Number, far.Id));
        });

        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var engineers = await dispatcher.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/engineers");
        var zhang = engineers.EnumerateArray().Single(e => e.GetProperty("name").GetString() == Zhang).GetProperty("id").GetGuid();
        var assigned = await dispatcher.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{wuzhong.Id}/assignment", new { engineerId = zhang, expectedVersion = wuzhong.Version });
        assigned.EnsureSuccessStatusCode();
        var queued = await (await dispatcher.PostAsync($"/api/v1/dispatch/work-orders/{nobody.Id}/auto", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("no_candidate", queued.GetProperty("reason").GetString());
        return new Orders(wuzhong.Number, gusu.Number, atRisk.Number, kunshan.Number, nobody.Number);
    }

    private static async Task<(Guid Id, string Number, long Version)> OpenAsync(HttpClient api, string phone, string serial, string description)
    {
        var customer = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers?q={phone}")).GetProperty("items")[0].GetProperty("id").GetString();
        var unit = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("units").EnumerateArray()
            .Single(u => u.GetProperty("serialNumber").GetString() == serial).GetProperty("id").GetString();
        var response = await api.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", description });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("number").GetString()!, body.GetProperty("version").GetInt64());
    }
}
