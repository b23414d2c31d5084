using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.Callbacks;

/// <summary>What the callback tests keep doing: finish a job (video guidance: no completion evidence needed) and wait for its callback.</summary>
internal static class CallbackApi
{
    public const string Phone = "13812345678";
    public const string Serial = "RVX2000000001";

    /// <summary>Opens a video-guidance order as <paramref name="creator"/> (or through a service request owned by <paramref name="owner"/>) and walks it to completed.</summary>
    public static async Task<(Guid Order, string Number)> CompletedOrderAsync(CareLoopApp app, HttpClient creator, Guid? owner = null)
    {
        var customer = await CustomerIdAsync(creator, Phone);
        var unit = UnitId(await creator.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}"), Serial);
        Guid order;
        if (owner is { } ownerId)
        {
            var request = await creator.PostAsJsonAsync("/api/v1/service-requests",
                new { customerId = customer, unitId = unit, kind = "repair", channel = "phone", description = "扫地机不回充", ownerId, allowDuplicate = true });
            Assert.Equal(HttpStatusCode.Created, request.StatusCode);
            var requestId = (await request.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            var opened = await creator.PostAsJsonAsync($"/api/v1/service-requests/{requestId}/work-orders", new { kind = "videoGuidance", description = "视频指导回充" });
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            order = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrderId").GetGuid();
        }
        else
        {
            order = await CreatedOrderAsync(creator);
        }

        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var version = await MoveAsync(dispatcher, order, 0, new { action = "assign", assigneeId = await UserIdAsync(app, "engineer") });
        version = await MoveAsync(engineer, order, version, new { action = "accept" });
        version = await MoveAsync(engineer, order, version, new { action = "schedule", window = NextWorkingAfternoon() });
        version = await MoveAsync(engineer, order, version, new { action = "checkIn" });
        await MoveAsync(engineer, order, version, new { action = "complete" });
        var number = (await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("number").GetString()!;
        return (order, number);
    }

    /// <summary>A video-guidance order just opened (state created).</summary>
    public static async Task<Guid> CreatedOrderAsync(HttpClient creator)
    {
        var customer = await CustomerIdAsync(creator, Phone);
        var unit = UnitId(await creator.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}"), Serial);
        var created = await creator.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "videoGuidance", description = "视频指导回充" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The callback the outbox opens for the order (polls the API: delivery is asynchronous).</summary>
    public static async Task<JsonElement> CallbackOfAsync(HttpClient client, Guid order)
    {
        for (var i = 0; i < 150; i++)
        {
            var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/callbacks?view=all");
            if (all.EnumerateArray().FirstOrDefault(c => c.GetProperty("workOrderId").GetGuid() == order) is { ValueKind: JsonValueKind.Object } row)
            {
                return await client.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/{row.GetProperty("id").GetGuid()}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The outbox did not open the callback within 15 s.");
    }

    public static Task<HttpResponseMessage> OutcomeAsync(HttpClient client, Guid callback, object body) =>
        client.PostAsJsonAsync($"/api/v1/callbacks/{callback}/outcome", body);

    public static async Task<string> StateAsync(HttpClient client, Guid order) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("state").GetString()!;

    public static Task<Guid> UserIdAsync(CareLoopApp app, string userName) =>
        app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    /// <summary>Outbox messages of an event type (by the type's short name) in the demo brand.</summary>
    public static Task<List<string>> EventsAsync(CareLoopApp app, string type) =>
        app.DbAsync("demo-brand", db => db.OutboxMessages.Where(m => m.Type.EndsWith("." + type)).Select(m => m.Payload).ToListAsync());

    private static async Task<long> MoveAsync(HttpClient client, Guid order, long expectedVersion, object transition)
    {
        var body = JsonSerializer.SerializeToNode(transition)!.AsObject();
        body["expectedVersion"] = expectedVersion;
        var response = await client.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", body);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{body["action"]}: {result}");
        return result.GetProperty("version").GetInt64();
    }

    private static object NextWorkingAfternoon()
    {
        var start = new DateTimeOffset(NextWeekday().ToDateTime(new TimeOnly(14, 0)), TimeSpan.FromHours(8));
        return new { start, end = start.AddHours(2) };
    }
}
