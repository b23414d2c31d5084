using System.Globalization;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareLoop.Modules.Integrations.Features.ReceiveOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareLoop.E2E;

[Collection(BrowserCollection.Name)]
public sealed class IntegrationsTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_creates_a_key_sees_its_secret_once_and_an_order_signed_with_it_appears_in_the_live_feed()
    {
        BrowserFixture.SkipWithoutChromium();
        await using var session = await PageSession.StartAsync(browser);
        using var shop = session.App.Http();

        await session.RunAsync("integrations", async page =>
        {
            await session.SignInAsync("admin");
            await page.GetByTestId("nav-Integrations").ClickAsync();
            await session.WaitInteractiveAsync();
            await page.GetByTestId("tab-keys").ClickAsync();
            await Expect(page.GetByTestId("keys-table")).ToContainTextAsync("demo-shop");

            await page.GetByTestId("key-new").ClickAsync();
            await page.GetByTestId("key-name").FillAsync("天猫旗舰店");
            await page.GetByTestId("key-shop").FillAsync("tmall-flagship");
            await page.GetByTestId("key-confirm").ClickAsync();
            await Expect(page.GetByTestId("issued-secret")).ToHaveTextAsync(new Regex("^[0-9a-f]{64}$"));
            var keyId = await page.GetByTestId("issued-key-id").InnerTextAsync();
            var secret = await page.GetByTestId("issued-secret").InnerTextAsync();
            await session.ScreenshotAsync("integration-key-secret");

            // Shown once: closed, it is nowhere on the page any more.
            await page.GetByTestId("key-done").ClickAsync();
            await Expect(page.GetByTestId("issued-secret")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("keys-table")).ToContainTextAsync(keyId);
            Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
            await session.ScreenshotAsync("integration-keys");

            await page.GetByTestId("tab-received").ClickAsync();
            await Expect(page.GetByTestId("received-orders-table")).ToContainTextAsync("还没有收到平台订单");

            // The shop's middleware signs an order with the new key; the page was not reloaded.
            var accepted = await SendAsync(shop, keyId, secret, Order("TM20261212880001", "WP-RO600"));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
            var row = page.GetByTestId("received-orders-table").Locator("tbody tr.received-order");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync("TM20261212880001");
            await Expect(row).ToContainTextAsync("天猫");
            await Expect(row.GetByTestId("received-order-work-orders").Locator("a")).ToHaveAttributeAsync("href", new Regex("^/work-orders/"));
            await Expect(row).ToContainTextAsync("陈静");
            await session.ScreenshotAsync("integrations-feed");

            var refused = await SendAsync(shop, keyId, secret, Order("TM20261212880002", "WP-NEW900"));
            Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            await page.GetByTestId("tab-rejected").ClickAsync();
            await Expect(page.GetByTestId("rejected-order-reasons")).ToContainTextAsync("第 1 件商品的型号: 型号 WP-NEW900 不存在。");
            await Expect(page.GetByTestId("rejected-open-count")).ToHaveTextAsync("1");
            await session.ScreenshotAsync("integrations-rejected");

            // The missing model is added to the catalog; the refused order is replayed from the page.
            using var api = await session.App.ApiAsAsync("admin");
            var category = (await api.GetFromJsonAsync<JsonElement>("/api/v1/catalog/categories"))[0].GetProperty("id").GetString();
            var model = await api.PostAsJsonAsync("/api/v1/catalog/models", new
            {
                sku = "WP-NEW900", name = "NEW900 厨下净水器", categoryId = category, isActive = true,
                warranty = new { mainUnitMonths = 24, wearPartsMonths = 6, startRule = "invoiceDate", startOffset = 0, transfersWithOwnership = true },
            });
            Assert.Equal(System.Net.HttpStatusCode.Created, model.StatusCode);
            await page.GetByTestId("rejected-order-replay").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("TM20261212880002 已重放受理");
            await Expect(page.GetByTestId("rejected-orders-table")).ToContainTextAsync("没有这类失败订单");
            await Expect(page.GetByTestId("rejected-open-count")).ToHaveCountAsync(0);
            await page.GetByTestId("tab-received").ClickAsync();
            await Expect(page.GetByTestId("received-orders-table").Locator("tbody tr.received-order")).ToHaveCountAsync(2);
            await session.ScreenshotAsync("integrations-feed-after-replay");

            // Rotate (the new secret once, the old one for the overlap), then revoke after confirming.
            await page.GetByTestId("tab-keys").ClickAsync();
            var mine = page.GetByTestId("keys-table").Locator("tbody tr.integration-key", new() { HasText = keyId });
            await mine.GetByTestId("key-rotate").ClickAsync();
            await page.GetByTestId("key-overlap").FillAsync("2");
            await page.GetByTestId("key-confirm").ClickAsync();
            await Expect(page.GetByTestId("issued-secret")).Not.ToHaveTextAsync(secret);
            await Expect(page.GetByTestId("key-dialog")).ToContainTextAsync("旧密钥在");
            await session.ScreenshotAsync("integration-key-rotated");
            await page.GetByTestId("key-done").ClickAsync();
            await Expect(mine.GetByTestId("key-status")).ToContainTextAsync("过渡中");
            await mine.GetByTestId("key-revoke").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "吊销" }).ClickAsync();
            await Expect(mine.GetByTestId("key-status")).ToContainTextAsync("已吊销");
            await session.ScreenshotAsync("integration-key-revoked");
        });
    }

    private static object Order(string platformOrderId, string sku) => new
    {
        platform = "tmall",
        platformOrderId,
        shopId = "tmall-flagship",
        paidAt = TimeProvider.System.GetUtcNow().AddMinutes(-3),
        buyer = new { name = "陈静", phone = "13600008801", address = new { regionCode = "320508", detail = "观前街 1 号 2 幢 302 室" } },
        items = new[] { new { sku, quantity = 1 } },
        service = "install",
    };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string keyId, string secret, object order)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(order));
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/integrations/orders") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(SignedRequests.KeyHeader, keyId);
        request.Headers.Add(SignedRequests.TimestampHeader, timestamp);
        request.Headers.Add(SignedRequests.SignatureHeader, "sha256=" + SignedRequests.Sign(secret, timestamp, body));
        return await client.SendAsync(request);
    }
}
