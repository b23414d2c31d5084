using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.WorkOrders;

public sealed class WorkOrdersApiTests
{
    [Theory, AllProviders]
    public async Task An_on_site_repair_walks_from_created_to_closed_with_a_timeline_entry_per_move(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var (order, customer) = await CreateAsync(agent, "onSiteRepair");
        var engineerId = await UserIdAsync(app, "engineer");
        var window = NextWorkingAfternoon();

        var version = await MoveAsync(dispatcher, order, 0, new { action = "assign", assigneeId = engineerId }, "assigned");
        version = await MoveAsync(engineer, order, version, new { action = "accept" }, "accepted");
        var evening = await Post(engineer, order, new { action = "schedule", expectedVersion = version, window = NextWorkingAfternoon(hour: 19) });
        Assert.Equal(["window.start:outside_business_hours"], Fields(await ProblemAssert.IsProblemAsync(evening, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        version = await MoveAsync(engineer, order, version, new { action = "schedule", window }, "scheduled");
        version = await MoveAsync(agent, order, version, new { action = "reschedule", window, reason = "客户临时出差", cause = "customer" }, "scheduled");
        version = await MoveAsync(engineer, order, version, new { action = "checkIn", latitude = 31.30, longitude = 120.62 }, "onSite");
        Assert.Equal(HttpStatusCode.Created, (await engineer.PostAsync($"/api/v1/work-orders/{order}/attachments", EvidenceTests.Photo(EvidenceTests.Jpeg()))).StatusCode);
        var code = await CompletionCodeTests.SendAsync(app, engineer, order);
        version = await MoveAsync(engineer, order, version, new { action = "complete", barcode = "rvx2000000001", verificationCode = code }, "completed");
        version = await MoveAsync(agent, order, version, new { action = "requestCallback" }, "callbackPending");
        await MoveAsync(agent, order, version, new { action = "close" }, "closed");
        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");
        var profile = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}");
        var mine = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/work-orders?state=closed");

        Assert.Equal("closed", view.GetProperty("state").GetString());
        Assert.Equal(8, view.GetProperty("version").GetInt64());
        Assert.Equal(1, view.GetProperty("rescheduleCount").GetInt32());
        Assert.Equal(["create", "assign", "accept", "schedule", "reschedule", "checkIn", "completionCodeSent", "complete", "requestCallback", "close"],
            view.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("action").GetString()).ToArray());
        var checkIn = view.GetProperty("timeline")[5];
        Assert.Equal("scheduled", checkIn.GetProperty("from").GetString());
        Assert.Equal("onSite", checkIn.GetProperty("to").GetString());
        Assert.Equal(31.30, checkIn.GetProperty("latitude").GetDouble());
        Assert.Equal(["reopen"], view.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).ToArray());
        var service = profile.GetProperty("service")[0];
        Assert.Equal(view.GetProperty("number").GetString(), service.GetProperty("number").GetString());
        Assert.False(service.GetProperty("isOpen").GetBoolean());
        Assert.Equal(order, mine.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(9, await app.DbAsync("demo-brand", db => db.OutboxMessages.CountAsync(m => m.Type.Contains("WorkOrder"))));
    }

    [Theory, AllProviders]
    public async Task Illegal_stale_unreasoned_and_foreign_moves_are_refused_and_change_nothing(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer2 = await app.ApiAsAsync("engineer2");
        var (order, _) = await CreateAsync(agent, "installation");
        var engineerId = await UserIdAsync(app, "engineer");
        await MoveAsync(dispatcher, order, 0, new { action = "assign", assigneeId = engineerId }, "assigned");

        var illegal = await Post(agent, order, new { action = "complete", expectedVersion = 1 });
        var stale = await Post(dispatcher, order, new { action = "assign", expectedVersion = 0, assigneeId = await UserIdAsync(app, "engineer2") });
        var noReason = await Post(agent, order, new { action = "cancel", expectedVersion = 1 });
        var notTheirs = await Post(engineer2, order, new { action = "accept", expectedVersion = 1 });
        var wrongRole = await Post(agent, order, new { action = "accept", expectedVersion = 1 });
        var notEngineer = await Post(dispatcher, order, new { action = "assign", expectedVersion = 1, assigneeId = await UserIdAsync(app, "agent") });
        var unknownAction = await Post(agent, order, new { action = "teleport", expectedVersion = 1 });
        var badCreate = await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = Guid.NewGuid(), unitId = Guid.NewGuid(), kind = "installation", description = "" });

        var problem = await ProblemAssert.IsProblemAsync(illegal, HttpStatusCode.UnprocessableEntity, "illegal_transition");
        Assert.Contains("assigned", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        var conflict = await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "concurrency_conflict");
        Assert.Equal("assigned", conflict.GetProperty("currentState").GetString());
        Assert.Equal(1, conflict.GetProperty("currentVersion").GetInt64());
        Assert.Equal(["reason:required"], Fields(await ProblemAssert.IsProblemAsync(noReason, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        await ProblemAssert.IsProblemAsync(notTheirs, HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(wrongRole, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(["assigneeId:not_an_engineer"], Fields(await ProblemAssert.IsProblemAsync(notEngineer, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["action:invalid_format"], Fields(await ProblemAssert.IsProblemAsync(unknownAction, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["description:required", "customerId:unknown_customer", "unitId:unknown_unit"],
            Fields(await ProblemAssert.IsProblemAsync(badCreate, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");
        Assert.Equal("assigned", view.GetProperty("state").GetString());
        Assert.Equal(2, view.GetProperty("timeline").GetArrayLength());
    }

    [Theory, AllProviders]
    public async Task Two_concurrent_moves_of_one_order_give_exactly_one_winner_and_one_409(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var engineer = await UserIdAsync(app, "engineer");
        var engineer2 = await UserIdAsync(app, "engineer2");

        for (var round = 0; round < 5; round++)
        {
            var (order, _) = await CreateAsync(agent, "onSiteRepair");
            await MoveAsync(dispatcher, order, 0, new { action = "assign", assigneeId = engineer }, "assigned");

            var responses = await Task.WhenAll(
                Post(dispatcher, order, new { action = "assign", expectedVersion = 1, assigneeId = engineer2 }),
                Post(agent, order, new { action = "cancel", expectedVersion = 1, reason = "客户取消" }));

            Assert.Equal([200, 409], responses.Select(r => (int)r.StatusCode).Order().ToArray());
            var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");
            Assert.Equal(2, view.GetProperty("version").GetInt64());
            Assert.Equal(3, view.GetProperty("timeline").GetArrayLength());
        }
    }

    [Theory, AllProviders]
    public async Task A_mail_in_repair_goes_through_the_repair_centre_and_a_reopen_within_30_days_is_a_repeat_repair(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var technician = await app.ApiAsAsync("technician");
        using var warehouse = await app.ApiAsAsync("warehouse");
        using var quality = await app.ApiAsAsync("quality");
        var (order, _) = await CreateAsync(agent, "mailInRepair");

        var version = await MoveAsync(agent, order, 0, new { action = "requestShipment" }, "awaitingShipment");
        version = await MoveAsync(agent, order, version, new { action = "ship", trackingNumber = "SF1234567890" }, "inTransit");
        version = await MoveAsync(warehouse, order, version, new { action = "receive" }, "received");
        version = await MoveAsync(technician, order, version, new { action = "diagnose" }, "diagnosing");
        version = await MoveAsync(technician, order, version, new { action = "quote" }, "awaitingApproval");
        version = await MoveAsync(agent, order, version, new { action = "approve" }, "repairing");
        version = await MoveAsync(technician, order, version, new { action = "finishRepair" }, "qualityCheck");
        version = await MoveAsync(quality, order, version, new { action = "failQualityCheck", reason = "噪音仍偏大" }, "repairing");
        version = await MoveAsync(technician, order, version, new { action = "finishRepair" }, "qualityCheck");
        version = await MoveAsync(quality, order, version, new { action = "shipBack", trackingNumber = "SF0987654321" }, "shippedBack");
        version = await MoveAsync(warehouse, order, version, new { action = "deliver" }, "delivered");
        version = await MoveAsync(agent, order, version, new { action = "complete" }, "completed");
        await MoveAsync(agent, order, version, new { action = "reopen", reason = "收到后仍不出水" }, "reopened");
        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");
        var onSiteOnly = await Post(agent, order, new { action = "assign", expectedVersion = version + 1, assigneeId = await UserIdAsync(app, "engineer") });

        Assert.True(view.GetProperty("isRepeatRepair").GetBoolean());
        Assert.Equal("SF1234567890", view.GetProperty("timeline")[2].GetProperty("trackingNumber").GetString());
        await ProblemAssert.IsProblemAsync(onSiteOnly, HttpStatusCode.UnprocessableEntity, "illegal_transition");
    }

    private static async Task<(string Order, string Customer)> CreateAsync(HttpClient agent, string kind)
    {
        var customer = await CustomerIdAsync(agent, "13812345678");
        var unit = UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}"), "RVX2000000001");
        var created = await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind, priority = "high", description = "扫地机不回充" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Matches("^WO[0-9]{6}[0-9A-Z]{7}$", body.GetProperty("number").GetString());
        Assert.Equal("created", body.GetProperty("state").GetString());
        return (body.GetProperty("id").GetString()!, customer);
    }

    /// <summary>14:00–16:00 Shanghai on the next weekday: inside the default working week whenever the test runs.</summary>
    private static object NextWorkingAfternoon(int hour = 14)
    {
        var day = NextWeekday();
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));
        return new { start, end = start.AddHours(2) };
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string order, object body) =>
        client.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", body);

    private static async Task<long> MoveAsync(HttpClient client, string order, long expectedVersion, object transition, string expectedState)
    {
        var body = JsonSerializer.SerializeToNode(transition)!.AsObject();
        body["expectedVersion"] = expectedVersion;
        var response = await client.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", body);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{body["action"]}: {result}");
        Assert.Equal(expectedState, result.GetProperty("state").GetString());
        return result.GetProperty("version").GetInt64();
    }

    private static Task<Guid> UserIdAsync(CareLoopApp app, string userName) =>
        app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
}
