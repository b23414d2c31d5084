using System.Net.Http.Json;
using CareLoop.Modules.Network.Domain;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>
/// Settlement screens beyond the rules: a manager asks to correct a statement entry (amount in yuan, reason required), cannot
/// approve it themself, and a second user approves it; a provider admin, linked on the providers page, sees, confirms and exports only their provider's statements.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SettlementCorrectionsTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_manager_requests_a_correction_and_a_second_user_approves_it()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);
        var engineer = await session.App.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        var period = await ClosedLastMonthAsync(session.App, (PartyKind.Engineer, engineer, 4500));

        await session.RunAsync("settlement-correction", async page =>
        {
            await session.SignInAsync("admin");
            await page.GotoAsync("/settlement/statements");
            await session.WaitInteractiveAsync();
            await Expect(page.GetByTestId("statements-period")).ToHaveTextAsync($"{period / 100}-{period % 100:00}");
            await page.GetByTestId("statement-row").ClickAsync();
            await page.GetByTestId("entry-correct").ClickAsync();
            await Expect(page.GetByTestId("correction-entry")).ToContainTextAsync("¥45.00");
            await page.GetByTestId("correction-amount").FillAsync("12.50");
            await page.GetByTestId("correction-submit").ClickAsync();
            await Expect(page.GetByTestId("correction-dialog")).ToContainTextAsync("必填");
            await page.GetByTestId("correction-reason").FillAsync("距离多算了 5 公里");
            await session.ScreenshotAsync("settlement-correction-dialog");
            await page.GetByTestId("correction-submit").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("冲正申请已提交");

            // The requester may not approve their own request: the handler's refusal, in Chinese.
            await page.GotoAsync("/settlement/corrections");
            await session.WaitInteractiveAsync();
            await Expect(page.GetByTestId("correction-row")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("correction-amount-cell")).ToHaveTextAsync("¥12.50");
            await page.GetByTestId("correction-approve").ClickAsync();
            await Expect(page.GetByTestId("corrections-errors")).ToContainTextAsync("审批人: 审批人不能是申请人本人");
            await Expect(page.GetByTestId("correction-state")).ToHaveTextAsync("待审批");
            await session.ScreenshotAsync("settlement-correction-self-approval");
        });

        var supervisor = await session.SecondUserAsync("supervisor");
        await supervisor.GotoAsync("/settlement/corrections");
        await PageSession.WaitInteractiveAsync(supervisor);
        await supervisor.GetByTestId("correction-approve").ClickAsync();
        await Expect(supervisor.GetByTestId("correction-state")).ToHaveTextAsync("已批准");
        await PageSession.ScreenshotAsync(supervisor, "settlement-correction-approved");

        var reversal = await session.App.DbAsync("demo-brand", db => db.Set<LedgerEntry>().SingleAsync(e => e.RuleCode == RuleCodes.Reversal));
        Assert.Equal((-1250L, "距离多算了 5 公里"), (reversal.AmountFen, reversal.Reason!));
    }

    [Fact]
    public async Task A_provider_admin_confirms_their_providers_issued_statement_and_sees_no_other_provider()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);
        var app = session.App;
        using var admin = await app.ApiAsAsync("admin");
        var provider = await app.DbAsync("demo-brand", db => db.Set<Provider>().Select(p => p.Id).SingleAsync());
        var other = (await (await admin.PostAsJsonAsync("/api/v1/network/providers", new { name = "吴江安装服务商", isBrandOwned = false }))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        (await admin.PostAsJsonAsync("/api/v1/users", new { userName = "provider-admin", displayName = "服务商 王经理", password = TestEnvironment.DemoPassword, roles = new[] { Roles.ProviderAdmin } }))
            .EnsureSuccessStatusCode();

        // The brand's admin links the account to the demo provider on the providers page.
        var brand = await session.SecondUserAsync("admin");
        await brand.GotoAsync("/network/providers");
        await PageSession.WaitInteractiveAsync(brand);
        var card = brand.GetByTestId("provider-card").Filter(new() { HasText = "苏州自营服务中心" });
        await card.GetByTestId("admins-edit").ClickAsync();
        await brand.GetByTestId("admins-select").ClickAsync();
        var option = brand.GetByRole(AriaRole.Option, new() { Name = "服务商 王经理 (provider-admin)" });
        await option.ClickAsync();
        await Expect(option).ToHaveAttributeAsync("aria-selected", "true"); // the circuit has the choice before the list closes
        await brand.GetByTestId("admins-select").PressAsync("Escape");
        await Expect(option).ToBeHiddenAsync();
        await brand.GetByTestId("admins-save").ClickAsync();
        await Expect(card.GetByTestId("provider-admins")).ToContainTextAsync("服务商 王经理");
        await PageSession.ScreenshotAsync(brand, "provider-admins-linked");
        var engineer = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        var period = await ClosedLastMonthAsync(app, (PartyKind.Provider, provider, 8800), (PartyKind.Engineer, engineer, 4500), (PartyKind.Provider, other, 9900));
        var statement = await app.DbAsync("demo-brand", db => db.Set<Statement>().SingleAsync(s => s.PartyId == provider));
        (await admin.PostAsJsonAsync($"/api/v1/settlement/statements/{statement.Id}/moves", new { action = "issue", expectedVersion = statement.Version })).EnsureSuccessStatusCode();

        await session.RunAsync("provider-statements", async page =>
        {
            await session.SignInAsync("provider-admin");
            await page.GetByTestId("nav-ProviderStatements").ClickAsync();
            await session.WaitInteractiveAsync();
            await Expect(page.GetByTestId("provider-period")).ToHaveTextAsync($"{period / 100}-{period % 100:00}");
            await Expect(page.GetByTestId("provider-name")).ToHaveTextAsync("苏州自营服务中心");
            var rows = page.GetByTestId("provider-statement");
            await Expect(rows).ToHaveCountAsync(2);
            await Expect(page.GetByTestId("provider-statements")).Not.ToContainTextAsync("吴江安装服务商");
            await Expect(page.GetByTestId("provider-statements")).Not.ToContainTextAsync("¥99.00");
            await Expect(rows.First).ToContainTextAsync("¥88.00");
            await Expect(page.GetByTestId("nav-Settlement")).ToHaveCountAsync(0);
            await page.GetByTestId("provider-confirm").ClickAsync();
            await Expect(rows.First.GetByTestId("provider-statement-state")).ToHaveTextAsync("已确认");
            await rows.First.ClickAsync();
            await Expect(page.GetByTestId("provider-statement-entries")).ToContainTextAsync("¥88.00");
            await session.ScreenshotAsync("provider-statements");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("provider-export").ClickAsync());
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        });

        Assert.Equal(StatementState.Confirmed, await app.DbAsync("demo-brand", db => db.Set<Statement>().Where(s => s.PartyId == provider).Select(s => s.State).SingleAsync()));
    }

    /// <summary>One entry per party on the 10th of last month (Shanghai), then last month closed by the admin; returns the month (yyyyMM).</summary>
    private static async Task<int> ClosedLastMonthAsync(CareLoopApp app, params (PartyKind Kind, Guid Party, long Fen)[] entries)
    {
        var period = Periods.Previous(Periods.Of(TimeProvider.System.GetUtcNow()));
        var at = new DateTimeOffset(period / 100, period % 100, 10, 12, 0, 0, TimeSpan.FromHours(8));
        await app.DbAsync("demo-brand", db =>
        {
            var i = 0;
            foreach (var (kind, party, fen) in entries)
            {
                db.Add(LedgerEntry.Post(kind, party, Guid.NewGuid(), "WO-E2E-" + i, new CommissionLine(RuleCodes.Distance, fen, ["15", "10", "20"]), 1, "e2e:" + i++, at));
            }

            return db.SaveChangesAsync();
        });
        using var admin = await app.ApiAsAsync("admin");
        (await admin.PostAsJsonAsync("/api/v1/settlement/months/close", new { period })).EnsureSuccessStatusCode();
        return period;
    }
}
