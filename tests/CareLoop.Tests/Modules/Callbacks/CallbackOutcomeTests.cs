using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;
using static CareLoop.Tests.Modules.Callbacks.CallbackApi;

namespace CareLoop.Tests.Modules.Callbacks;

/// <summary>Issue 8: what the agent records on a callback, and what the order, the outbox and quality control make of it.</summary>
public sealed class CallbackOutcomeTests
{
    [Theory, AllProviders]
    public async Task Confirming_closes_the_order_and_raises_CallbackConfirmed_once_however_often_it_is_pressed(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind);
        using var agent = await app.ApiAsAsync("agent");
        using var supervisor = await app.ApiAsAsync("supervisor");
        var (order, number) = await CompletedOrderAsync(app, agent);
        var callback = (await CallbackOfAsync(agent, order)).GetProperty("id").GetGuid();

        var outOfRange = await OutcomeAsync(agent, callback, new { outcome = "confirmed", csat = 6, nps = 11 });
        var problem = await ProblemAssert.IsProblemAsync(outOfRange, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["csat:out_of_range", "nps:out_of_range"], Customers.CustomerApi.Fields(problem));
        await ProblemAssert.HasFieldErrorAsync(await OutcomeAsync(agent, callback, new { outcome = "confirmed", csat = 0 }), "csat", "out_of_range");
        await ProblemAssert.HasFieldErrorAsync(await OutcomeAsync(agent, callback, new { outcome = "maybe" }), "outcome", "invalid_format");

        var first = await OutcomeAsync(agent, callback, new { outcome = "confirmed", csat = 5, nps = 9, comment = "师傅很专业" });
        var second = await OutcomeAsync(agent, callback, new { outcome = "confirmed", csat = 2, nps = 1 });
        var other = await OutcomeAsync(agent, callback, new { outcome = "problemFound", comment = "又坏了" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var replay = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("confirmed", replay.GetProperty("status").GetString());
        Assert.Equal(5, replay.GetProperty("csat").GetInt32());
        Assert.Equal(9, replay.GetProperty("nps").GetInt32());
        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Conflict, "callback_closed");
        Assert.Equal("closed", await StateAsync(agent, order));
        var confirmed = Assert.Single(await EventsAsync(app, "CallbackConfirmed"));
        var payload = JsonDocument.Parse(confirmed).RootElement;
        Assert.Equal(number, payload.GetProperty("workOrderNumber").GetString());
        Assert.Equal(await UserIdAsync(app, "engineer"), payload.GetProperty("engineerId").GetGuid());
        Assert.Equal(5, payload.GetProperty("csat").GetInt32());
        Assert.Empty(await EventsAsync(app, "CallbackProblemFound"));

        // Quality control: the supervisor's sample holds the agent's confirmed callback; a failed re-check needs a note.
        var sample = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/callbacks/quality");
        Assert.Contains(sample.EnumerateArray(), s => s.GetProperty("id").GetGuid() == callback);
        await ProblemAssert.HasFieldErrorAsync(await supervisor.PostAsJsonAsync($"/api/v1/callbacks/{callback}/quality", new { result = "failed" }), "note", "required");
        var recheck = await supervisor.PostAsJsonAsync($"/api/v1/callbacks/{callback}/quality", new { result = "passed", note = "客户确认属实" });
        Assert.Equal(HttpStatusCode.OK, recheck.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/callbacks/quality")).StatusCode);
        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/{callback}");
        Assert.Equal("passed", view.GetProperty("quality").GetProperty("result").GetString());
    }

    [Theory, AllProviders]
    public async Task A_problem_found_reopens_the_order_or_opens_a_follow_up_and_raises_CallbackProblemFound(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind);
        using var agent = await app.ApiAsAsync("agent");
        var (reopened, _) = await CompletedOrderAsync(app, agent);
        var (followed, _) = await CompletedOrderAsync(app, agent);
        var first = (await CallbackOfAsync(agent, reopened)).GetProperty("id").GetGuid();
        var second = (await CallbackOfAsync(agent, followed)).GetProperty("id").GetGuid();

        await ProblemAssert.HasFieldErrorAsync(await OutcomeAsync(agent, first, new { outcome = "problemFound" }), "comment", "required");
        var complaint = await OutcomeAsync(agent, first, new { outcome = "problemFound", csat = 1, nps = 0, comment = "还是不回充，师傅态度差", complaint = true, newProblem = "净水器也在漏水" });
        var followUp = await OutcomeAsync(agent, second, new { outcome = "problemFound", comment = "边刷也要换", resolution = "followUp" });

        Assert.Equal(HttpStatusCode.OK, complaint.StatusCode);
        var one = await complaint.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("problemFound", one.GetProperty("status").GetString());
        Assert.Equal("reopened", await StateAsync(agent, reopened));
        var request = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/service-requests/{one.GetProperty("newRequestId").GetGuid()}");
        Assert.Equal("净水器也在漏水", request.GetProperty("description").GetString());
        Assert.Equal("complaint", request.GetProperty("kind").GetString());

        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);
        var two = await followUp.Content.ReadFromJsonAsync<JsonElement>();
        var followUpOrder = two.GetProperty("followUpWorkOrderId").GetGuid();
        Assert.Equal("closed", await StateAsync(agent, followed));
        Assert.Equal("created", await StateAsync(agent, followUpOrder));

        var events = (await EventsAsync(app, "CallbackProblemFound")).Select(p => JsonDocument.Parse(p).RootElement).ToList();
        Assert.Equal(2, events.Count);
        var flagged = events.Single(e => e.GetProperty("workOrderId").GetGuid() == reopened);
        Assert.True(flagged.GetProperty("complaint").GetBoolean());
        Assert.Equal(JsonValueKind.Null, flagged.GetProperty("followUpWorkOrderId").ValueKind);
        var other = events.Single(e => e.GetProperty("workOrderId").GetGuid() == followed);
        Assert.False(other.GetProperty("complaint").GetBoolean());
        Assert.Equal(followUpOrder, other.GetProperty("followUpWorkOrderId").GetGuid());
        Assert.Empty(await EventsAsync(app, "CallbackConfirmed"));
    }
}
