using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.Customers;

public sealed class TransferAndSettingsTests
{
    [Theory, AllProviders]
    public async Task A_transfer_moves_the_unit_and_the_warranty_follows_only_when_the_policy_says_so(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        var categories = await admin.GetFromJsonAsync<JsonElement>("/api/v1/catalog/categories");
        var dryer = categories.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "hair-dryer").GetProperty("id").GetString();
        var model = await admin.PostAsJsonAsync("/api/v1/catalog/models", new
        {
            sku = "hd-personal", name = "个人护理吹风机", categoryId = dryer, isActive = true,
            warranty = new { mainUnitMonths = 24, wearPartsMonths = 6, startRule = "invoiceDate", startOffset = 0, transfersWithOwnership = false, components = Array.Empty<object>() },
            parts = Array.Empty<object>(), consumables = Array.Empty<object>(),
        });
        Assert.Equal(HttpStatusCode.Created, model.StatusCode);
        var zhang = await CustomerIdAsync(agent, "13812345678");
        var wang = await CustomerIdAsync(agent, "13912345601");
        await agent.PostAsJsonAsync($"/api/v1/customers/{zhang}/units", new { serialNumber = "HDP-1", sku = "HD-PERSONAL", purchaseDate = Today.AddDays(-30) });
        var dryerUnit = UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{zhang}"), "HDP-1");
        var vacuumUnit = UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{zhang}"), "RVX2000000001");
        var on = Today.AddDays(-1);

        var dryerMoved = await agent.PostAsJsonAsync($"/api/v1/units/{dryerUnit}/transfers", new { toCustomerId = wang, transferredOn = on, reason = "转卖" });
        var vacuumMoved = await agent.PostAsJsonAsync($"/api/v1/units/{vacuumUnit}/transfers", new { toCustomerId = wang, reason = "送给父母" });
        var toSelf = await agent.PostAsJsonAsync($"/api/v1/units/{vacuumUnit}/transfers", new { toCustomerId = wang, reason = "再转" });
        var bad = await agent.PostAsJsonAsync($"/api/v1/units/{vacuumUnit}/transfers", new { transferredOn = Today.AddDays(1), reason = "" });
        var newOwner = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{wang}");
        var oldOwner = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{zhang}");

        Assert.False((await dryerMoved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warrantyTransferred").GetBoolean());
        Assert.True((await vacuumMoved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warrantyTransferred").GetBoolean());
        await ProblemAssert.IsProblemAsync(toSelf, HttpStatusCode.Conflict, "same_owner");
        var problem = await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["reason", "toCustomerId", "transferredOn"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order().ToArray());
        Assert.Empty(oldOwner.GetProperty("units").EnumerateArray());
        var dryerView = newOwner.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("serialNumber").GetString() == "HDP-1");
        var main = dryerView.GetProperty("covers").EnumerateArray().Single(c => c.GetProperty("scope").GetString() == "main-unit");
        Assert.Equal(on.AddDays(-1).ToString("yyyy-MM-dd"), main.GetProperty("end").GetString());
        Assert.Equal(0, main.GetProperty("daysRemaining").GetInt32());
        var vacuumView = newOwner.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("serialNumber").GetString() == "RVX2000000001");
        Assert.True(vacuumView.GetProperty("covers").EnumerateArray().Single(c => c.GetProperty("scope").GetString() == "main-unit").GetProperty("daysRemaining").GetInt32() > 0);
        Assert.Equal("送给父母", vacuumView.GetProperty("transfers")[0].GetProperty("reason").GetString());
        Assert.Equal(2, await app.DbAsync("demo-brand", db => db.AuditEvents.CountAsync(a => a.Action == "unit.transferred")));
    }

    [Theory, AllProviders]
    public async Task The_goodwill_limit_is_a_tenant_setting_only_an_administrator_changes(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        var unit = UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{await CustomerIdAsync(agent, "13812345678")}"), "RVX2000000001");

        var defaults = await agent.GetFromJsonAsync<JsonElement>("/api/v1/settings/warranty");
        var byAgent = await agent.PutAsJsonAsync("/api/v1/settings/warranty", new { goodwillLimitDays = 90, expectedVersion = 0 });
        var saved = await admin.PutAsJsonAsync("/api/v1/settings/warranty", new { goodwillLimitDays = 10, expectedVersion = 0 });
        var stale = await admin.PutAsJsonAsync("/api/v1/settings/warranty", new { goodwillLimitDays = 20, expectedVersion = 0 });
        var outOfRange = await admin.PutAsJsonAsync("/api/v1/settings/warranty", new { goodwillLimitDays = 400, expectedVersion = 1 });
        var extension = await agent.PostAsJsonAsync($"/api/v1/units/{unit}/warranty-extensions", new { days = 20, kind = "goodwill", reason = "配件延误" });

        Assert.Equal(30, defaults.GetProperty("goodwillLimitDays").GetInt32());
        await ProblemAssert.IsProblemAsync(byAgent, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "concurrency_conflict");
        await ProblemAssert.IsProblemAsync(outOfRange, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal("pending", (await extension.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Theory, AllProviders]
    public async Task Staff_attach_an_invoice_and_opening_it_is_audited(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var unit = UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{await CustomerIdAsync(agent, "13812345678")}"), "RVX2000000001");
        byte[] pdf = [.. "%PDF-1.7\n"u8, .. new byte[2048]];

        var none = await agent.GetAsync($"/api/v1/units/{unit}/invoice");
        var attached = await agent.PutAsync($"/api/v1/units/{unit}/invoice", Form(pdf, "invoice.pdf"));
        var notAllowed = await dispatcher.PutAsync($"/api/v1/units/{unit}/invoice", Form(pdf, "invoice.pdf"));
        var wrongType = await agent.PutAsync($"/api/v1/units/{unit}/invoice", Form("MZ\u0090\u0000 executable"u8.ToArray(), "invoice.pdf"));
        var opened = await agent.GetAsync($"/api/v1/units/{unit}/invoice");

        await ProblemAssert.IsProblemAsync(none, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.NoContent, attached.StatusCode);
        await ProblemAssert.IsProblemAsync(notAllowed, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(wrongType, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal("application/pdf", opened.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await opened.Content.ReadAsByteArrayAsync());
        var audit = await app.DbAsync("demo-brand", db => db.AuditEvents.Where(a => a.Action.StartsWith("unit.invoice")).Select(a => a.Action).ToListAsync());
        Assert.Equal(["unit.invoice-attached", "unit.invoice-viewed"], audit.Order().ToArray());
    }

    private static MultipartFormDataContent Form(byte[] content, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "invoice", name);
        return form;
    }
}
