using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Integrations.Domain;
using CareLoop.Modules.Integrations.Features.ReceiveOrders;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Platform.Realtime;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CareLoop.Tests.Modules.Integrations;

public sealed class IntegrationAdminTests
{
    /// <summary>Double-12 eve, 23:00 in Shanghai.</summary>
    private static readonly DateTimeOffset Eve = new(2026, 12, 11, 23, 0, 0, TimeSpan.FromHours(8));

    [Theory, AllProviders]
    public async Task A_key_an_admin_creates_signs_orders_its_secret_is_shown_once_and_the_feed_hears_of_each_order(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        using var admin = await app.ApiAsAsync("admin");
        var brand = await app.TenantIdAsync("demo-brand");
        var heard = new List<ChangeNotice>();
        using var subscription = app.Services.GetRequiredService<IChangeFeed>().Subscribe(ChangeTopics.Topic(brand, IntegrationTopics.Orders), n =>
        {
            lock (heard)
            {
                heard.Add(n);
            }

            return Task.CompletedTask;
        });

        var created = await admin.PostAsJsonAsync("/api/v1/integration-keys", new { name = "天猫旗舰店", shopId = "tmall-flagship", ratePerSecond = 200 });
        var issued = await created.Content.ReadFromJsonAsync<JsonElement>();
        var keyId = issued.GetProperty("key").GetProperty("id").GetString()!;
        var secret = issued.GetProperty("secret").GetString()!;
        var accepted = await OrderApi.SendAsync(http, OrderApi.Order("TM20261212000001"), keyId, secret);
        var refused = await OrderApi.SendAsync(http, OrderApi.Order("TM20261212000002", sku: "NO-SUCH-SKU"), keyId, secret);
        var demo = await OrderApi.SendAsync(http, OrderApi.Order("TM20261212000003", phone: "13600000003"));
        var listed = await admin.GetStringAsync("/api/v1/integration-keys");
        var keys = JsonDocument.Parse(listed).RootElement;
        var invalid = await admin.PostAsJsonAsync("/api/v1/integration-keys", new { name = " ", shopId = new string('x', 65), ratePerSecond = 0 });
        var feed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/platform-orders?page=1&pageSize=10");
        var audited = await app.DbAsync("demo-brand", db => db.AuditEvents.Where(a => a.EntityId == keyId).Select(a => a.Action).ToListAsync());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/integration-keys/{keyId}", created.Headers.Location?.OriginalString);
        Assert.StartsWith("ik_", keyId, StringComparison.Ordinal);
        Assert.Equal(64, secret.Length);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(HttpStatusCode.Accepted, demo.StatusCode); // the demo key keeps working beside it
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", listed, StringComparison.OrdinalIgnoreCase);
        var row = keys.EnumerateArray().Single(k => k.GetProperty("id").GetString() == keyId);
        Assert.Equal(("天猫旗舰店", "tmall-flagship", 200), (row.GetProperty("name").GetString(), row.GetProperty("shopId").GetString(), row.GetProperty("ratePerSecond").GetInt32()));
        Assert.Contains(keys.EnumerateArray(), k => k.GetProperty("id").GetString() == OrderApi.DemoKey);
        var problem = await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["name:required", "shopId:too_long", "ratePerSecond:out_of_range"], Fields(problem));
        Assert.Contains("必填", problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, feed.GetProperty("total").GetInt32());
        Assert.Equal("TM20261212000003", feed.GetProperty("items")[0].GetProperty("platformOrderId").GetString()); // newest first
        var mine = feed.GetProperty("items")[1];
        Assert.Equal((keyId, "accepted", 1), (mine.GetProperty("keyId").GetString(), mine.GetProperty("status").GetString(), mine.GetProperty("workOrderCount").GetInt32()));
        Assert.StartsWith("WO", mine.GetProperty("workOrders")[0].GetProperty("number").GetString(), StringComparison.Ordinal);
        Assert.Equal("陈静😊", mine.GetProperty("customerName").GetString());
        Assert.Equal(["integration-key.created"], audited);
        await Eventually(() =>
        {
            lock (heard)
            {
                return heard.Count(n => n.What == "accepted") == 2 && heard.Count(n => n.What == "rejected") == 1;
            }
        });
    }

    [Theory, AllProviders]
    public async Task A_rotated_key_takes_both_secrets_during_the_overlap_only_the_new_one_after_and_none_once_revoked(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(Eve.ToUniversalTime());
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false, services: s => s.AddSingleton<TimeProvider>(clock));
        using var http = app.Http();
        var admin = await app.ApiAsAsync("admin");
        var issued = await (await admin.PostAsJsonAsync("/api/v1/integration-keys", new { name = "京东自营", shopId = "tmall-flagship" })).Content.ReadFromJsonAsync<JsonElement>();
        var keyId = issued.GetProperty("key").GetProperty("id").GetString()!;
        var first = issued.GetProperty("secret").GetString()!;
        var n = 0;
        Task<HttpResponseMessage> SendAsync(string secret) =>
            OrderApi.SendAsync(http, OrderApi.Order($"TM2026121200{++n:D4}", phone: $"1360000{n:D4}", now: clock.GetUtcNow()), keyId, secret, clock.GetUtcNow());

        var rotated = await admin.PostAsJsonAsync($"/api/v1/integration-keys/{keyId}/rotation", new { overlapHours = 2 });
        var body = await rotated.Content.ReadFromJsonAsync<JsonElement>();
        var second = body.GetProperty("secret").GetString()!;
        var oldDuringOverlap = await SendAsync(first);
        var newDuringOverlap = await SendAsync(second);
        var tooLong = await admin.PostAsJsonAsync($"/api/v1/integration-keys/{keyId}/rotation", new { overlapHours = 169 });

        clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        admin.Dispose();
        admin = await app.ApiAsAsync("admin"); // the first token lived one hour
        var oldAfterOverlap = await SendAsync(first);
        var newAfterOverlap = await SendAsync(second);

        var revoked = await admin.PostAsync($"/api/v1/integration-keys/{keyId}/revocation", null);
        var afterRevocation = await SendAsync(second);
        var rotateRevoked = await admin.PostAsJsonAsync($"/api/v1/integration-keys/{keyId}/rotation", new { overlapHours = 1 });
        var revokedAgain = await admin.PostAsync($"/api/v1/integration-keys/{keyId}/revocation", null);
        var unknown = await admin.PostAsync("/api/v1/integration-keys/ik_nope/revocation", null);
        var row = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/integration-keys")).EnumerateArray().Single(k => k.GetProperty("id").GetString() == keyId);
        var audited = await app.DbAsync("demo-brand", db => db.AuditEvents.Where(a => a.EntityId == keyId).Select(a => a.Action).ToListAsync());
        admin.Dispose();

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(first, second);
        Assert.Equal(Eve.AddHours(2), body.GetProperty("key").GetProperty("previousValidUntil").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Accepted, oldDuringOverlap.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, newDuringOverlap.StatusCode);
        Assert.Equal(["overlapHours:out_of_range"], Fields(await ProblemAssert.IsProblemAsync(tooLong, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        await ProblemAssert.IsProblemAsync(oldAfterOverlap, HttpStatusCode.Unauthorized, "invalid_signature");
        Assert.Equal(HttpStatusCode.Accepted, newAfterOverlap.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await ProblemAssert.IsProblemAsync(afterRevocation, HttpStatusCode.Unauthorized, "invalid_signature"); // at once: this node forgot the cached key
        await ProblemAssert.IsProblemAsync(rotateRevoked, HttpStatusCode.Conflict, "integration_key_revoked");
        Assert.Equal(HttpStatusCode.OK, revokedAgain.StatusCode);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(clock.GetUtcNow(), row.GetProperty("revokedAt").GetDateTimeOffset());
        Assert.Equal(["integration-key.created", "integration-key.revoked", "integration-key.rotated"], audited.Order(StringComparer.Ordinal));
    }

    [Theory, AllProviders]
    public async Task Another_tenant_sees_none_of_the_keys_orders_or_rejections_and_cannot_touch_them(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        using var admin = await app.ApiAsAsync("admin");
        using var other = await app.ApiAsAsync("provider-admin", "demo-provider");
        var issued = await (await admin.PostAsJsonAsync("/api/v1/integration-keys", new { name = "抖店", shopId = "tmall-flagship" })).Content.ReadFromJsonAsync<JsonElement>();
        var keyId = issued.GetProperty("key").GetProperty("id").GetString()!;
        await OrderApi.SendAsync(http, OrderApi.Order("TM20261212000101"));
        await OrderApi.SendAsync(http, OrderApi.Order("TM20261212000102", sku: "NO-SUCH-SKU"));
        var rejection = await app.DbAsync("demo-brand", db => db.Set<RejectedOrder>().Select(r => r.Id).SingleAsync());

        var keys = await other.GetFromJsonAsync<JsonElement>("/api/v1/integration-keys");
        var rotate = await other.PostAsJsonAsync($"/api/v1/integration-keys/{keyId}/rotation", new { overlapHours = 0 });
        var revoke = await other.PostAsync($"/api/v1/integration-keys/{OrderApi.DemoKey}/revocation", null);
        var orders = await other.GetFromJsonAsync<JsonElement>("/api/v1/platform-orders");
        var rejected = await other.GetFromJsonAsync<JsonElement>("/api/v1/rejected-orders");
        var replay = await other.PostAsync($"/api/v1/rejected-orders/{rejection}/replay", null);
        var dismiss = await other.PostAsync($"/api/v1/rejected-orders/{rejection}/dismissal", null);

        Assert.Equal(0, keys.GetArrayLength());
        await ProblemAssert.IsProblemAsync(rotate, HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(revoke, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, orders.GetProperty("total").GetInt32());
        Assert.Equal(0, rejected.GetProperty("total").GetInt32());
        await ProblemAssert.IsProblemAsync(replay, HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(dismiss, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.Accepted, (await OrderApi.SendAsync(http, OrderApi.Order("TM20261212000103", phone: "13600000103"))).StatusCode);
    }

    [Theory, AllProviders]
    public async Task A_refused_order_is_replayed_once_the_missing_sku_is_in_the_catalog(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        using var admin = await app.ApiAsAsync("admin");
        var refused = await OrderApi.SendAsync(http, OrderApi.Order("TM20261212000201", phone: "13600000201", sku: "WP-NEW900"));
        var open = await admin.GetFromJsonAsync<JsonElement>("/api/v1/rejected-orders");
        var id = open.GetProperty("items")[0].GetProperty("id").GetString();

        var tooEarly = await admin.PostAsync($"/api/v1/rejected-orders/{id}/replay", null);
        var stillOpen = await admin.GetFromJsonAsync<JsonElement>("/api/v1/rejected-orders?status=open");
        var category = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/catalog/categories"))[0].GetProperty("id").GetString();
        var model = await admin.PostAsJsonAsync("/api/v1/catalog/models", new
        {
            sku = "WP-NEW900", name = "NEW900 厨下净水器", categoryId = category, isActive = true,
            warranty = new { mainUnitMonths = 24, wearPartsMonths = 6, startRule = "invoiceDate", startOffset = 0, transfersWithOwnership = true },
        });
        var replayed = await admin.PostAsync($"/api/v1/rejected-orders/{id}/replay", null);
        var accepted = await replayed.Content.ReadFromJsonAsync<JsonElement>();
        var workOrder = accepted.GetProperty("workOrderIds")[0].GetString();
        var done = await admin.GetFromJsonAsync<JsonElement>("/api/v1/rejected-orders?status=replayed");
        var twice = await admin.PostAsync($"/api/v1/rejected-orders/{id}/replay", null);
        var feed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/platform-orders");
        var shopResends = await OrderApi.SendAsync(http, OrderApi.Order("TM20261212000201", phone: "13600000201", sku: "WP-NEW900"));
        var audited = await app.DbAsync("demo-brand", db => db.AuditEvents.Where(a => a.EntityId == id).Select(a => a.Action).ToListAsync());

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "validation_failed");
        var error = open.GetProperty("items")[0].GetProperty("errors")[0];
        Assert.Equal(("items[0].sku", "unknown_sku", "WP-NEW900"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString(), error.GetProperty("args")[0].GetString()));
        Assert.Equal(("tmall", "TM20261212000201", "open"), (open.GetProperty("items")[0].GetProperty("platform").GetString(),
            open.GetProperty("items")[0].GetProperty("platformOrderId").GetString(), open.GetProperty("items")[0].GetProperty("status").GetString()));
        Assert.Equal(["items[0].sku:unknown_sku"], Fields(await ProblemAssert.IsProblemAsync(tooEarly, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(1, stillOpen.GetProperty("total").GetInt32()); // the replay made no second dead letter
        Assert.Equal(HttpStatusCode.Created, model.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, replayed.StatusCode);
        Assert.Equal(1, accepted.GetProperty("workOrderIds").GetArrayLength());
        Assert.Equal("created", (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{workOrder}")).GetProperty("state").GetString());
        Assert.Equal(id, done.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal("系统管理员", done.GetProperty("items")[0].GetProperty("resolvedBy").GetString());
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/rejected-orders")).GetProperty("total").GetInt32());
        await ProblemAssert.IsProblemAsync(twice, HttpStatusCode.Conflict, "rejection_not_open");
        Assert.Equal("TM20261212000201", feed.GetProperty("items")[0].GetProperty("platformOrderId").GetString());
        Assert.Equal(HttpStatusCode.OK, shopResends.StatusCode); // the replayed order is the shop's order: a resend is a repeat
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.Set<RejectedOrder>().CountAsync()));
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.Set<WorkOrder>().CountAsync()));
        Assert.Equal(["rejected-order.replay-refused", "rejected-order.replayed"], audited.Order(StringComparer.Ordinal));
    }

    [Theory, AllProviders]
    public async Task A_dismissed_rejection_leaves_the_open_list_and_a_revoked_keys_rejection_cannot_be_replayed(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        using var admin = await app.ApiAsAsync("admin");
        var issued = await (await admin.PostAsJsonAsync("/api/v1/integration-keys", new { name = "测试店", shopId = "tmall-flagship" })).Content.ReadFromJsonAsync<JsonElement>();
        var keyId = issued.GetProperty("key").GetProperty("id").GetString()!;
        await OrderApi.PostAsync(http, "/api/v1/integrations/orders", "{\"platform\": \"tmall\", "u8.ToArray());
        await OrderApi.SendAsync(http, OrderApi.Order("TM20261212000301", sku: "NO-SUCH-SKU"), keyId, issued.GetProperty("secret").GetString()!);
        var open = await admin.GetFromJsonAsync<JsonElement>("/api/v1/rejected-orders");
        var junk = open.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("keyId").GetString() == OrderApi.DemoKey);
        var orphan = open.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("keyId").GetString() == keyId).GetProperty("id").GetString();
        await admin.PostAsync($"/api/v1/integration-keys/{keyId}/revocation", null);

        var dismissed = await admin.PostAsync($"/api/v1/rejected-orders/{junk.GetProperty("id").GetString()}/dismissal", null);
        var body = await dismissed.Content.ReadFromJsonAsync<JsonElement>();
        var again = await admin.PostAsync($"/api/v1/rejected-orders/{junk.GetProperty("id").GetString()}/dismissal", null);
        var replayDismissed = await admin.PostAsync($"/api/v1/rejected-orders/{junk.GetProperty("id").GetString()}/replay", null);
        var replayOrphan = await admin.PostAsync($"/api/v1/rejected-orders/{orphan}/replay", null);
        var stillOpen = await admin.GetFromJsonAsync<JsonElement>("/api/v1/rejected-orders?status=open");
        var badStatus = await admin.GetAsync("/api/v1/rejected-orders?status=gone");
        var missing = await admin.PostAsync($"/api/v1/rejected-orders/{Guid.NewGuid()}/dismissal", null);

        Assert.Equal("body:malformed_json", $"{junk.GetProperty("errors")[0].GetProperty("field").GetString()}:{junk.GetProperty("errors")[0].GetProperty("code").GetString()}");
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        Assert.Equal(("dismissed", "系统管理员"), (body.GetProperty("status").GetString(), body.GetProperty("resolvedBy").GetString()));
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "rejection_not_open");
        await ProblemAssert.IsProblemAsync(replayDismissed, HttpStatusCode.Conflict, "rejection_not_open");
        var problem = await ProblemAssert.IsProblemAsync(replayOrphan, HttpStatusCode.Conflict, "integration_key_revoked");
        Assert.Contains(keyId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([orphan], stillOpen.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        await ProblemAssert.IsProblemAsync(badStatus, HttpStatusCode.UnprocessableEntity, "validation_failed");
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/rejected-orders?status=dismissed")).GetProperty("total").GetInt32());
    }

    [Theory, AllProviders]
    public async Task Agents_may_not_see_or_manage_integrations_and_supervisors_may_only_read_the_feed(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        using var agent = await app.ApiAsAsync("agent");
        using var supervisor = await app.ApiAsAsync("supervisor");
        await OrderApi.SendAsync(http, OrderApi.Order("TM20261212000401", sku: "NO-SUCH-SKU"));
        var rejection = await app.DbAsync("demo-brand", db => db.Set<RejectedOrder>().Select(r => r.Id).SingleAsync());

        var forbidden = new[]
        {
            await agent.GetAsync("/api/v1/integration-keys"),
            await agent.PostAsJsonAsync("/api/v1/integration-keys", new { name = "x", shopId = "y" }),
            await agent.PostAsJsonAsync($"/api/v1/integration-keys/{OrderApi.DemoKey}/rotation", new { overlapHours = 0 }),
            await agent.PostAsync($"/api/v1/integration-keys/{OrderApi.DemoKey}/revocation", null),
            await agent.GetAsync("/api/v1/platform-orders"),
            await agent.GetAsync("/api/v1/rejected-orders"),
            await agent.PostAsync($"/api/v1/rejected-orders/{rejection}/replay", null),
            await supervisor.GetAsync("/api/v1/integration-keys"),
            await supervisor.PostAsync($"/api/v1/integration-keys/{OrderApi.DemoKey}/revocation", null),
            await supervisor.PostAsync($"/api/v1/rejected-orders/{rejection}/replay", null),
            await supervisor.PostAsync($"/api/v1/rejected-orders/{rejection}/dismissal", null),
        };
        var feed = await supervisor.GetAsync("/api/v1/platform-orders");
        var deadLetters = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/rejected-orders");

        foreach (var response in forbidden)
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal(1, deadLetters.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, (await OrderApi.SendAsync(http, OrderApi.Order("TM20261212000402"))).StatusCode); // the demo key was not revoked
    }

    private static List<string> Fields(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("code").GetString()).ToList();

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }
}
