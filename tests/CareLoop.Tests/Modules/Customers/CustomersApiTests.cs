using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Tests.Modules.Customers;

public sealed class CustomersApiTests
{
    [Theory, AllProviders]
    public async Task An_agent_finds_a_customer_by_phone_in_any_format_sees_it_masked_and_a_reveal_is_audited(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");

        var byPhone = await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=" + Uri.EscapeDataString("+86 138-1234-5678"));
        var byName = await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=" + Uri.EscapeDataString("王秀"));
        var id = byPhone.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString();
        var profile = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}");
        var phone = profile.GetProperty("phones")[0];
        var reveal = await agent.PostAsync($"/api/v1/customers/{id}/phones/{phone.GetProperty("id").GetString()}/reveal", null);

        Assert.Equal("张伟", profile.GetProperty("name").GetString());
        Assert.Equal("王秀英", byName.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal("138****5678", phone.GetProperty("masked").GetString());
        Assert.Contains("苏州市姑苏区", profile.GetProperty("addresses")[0].GetProperty("fullText").GetString(), StringComparison.Ordinal);
        Assert.Equal("13812345678", (await reveal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("national").GetString());
        var audit = await app.DbAsync("demo-brand", db => db.AuditEvents.SingleAsync(a => a.Action == "customer.phone-revealed"));
        Assert.Equal(("agent", id), (audit.ActorName, audit.EntityId));
    }

    [Theory, AllProviders]
    public async Task Phones_are_stored_encrypted_and_only_permitted_roles_may_reveal_them(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var stored = await app.DbAsync("demo-brand", db => db.Set<CustomerPhone>().Select(p => p.Cipher).ToListAsync());
        var customer = (await dispatcher.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13812345678")).GetProperty("items")[0].GetProperty("id").GetString();
        var phoneId = (await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}")).GetProperty("phones")[0].GetProperty("id").GetString();

        var reveal = await dispatcher.PostAsync($"/api/v1/customers/{customer}/phones/{phoneId}/reveal", null);

        Assert.All(stored, cipher => Assert.DoesNotMatch("1[3-9][0-9]{9}", cipher));
        await ProblemAssert.IsProblemAsync(reveal, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.AuditEvents.CountAsync(a => a.Action == "customer.phone-revealed")));
    }

    [Theory, AllProviders]
    public async Task Invalid_phone_unknown_region_and_duplicate_phone_are_rejected_and_nothing_is_saved(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        var before = await app.DbAsync("demo-brand", db => db.Set<Customer>().CountAsync());

        var invalid = await agent.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "赵六", phones = new[] { "12345" }, addresses = new[] { new { regionCode = "320500", detail = "人民路 1 号" }, new { regionCode = "999999", detail = "" } },
        });
        var duplicate = await agent.PostAsJsonAsync("/api/v1/customers", new { name = "张伟的家人", phones = new[] { "138 1234 5678" } });
        var created = await agent.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "赵六", phones = new[] { "13900001111", "0512-65234567" }, addresses = new[] { new { regionCode = "320508", detail = "人民路 1 号", latitude = 31.3, longitude = 120.6 } },
            preferredChannel = "weChat", tags = new[] { "养宠物" },
        });

        var problem = await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(
            ["phones[0]:invalid_phone", "addresses[0].regionCode:unknown_region", "addresses[1].detail:required", "addresses[1].regionCode:unknown_region"],
            problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("code").GetString()).ToArray());
        await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict, "phone_taken");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(before + 1, await app.DbAsync("demo-brand", db => db.Set<Customer>().CountAsync()));
    }

    [Theory, AllProviders]
    public async Task Another_tenant_cannot_find_or_read_the_brands_customers(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var provider = await app.ApiAsAsync("provider-admin", "demo-provider");
        var id = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13812345678")).GetProperty("items")[0].GetProperty("id").GetString();

        var search = await provider.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13812345678");
        var read = await provider.GetAsync($"/api/v1/customers/{id}");

        Assert.Equal(0, search.GetProperty("total").GetInt32());
        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound, "not_found");
    }

    [Theory, AllProviders]
    public async Task Do_not_disturb_and_consent_changes_are_validated_versioned_and_audited(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        var id = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13912345601")).GetProperty("items")[0].GetProperty("id").GetString();
        var version = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}")).GetProperty("version").GetInt64();
        var until = TimeProvider.System.GetUtcNow().AddDays(7);

        var past = await agent.PutAsJsonAsync($"/api/v1/customers/{id}/contact-preferences", new { preferredChannel = "phone", consentPhone = true, consentSms = false, consentWeChat = false, doNotDisturbUntil = until.AddDays(-30), expectedVersion = version });
        var set = await agent.PutAsJsonAsync($"/api/v1/customers/{id}/contact-preferences", new { preferredChannel = "phone", consentPhone = true, consentSms = false, consentWeChat = false, doNotDisturbUntil = until, doNotDisturbReason = "住院中，家属要求", expectedVersion = version });
        var stale = await agent.PutAsJsonAsync($"/api/v1/customers/{id}/contact-preferences", new { preferredChannel = "sms", consentPhone = true, consentSms = true, consentWeChat = false, expectedVersion = version });
        var profile = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}");

        Assert.Equal(["doNotDisturbUntil:must_be_future"], (await ProblemAssert.IsProblemAsync(past, HttpStatusCode.UnprocessableEntity, "validation_failed"))
            .GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("code").GetString()).ToArray());
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "concurrency_conflict");
        Assert.True(profile.GetProperty("doNotDisturb").GetBoolean());
        Assert.False(profile.GetProperty("consentSms").GetBoolean());
        Assert.Equal(0, profile.GetProperty("service").GetArrayLength());
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.AuditEvents.CountAsync(a => a.Action == "customer.contact-preferences-changed" && a.EntityId == id)));
    }
}
