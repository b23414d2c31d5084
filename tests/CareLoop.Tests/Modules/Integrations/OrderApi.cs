using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CareLoop.Modules.Integrations.Features.ReceiveOrders;
using CareLoop.Tests.Infrastructure;

namespace CareLoop.Tests.Modules.Integrations;

/// <summary>Signs order API calls the way a shop's middleware must (the demo key <c>demo-shop</c>).</summary>
internal static class OrderApi
{
    public const string DemoKey = "demo-shop";

    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string path, byte[] body, string key = DemoKey, string secret = TestEnvironment.IntegrationSecret, DateTimeOffset? at = null, string? signature = null)
    {
        var timestamp = (at ?? TimeProvider.System.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(SignedRequests.KeyHeader, key);
        request.Headers.Add(SignedRequests.TimestampHeader, timestamp);
        request.Headers.Add(SignedRequests.SignatureHeader, signature ?? "sha256=" + SignedRequests.Sign(secret, timestamp, body));
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, object order, DateTimeOffset? at = null) =>
        PostAsync(client, "/api/v1/integrations/orders", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(order)), at: at);

    /// <summary>An order signed with another key (one an administrator made), at <paramref name="at"/> (the server's fake clock).</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient client, object order, string key, string secret, DateTimeOffset? at = null) =>
        PostAsync(client, "/api/v1/integrations/orders", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(order)), key, secret, at);

    /// <summary>A paid Tmall order for a water purifier with installation, to a new buyer in Suzhou (paid 3 minutes before <paramref name="now"/>).</summary>
    public static object Order(string platformOrderId, string phone = "13600000001", string sku = "WP-RO600", int quantity = 1, string[]? serials = null,
        string regionCode = "320508", string service = "install", DateTimeOffset? now = null) => new
    {
        platform = "tmall",
        platformOrderId,
        shopId = "tmall-flagship",
        paidAt = (now ?? TimeProvider.System.GetUtcNow()).AddMinutes(-3),
        buyer = new { name = "陈静😊", phone, address = new { regionCode, detail = "观前街 1 号 2 幢 302 室", lat = 31.31, lng = 120.62 } },
        items = new[] { new { sku, quantity, serialNumbers = serials } },
        service,
        preferredWindow = new { start = (now ?? TimeProvider.System.GetUtcNow()).AddDays(1), end = (now ?? TimeProvider.System.GetUtcNow()).AddDays(1).AddHours(2) },
        remark = "工作日晚上在家",
    };
}
