using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Callbacks.Domain;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CareLoop.Tests.Modules.Callbacks.CallbackApi;

namespace CareLoop.Tests.Modules.Callbacks;

/// <summary>Issue 8: completing a work order opens exactly one callback, for the agent who took the case or the team.</summary>
public sealed class CallbackTaskTests
{
    [Theory, AllProviders]
    public async Task Completing_an_order_opens_one_callback_owned_by_the_agent_who_took_the_case_else_the_team(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind);
        using var supervisor = await app.ApiAsAsync("supervisor");
        using var agent = await app.ApiAsAsync("agent");
        using var admin = await app.ApiAsAsync("admin");
        var agentId = await UserIdAsync(app, "agent");

        // The supervisor logs the case for the agent and opens the order: the case is the agent's, so is the callback.
        var (owned, number) = await CompletedOrderAsync(app, supervisor, owner: agentId);
        var callback = await CallbackOfAsync(agent, owned);
        // An order the tenant admin opened without a request: nobody at the desk took it, the team calls.
        var (unowned, _) = await CompletedOrderAsync(app, admin);
        var teamCallback = await CallbackOfAsync(agent, unowned);

        Assert.Equal(agentId, callback.GetProperty("ownerId").GetGuid());
        Assert.Equal("客服 王芳", callback.GetProperty("ownerName").GetString());
        Assert.Equal(await UserIdAsync(app, "engineer"), callback.GetProperty("engineerId").GetGuid());
        Assert.Equal(number, callback.GetProperty("workOrderNumber").GetString());
        Assert.Equal("open", callback.GetProperty("status").GetString());
        var due = callback.GetProperty("dueAt").GetDateTimeOffset() - callback.GetProperty("createdAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(24), due);
        Assert.Equal("callbackPending", await StateAsync(agent, owned));
        Assert.Equal(JsonValueKind.Null, teamCallback.GetProperty("ownerId").ValueKind);
        var mine = await agent.GetFromJsonAsync<JsonElement>("/api/v1/callbacks?view=mine");
        var team = await agent.GetFromJsonAsync<JsonElement>("/api/v1/callbacks?view=team");
        Assert.Equal([owned], mine.EnumerateArray().Select(c => c.GetProperty("workOrderId").GetGuid()).ToArray());
        Assert.Equal([unowned], team.EnumerateArray().Select(c => c.GetProperty("workOrderId").GetGuid()).ToArray());
        Assert.Empty((await agent.GetFromJsonAsync<JsonElement>("/api/v1/callbacks?view=overdue")).EnumerateArray());

        // Asking for it by hand (a second node, a retry) returns the same callback; still one per completion.
        var again = await agent.PostAsJsonAsync("/api/v1/callbacks", new { workOrderId = owned });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(callback.GetProperty("id").GetGuid(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.Set<CallbackTask>().CountAsync(c => c.WorkOrderId == owned)));
    }

    [Theory, AllProviders]
    public async Task A_callback_on_an_order_that_is_not_completed_is_refused(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var engineer = await app.ApiAsAsync("engineer");
        var order = await CreatedOrderAsync(agent);

        var refused = await agent.PostAsJsonAsync("/api/v1/callbacks", new { workOrderId = order });
        var missing = await agent.PostAsJsonAsync("/api/v1/callbacks", new { });
        var unknown = await agent.PostAsJsonAsync("/api/v1/callbacks", new { workOrderId = Guid.NewGuid() });
        var forbidden = await engineer.PostAsJsonAsync("/api/v1/callbacks", new { workOrderId = order });

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "work_order_not_completed");
        await ProblemAssert.HasFieldErrorAsync(missing, "workOrderId", "required");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.Set<CallbackTask>().CountAsync()));
        Assert.Equal("created", await StateAsync(agent, order));
    }
}
