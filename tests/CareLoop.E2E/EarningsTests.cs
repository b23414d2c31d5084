using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Callbacks.Contracts;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Platform.Outbox;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

/// <summary>The engineer's earnings on the phone at 360 × 740: a job completed, its callback confirmed, the commission posted and explained.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EarningsTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_engineer_sees_the_commission_of_a_confirmed_job_on_the_phone()
    {
        BrowserFixture.SkipWithoutChromium();
        var phone = PageSession.Phone;
        phone.ViewportSize = new ViewportSize { Width = 360, Height = 740 };
        phone.DeviceScaleFactor = 2;
        await using var session = await PageSession.StartAsync(browser, phone);
        var number = await ConfirmedJobAsync(session.App);

        await session.RunAsync("earnings", async page =>
        {
            await page.GotoAsync("/login?ReturnUrl=%2Fm");
            await page.GetByTestId("tenant").FillAsync("demo-brand");
            await page.GetByTestId("username").FillAsync("engineer");
            await page.GetByTestId("password").FillAsync(TestEnvironment.DemoPassword);
            await page.GetByTestId("sign-in").TapAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/m$"));
            await page.GetByTestId("nav-earnings").TapAsync();

            await Expect(page.GetByTestId("earnings-title")).ToHaveTextAsync("我的收入");
            await Expect(page.GetByTestId("earnings-posted")).ToHaveTextAsync("¥40.00");
            await Expect(page.GetByTestId("earnings-jobs")).ToHaveTextAsync("1");
            await Expect(page.GetByTestId("earnings-pending")).ToHaveTextAsync("0");
            var entries = page.GetByTestId("earnings-entry");
            await Expect(entries).ToHaveCountAsync(2);
            await Expect(entries.First).ToContainTextAsync(number);
            await Expect(page.GetByText("上门指导 · 净水器 基础佣金")).ToBeVisibleAsync();
            await Expect(page.GetByText("客户满意度 5 分奖励")).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the earnings page fits 360 px");
            await session.ScreenshotAsync("earnings-360"); // copied to docs/screens/earnings.png by hand, like the other screens
        });
    }

    /// <summary>Rules (on-site guidance ¥30, CSAT-5 bonus ¥10), an on-site guidance job completed by the engineer, confirmed with CSAT 5 through the outbox.</summary>
    private static async Task<string> ConfirmedJobAsync(CareLoopApp app)
    {
        var (id, number) = await CallbackToEarningsTests.CompletedJobAsync(app);
        var engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());

        // The callback module raises this when the agent confirms; it goes through the outbox like any integration event.
        var confirmed = new CallbackConfirmed(Guid.NewGuid(), id, number, engineerId, 5, 10, TimeProvider.System.GetUtcNow());
        await app.DbAsync("demo-brand", db =>
        {
            db.OutboxMessages.Add(OutboxMessage.Create(db.Tenants.Single(t => t.Slug == "demo-brand").Id, typeof(CallbackConfirmed).FullName!,
                JsonSerializer.Serialize(confirmed, Web), TimeProvider.System.GetUtcNow()));
            return db.SaveChangesAsync();
        });
        var outbox = app.Services.GetRequiredService<OutboxDispatcher>();
        while (await outbox.DeliverBatchAsync(CancellationToken.None) > 0)
        {
        }

        Assert.Equal(4000, await app.DbAsync("demo-brand", db => db.Set<LedgerEntry>().Where(e => e.WorkOrderId == id).SumAsync(e => e.AmountFen)));
        return number;
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
