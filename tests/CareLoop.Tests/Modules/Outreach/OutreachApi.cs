using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Outreach.Features.Deliver;
using CareLoop.Platform.Tenancy;
using CareLoop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CareLoop.Tests.Modules.Outreach;

/// <summary>What the outreach tests keep doing: a host on a fake clock set in Shanghai time, templates, sends, a delivery run.</summary>
internal static class OutreachApi
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Demo customers: 李娜 prefers SMS; 刘洋 follows the WeChat account (openid); 王秀英 is elderly; 张伟 prefers WeChat but has no openid.</summary>
    public const string Li = "15012345602";
    public const string Liu = "18612345603";
    public const string Wang = "13912345601";
    public const string Zhang = "13812345678";

    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    public static async Task<(CareLoopApp App, FakeTimeProvider Clock)> StartAsync(DatabaseKind kind, DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        var app = await CareLoopApp.StartAsync(kind, startOutbox: false, services: s => s.AddSingleton<TimeProvider>(clock));
        return (app, clock);
    }

    /// <summary>An SMS and a WeChat template under the key <c>filter-due</c>, and a marketing one (SMS) under <c>promo</c>.</summary>
    public static async Task TemplatesAsync(HttpClient admin)
    {
        foreach (var body in new object[]
                 {
                     new { key = "filter-due", channel = "sms", text = "{customerName}您好，您的{items}将于{dueDate}到期。", providerTemplateId = "SMS_FILTER_DUE" },
                     new { key = "filter-due", channel = "weChat", text = "{customerName}您好，{items}将于{dueDate}到期", providerTemplateId = "wx-tpl-filter", url = "https://m.example.com/due?d={dueDate}" },
                     new { key = "promo", channel = "sms", text = "{customerName}您好，滤芯限时优惠 {price} 元。", providerTemplateId = "SMS_PROMO" },
                 })
        {
            var response = await admin.PostAsJsonAsync("/api/v1/outreach/templates", body);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    public static async Task<JsonElement> SendAsync(HttpClient client, string customerId, string purpose, string dedupKey, string template = "filter-due", string? channel = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/outreach/messages", new
        {
            customerId, purpose, templateKey = template, dedupKey, preferredChannel = channel,
            parameters = new Dictionary<string, string> { ["customerName"] = "客户", ["items"] = "PP棉滤芯、RO膜", ["dueDate"] = "2026-12-01", ["price"] = "99" },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>One run of the delivery job for the demo brand, on the fake clock.</summary>
    public static async Task<int> DeliverAsync(CareLoopApp app)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopes>().For(await app.TenantIdAsync("demo-brand"));
        return await scope.ServiceProvider.GetRequiredService<OutreachDelivery>().RunAsync(CancellationToken.None);
    }

    public static string Status(JsonElement receipt) => receipt.GetProperty("status").GetString()!;

    public static string? Reason(JsonElement receipt) => receipt.GetProperty("reasonCode").GetString();

    public static DateTimeOffset? DeferredUntil(JsonElement receipt) =>
        receipt.GetProperty("deferredUntil").ValueKind == JsonValueKind.Null ? null : receipt.GetProperty("deferredUntil").GetDateTimeOffset();

    public static async Task<JsonElement> PolicyAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("/api/v1/settings/contact-policy");

    public static async Task<HttpResponseMessage> PutPolicyAsync(HttpClient admin, string[]? hours = null, int perDay = 1, int perWeek = 3, int calls = 5)
    {
        var current = await PolicyAsync(admin);
        return await admin.PutAsJsonAsync("/api/v1/settings/contact-policy", new
        {
            allowedHours = hours ?? current.GetProperty("allowedHours").Deserialize<string[]>(),
            noContactDates = current.GetProperty("noContactDates").Deserialize<string[]>(),
            unsolicitedPerDay = perDay, unsolicitedPerWeek = perWeek, callAttemptsPerDay = calls, timeZone = "",
            version = current.GetProperty("version").GetInt64(),
        });
    }
}
