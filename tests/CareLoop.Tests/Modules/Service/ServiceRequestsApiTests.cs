using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.Service;

public sealed class ServiceRequestsApiTests
{
    private const string Phone = "13812345678";
    private const string Serial = "RVX2000000001";

    [Theory, AllProviders]
    public async Task A_request_refuses_an_open_duplicate_spawns_a_work_order_and_is_resolved_with_a_resolution(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        var (customer, unit) = await CustomerAndUnitAsync(agent);
        var body = new { customerId = customer, unitId = unit, kind = "repair", channel = "platformOrder", channelReference = "TM20260508001", description = "扫地机不回充", priority = "high", emotion = 2 };

        var first = await CreateAsync(agent, body);
        var duplicate = await agent.PostAsJsonAsync("/api/v1/service-requests", body);
        var candidates = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/service-requests/duplicates?customerId={customer}&unitId={unit}&kind=repair");
        var otherKind = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/service-requests/duplicates?customerId={customer}&unitId={unit}&kind=complaint");
        var second = await CreateAsync(agent, new { body.customerId, body.unitId, body.kind, body.channel, body.description, allowDuplicate = true });
        var spawned = await agent.PostAsJsonAsync($"/api/v1/service-requests/{first}/work-orders", new { kind = "onSiteRepair" });

        var conflict = await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict, "duplicate_request");
        Assert.Equal(first, conflict.GetProperty("existingRequestId").GetString());
        Assert.Equal([first], candidates.EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToArray());
        Assert.Equal(0, otherKind.GetArrayLength());
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Created, spawned.StatusCode);
        var opened = await spawned.Content.ReadFromJsonAsync<JsonElement>();
        var workOrder = opened.GetProperty("workOrderId").GetString();
        Assert.Equal(1, opened.GetProperty("requestVersion").GetInt64());

        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/service-requests/{first}");
        var linked = Assert.Single(view.GetProperty("workOrders").EnumerateArray());
        Assert.Equal(workOrder, linked.GetProperty("id").GetString());
        Assert.Equal(opened.GetProperty("number").GetString(), linked.GetProperty("number").GetString());
        Assert.Equal("created", linked.GetProperty("state").GetString());
        Assert.Equal("platformOrder", view.GetProperty("channel").GetString());
        Assert.Equal("TM20260508001", view.GetProperty("channelReference").GetString());
        Assert.Equal(2, view.GetProperty("emotion").GetInt32());
        Assert.Equal(await UserIdAsync(app, "agent"), view.GetProperty("ownerId").GetGuid());
        var orders = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders?customerId={customer}");
        var order = orders.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("id").GetString() == workOrder);
        Assert.Equal("high", order.GetProperty("priority").GetString()); // the request's priority by default
        var detail = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{workOrder}");
        Assert.Equal("扫地机不回充", detail.GetProperty("description").GetString());

        var noResolution = await Post(agent, first, "resolve", new { resolution = " ", expectedVersion = 1 });
        var stale = await Post(agent, first, "resolve", new { resolution = "已远程指导重置回充座", expectedVersion = 0 });
        var resolved = await Post(agent, first, "resolve", new { resolution = "已远程指导重置回充座", expectedVersion = 1 });
        var again = await Post(agent, first, "cancel", new { reason = "客户撤回", expectedVersion = 2 });
        var cancelled = await Post(agent, second, "cancel", new { reason = "重复受理", expectedVersion = 0 });

        Assert.Equal(["resolution:required"], Fields(await ProblemAssert.IsProblemAsync(noResolution, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        var staleProblem = await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "concurrency_conflict");
        Assert.Equal(1, staleProblem.GetProperty("currentVersion").GetInt64());
        Assert.Equal("open", staleProblem.GetProperty("currentState").GetString());
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var result = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("resolved", result.GetProperty("state").GetString());
        Assert.Equal(2, result.GetProperty("version").GetInt64());
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.UnprocessableEntity, "service_request_not_open");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        var list = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/service-requests?customerId={customer}&state=resolved");
        Assert.Equal([first], list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToArray());
        Assert.Equal("张伟", list.GetProperty("items")[0].GetProperty("customerName").GetString());
        var nowOpen = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/service-requests/duplicates?customerId={customer}&unitId={unit}&kind=repair");
        Assert.Equal(0, nowOpen.GetArrayLength());
        var audited = await app.DbAsync("demo-brand", db => db.AuditEvents.Where(a => a.Action.StartsWith("service-request.")).Select(a => a.Action).ToListAsync());
        Assert.Equal(
            ["service-request.cancelled", "service-request.created", "service-request.created", "service-request.resolved", "service-request.work-order-opened"],
            audited.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory, AllProviders]
    public async Task A_work_order_the_work_orders_module_refuses_leaves_no_link_and_no_order_behind(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        var (customer, _) = await CustomerAndUnitAsync(agent);
        var request = await CreateAsync(agent, new { customerId = customer, kind = "consultation", channel = "weChat", description = "想了解滤网多久换一次" });

        var needsUnit = await agent.PostAsJsonAsync($"/api/v1/service-requests/{request}/work-orders", new { kind = "installation" });
        var badKind = await agent.PostAsJsonAsync($"/api/v1/service-requests/{request}/work-orders", new { kind = "teleport", priority = "low" });
        var badPriority = await agent.PostAsJsonAsync($"/api/v1/service-requests/{request}/work-orders", new { kind = "videoGuidance", priority = "asap" });

        Assert.Equal(["unitId:required"], Fields(await ProblemAssert.IsProblemAsync(needsUnit, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["kind:invalid_format"], Fields(await ProblemAssert.IsProblemAsync(badKind, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["priority:invalid_format"], Fields(await ProblemAssert.IsProblemAsync(badPriority, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/service-requests/{request}");
        Assert.Equal(0, view.GetProperty("workOrders").GetArrayLength());
        Assert.Equal(0, view.GetProperty("version").GetInt64());
        var orders = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders?customerId={customer}");
        Assert.Equal(0, orders.GetProperty("total").GetInt32());

        var guidance = await agent.PostAsJsonAsync($"/api/v1/service-requests/{request}/work-orders", new { kind = "videoGuidance", description = "视频指导更换滤网" });
        Assert.Equal(HttpStatusCode.Created, guidance.StatusCode);
    }

    [Theory, AllProviders]
    public async Task Bad_input_is_refused_with_every_field_error_at_once(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        var (customer, _) = await CustomerAndUnitAsync(agent);
        var someoneElsesUnit = UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{await CustomerIdAsync(agent, "13912345601")}"), "WP6000000001");

        var foreignUnit = await agent.PostAsJsonAsync("/api/v1/service-requests",
            new { customerId = customer, unitId = someoneElsesUnit, kind = "repair", channel = "phone", description = "不出水" });
        var angrier = await agent.PostAsJsonAsync("/api/v1/service-requests",
            new { customerId = customer, kind = "complaint", channel = "phone", description = "投诉", emotion = 0 });
        var happier = await agent.PostAsJsonAsync("/api/v1/service-requests",
            new { customerId = customer, kind = "complaint", channel = "phone", description = "表扬", emotion = 6 });
        var unknownChannel = await agent.PostAsJsonAsync("/api/v1/service-requests",
            new { customerId = customer, kind = "repair", channel = "fax", description = "不出水", channelReference = new string('x', 65) });
        var empty = await agent.PostAsJsonAsync("/api/v1/service-requests", new { customerId = Guid.NewGuid(), unitId = Guid.NewGuid(), priority = "3" });
        var badFilter = await agent.GetAsync("/api/v1/service-requests?state=closed");
        var noKind = await agent.GetAsync($"/api/v1/service-requests/duplicates?customerId={customer}");

        Assert.Equal(["unitId:unknown_unit"], Fields(await ProblemAssert.IsProblemAsync(foreignUnit, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["emotion:out_of_range"], Fields(await ProblemAssert.IsProblemAsync(angrier, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["emotion:out_of_range"], Fields(await ProblemAssert.IsProblemAsync(happier, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["channel:invalid_format", "channelReference:too_long"],
            Fields(await ProblemAssert.IsProblemAsync(unknownChannel, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["kind:required", "channel:required", "priority:invalid_format", "description:required", "customerId:unknown_customer", "unitId:unknown_unit"],
            Fields(await ProblemAssert.IsProblemAsync(empty, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["state:invalid_format"], Fields(await ProblemAssert.IsProblemAsync(badFilter, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["kind:required"], Fields(await ProblemAssert.IsProblemAsync(noKind, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.AuditEvents.CountAsync(a => a.Action.StartsWith("service-request."))));
    }

    [Theory, AllProviders]
    public async Task Engineers_may_not_see_requests_and_dispatchers_may_only_read_them(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var engineer = await app.ApiAsAsync("engineer");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var (customer, unit) = await CustomerAndUnitAsync(agent);
        var request = await CreateAsync(agent, new { customerId = customer, unitId = unit, kind = "installation", channel = "app", description = "预约安装" });

        await ProblemAssert.IsProblemAsync(await engineer.GetAsync("/api/v1/service-requests"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await engineer.GetAsync($"/api/v1/service-requests/{request}"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(
            await engineer.PostAsJsonAsync("/api/v1/service-requests", new { customerId = customer, kind = "repair", channel = "phone", description = "x" }),
            HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync($"/api/v1/service-requests/{request}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await Post(dispatcher, request, "cancel", new { reason = "x", expectedVersion = 0 }), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(
            await dispatcher.PostAsJsonAsync($"/api/v1/service-requests/{request}/work-orders", new { kind = "installation" }), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await agent.GetAsync($"/api/v1/service-requests/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
    }

    private static async Task<(string Customer, string Unit)> CustomerAndUnitAsync(HttpClient agent)
    {
        var customer = await CustomerIdAsync(agent, Phone);
        return (customer, UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}"), Serial));
    }

    private static async Task<string> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/service-requests", body);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToString());
        Assert.Equal("open", created.GetProperty("state").GetString());
        Assert.Equal(0, created.GetProperty("version").GetInt64());
        return created.GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string request, string action, object body) =>
        client.PostAsJsonAsync($"/api/v1/service-requests/{request}/{action}", body);

    private static Task<Guid> UserIdAsync(CareLoopApp app, string userName) =>
        app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
}
