using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.WorkOrders;

public sealed class ChargesTests
{
    [Theory, AllProviders]
    public async Task Under_warranty_everything_is_covered_and_out_of_warranty_work_completes_only_after_the_customer_approves_the_quote(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        var inWarranty = await OnSiteAsync(agent, dispatcher, engineer, engineerId, "13812345678", "RVX2000000001");
        var expired = await OnSiteAsync(agent, dispatcher, engineer, engineerId, "13712345604", "RVX2000000002");

        var covered = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{inWarranty}/charges", new { kind = "part", description = "主刷", quantity = 1, unitPriceFen = 8900, covered = false });
        var coveredView = await covered.Content.ReadFromJsonAsync<JsonElement>();
        var part = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{expired}/charges", new { kind = "part", description = "主刷", quantity = 2, unitPriceFen = 8900 });
        await engineer.PostAsJsonAsync($"/api/v1/work-orders/{expired}/charges", new { kind = "visitFee", description = "上门费", quantity = 1, unitPriceFen = 5000, covered = true });
        var bad = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{expired}/charges", new { kind = "labour", description = "", quantity = 0, unitPriceFen = -1 });
        await engineer.PostAsync($"/api/v1/work-orders/{expired}/attachments", EvidenceTests.Photo(EvidenceTests.Jpeg()));
        await engineer.PostAsync($"/api/v1/work-orders/{inWarranty}/attachments", EvidenceTests.Photo(EvidenceTests.Jpeg()));
        var unapproved = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{expired}/transitions", new { action = "complete", expectedVersion = 5, barcode = "RVX2000000002" }); // the chargeable line withdrew any approval: version 5
        var byEngineer = await engineer.PostAsync($"/api/v1/work-orders/{expired}/charges/approval", null);
        var approved = await agent.PostAsync($"/api/v1/work-orders/{expired}/charges/approval", null);
        var unpaid = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{expired}/transitions", new { action = "complete", expectedVersion = 6, barcode = "RVX2000000002" });
        await PayCashAsync(engineer, expired, 17800);
        var completed = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{expired}/transitions",
            new { action = "complete", expectedVersion = 6, barcode = "RVX2000000002", verificationCode = await CompletionCodeTests.SendAsync(app, engineer, expired) });
        var free = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{inWarranty}/transitions",
            new { action = "complete", expectedVersion = 4, barcode = "RVX2000000001", verificationCode = await CompletionCodeTests.SendAsync(app, engineer, inWarranty) });
        var totals = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{expired}/charges");

        Assert.True(coveredView.GetProperty("underWarranty").GetBoolean());
        Assert.Equal(0, coveredView.GetProperty("customerPaysFen").GetInt64());
        Assert.Equal(8900, coveredView.GetProperty("coveredFen").GetInt64());
        Assert.Equal(HttpStatusCode.OK, part.StatusCode);
        Assert.Equal(["description:required", "quantity:out_of_range", "unitPriceFen:out_of_range"],
            Fields(await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["charges:quote_not_approved"], Fields(await ProblemAssert.IsProblemAsync(unapproved, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        await ProblemAssert.IsProblemAsync(byEngineer, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(["payment:payment_due"], Fields(await ProblemAssert.IsProblemAsync(unpaid, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        Assert.False(totals.GetProperty("underWarranty").GetBoolean());
        Assert.Equal((22800, 5000, 17800), (totals.GetProperty("totalFen").GetInt64(), totals.GetProperty("coveredFen").GetInt64(), totals.GetProperty("customerPaysFen").GetInt64()));
        var timeline = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{expired}")).GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("action").GetString()).ToList();
        Assert.Contains("approveQuote", timeline);
    }

    [Theory, AllProviders]
    public async Task Removing_a_chargeable_line_withdraws_the_approval_and_lines_are_frozen_once_the_job_is_done(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        var order = await OnSiteAsync(agent, dispatcher, engineer, engineerId, "13712345604", "RVX2000000002");
        await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/charges", new { kind = "part", description = "主刷", quantity = 1, unitPriceFen = 8900 });
        var filter = await (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/charges", new { kind = "part", description = "滤网", quantity = 1, unitPriceFen = 3900 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await agent.PostAsync($"/api/v1/work-orders/{order}/charges/approval", null);
        var line = filter.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("description").GetString() == "滤网").GetProperty("id").GetString();

        var removed = await (await engineer.DeleteAsync($"/api/v1/work-orders/{order}/charges/{line}")).Content.ReadFromJsonAsync<JsonElement>();
        var again = await engineer.DeleteAsync($"/api/v1/work-orders/{order}/charges/{line}");
        await agent.PostAsync($"/api/v1/work-orders/{order}/charges/approval", null);
        await engineer.PostAsync($"/api/v1/work-orders/{order}/attachments", EvidenceTests.Photo(EvidenceTests.Jpeg()));
        await PayCashAsync(engineer, order, 8900);
        var version = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("version").GetInt64();
        var completed = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions",
            new { action = "complete", expectedVersion = version, barcode = "RVX2000000002", verificationCode = await CompletionCodeTests.SendAsync(app, engineer, order) });
        var remaining = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}/charges")).GetProperty("lines")[0].GetProperty("id").GetString();
        var afterCompletion = await engineer.DeleteAsync($"/api/v1/work-orders/{order}/charges/{remaining}");

        Assert.Equal(8900, removed.GetProperty("customerPaysFen").GetInt64());
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("quoteApprovedAt").ValueKind); // a different quote needs a new yes
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        await ProblemAssert.IsProblemAsync(afterCompletion, HttpStatusCode.UnprocessableEntity, "illegal_transition");
    }

    /// <summary>A repair for the customer's unit, assigned, accepted, scheduled on the next weekday and checked in (version 4).</summary>
    internal static async Task<string> OnSiteAsync(HttpClient agent, HttpClient dispatcher, HttpClient engineer, Guid engineerId, string phone, string serial)
    {
        var customer = await CustomerIdAsync(agent, phone);
        var unit = UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}"), serial);
        var order = (await (await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", description = "不回充" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var day = NextWeekday();
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        foreach (var (client, body) in new (HttpClient, object)[]
                 {
                     (dispatcher, new { action = "assign", expectedVersion = 0, assigneeId = engineerId }),
                     (engineer, new { action = "accept", expectedVersion = 1 }),
                     (engineer, new { action = "schedule", expectedVersion = 2, window = new { start, end = start.AddHours(2) } }),
                     (engineer, new { action = "checkIn", expectedVersion = 3 }),
                 })
        {
            var moved = await client.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", body);
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }

        return order;
    }

    /// <summary>The engineer records the customer paying <paramref name="fen"/> in cash (what completion asks for chargeable work).</summary>
    internal static async Task PayCashAsync(HttpClient engineer, string order, long fen)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/field/jobs/{order}/cash") { Content = JsonContent.Create(new { amountFen = fen }) };
        request.Headers.Add("Idempotency-Key", "cash-" + order);
        var paid = await engineer.SendAsync(request);
        Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
    }
}
