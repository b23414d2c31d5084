using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.Customers;

public sealed class UnitsAndWarrantyTests
{
    [Theory, AllProviders]
    public async Task A_registered_unit_shows_each_warranty_cover_with_the_days_remaining(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        var customer = await CustomerIdAsync(agent, "13912345601");
        var bought = Today.AddDays(-10);

        var registered = await agent.PostAsJsonAsync($"/api/v1/customers/{customer}/units", new
        {
            serialNumber = "wp6123456789", sku = "WP-RO600", purchaseDate = bought, channel = "jd", orderNumber = "JD-778899",
        });
        var profile = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}");
        var unit = profile.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("serialNumber").GetString() == "WP6123456789");
        var covers = unit.GetProperty("covers").EnumerateArray().ToDictionary(c => c.GetProperty("scope").GetString()!, c => c.GetProperty("daysRemaining").GetInt32());
        var byOrder = await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=JD-778899");
        var bySerial = await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=wp6123456789");

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(bought.AddMonths(12).AddDays(-1).DayNumber - Today.DayNumber + 1, covers["main-unit"]);
        Assert.Equal(bought.AddMonths(3).AddDays(-1).DayNumber - Today.DayNumber + 1, covers["wear-parts"]);
        Assert.Equal(bought.AddMonths(36).AddDays(-1).DayNumber - Today.DayNumber + 1, covers["增压泵"]);
        Assert.Equal(customer, byOrder.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(customer, bySerial.GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Theory, AllProviders]
    public async Task Bad_serials_dates_and_skus_are_rejected_field_by_field_and_a_serial_is_unique_per_brand(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        var customer = await CustomerIdAsync(agent, "13912345601");

        var badFormat = await agent.PostAsJsonAsync($"/api/v1/customers/{customer}/units", new { serialNumber = "WP-123", sku = "WP-RO600", purchaseDate = Today.AddDays(3) });
        var unknownSku = await agent.PostAsJsonAsync($"/api/v1/customers/{customer}/units", new { serialNumber = "X1", sku = "NOPE-1" });
        var duplicate = await agent.PostAsJsonAsync($"/api/v1/customers/{customer}/units", new { serialNumber = "RVX2000000001", sku = "RV-X20", deliveryDate = Today });

        var problem = await ProblemAssert.IsProblemAsync(badFormat, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["serialNumber:serial_format", "purchaseDate:in_future"], Fields(problem));
        Assert.Equal(["sku:unknown_sku"], Fields(await ProblemAssert.IsProblemAsync(unknownSku, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict, "serial_taken");
    }

    [Theory, AllProviders]
    public async Task Goodwill_within_the_limit_applies_at_once_and_beyond_it_waits_for_a_supervisor(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var supervisor = await app.ApiAsAsync("supervisor");
        var customer = await CustomerIdAsync(agent, "13812345678");
        var unit = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("units")[0];
        var unitId = unit.GetProperty("id").GetString();
        var mainBefore = MainEnd(unit);

        var small = await agent.PostAsJsonAsync($"/api/v1/units/{unitId}/warranty-extensions", new { days = 20, kind = "goodwill", reason = "等待配件超时补偿" });
        var large = await agent.PostAsJsonAsync($"/api/v1/units/{unitId}/warranty-extensions", new { days = 90, kind = "goodwill", reason = "重大投诉安抚" });
        var pending = await large.Content.ReadFromJsonAsync<JsonElement>();
        var afterAgent = MainEnd((await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("units")[0]);
        var byAgent = await agent.PostAsJsonAsync($"/api/v1/units/{unitId}/warranty-extensions/{pending.GetProperty("id").GetString()}/decision", new { approve = true });
        var approved = await supervisor.PostAsJsonAsync($"/api/v1/units/{unitId}/warranty-extensions/{pending.GetProperty("id").GetString()}/decision", new { approve = true });
        var twice = await supervisor.PostAsJsonAsync($"/api/v1/units/{unitId}/warranty-extensions/{pending.GetProperty("id").GetString()}/decision", new { approve = false });
        var afterSupervisor = MainEnd((await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("units")[0]);
        var noReason = await agent.PostAsJsonAsync($"/api/v1/units/{unitId}/warranty-extensions", new { days = 5, kind = "goodwill", reason = "" });

        Assert.Equal("approved", (await small.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal(mainBefore.AddDays(20), afterAgent);
        await ProblemAssert.IsProblemAsync(byAgent, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        await ProblemAssert.IsProblemAsync(twice, HttpStatusCode.Conflict, "already_decided");
        Assert.Equal(mainBefore.AddDays(110), afterSupervisor);
        await ProblemAssert.IsProblemAsync(noReason, HttpStatusCode.UnprocessableEntity, "validation_failed");
        var audit = await app.DbAsync("demo-brand", db => db.AuditEvents.Where(a => a.Action.StartsWith("warranty.")).Select(a => a.Action + "/" + a.ActorName).ToListAsync());
        Assert.Equal(["warranty.extended/agent", "warranty.extension-approved/supervisor", "warranty.extension-requested/agent"], audit.Order().ToArray());
    }

    private static DateOnly MainEnd(JsonElement unit) =>
        DateOnly.Parse(unit.GetProperty("covers").EnumerateArray().Single(c => c.GetProperty("scope").GetString() == "main-unit").GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
