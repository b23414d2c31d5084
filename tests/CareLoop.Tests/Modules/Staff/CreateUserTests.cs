using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Platform.Identity;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Tests.Modules.Staff;

public sealed class CreateUserTests
{
    [Theory, AllProviders]
    public async Task Admin_creates_a_user_who_can_sign_in_and_the_change_is_audited_with_its_event(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "agent.li",
            displayName = "客服 李雷",
            password = "Agent-Li-2026",
            roles = new[] { "Agent", "Dispatcher" },
        });
        var token = await app.TokenAsync("agent.li", password: "Agent-Li-2026");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        Assert.Equal($"/api/v1/users/{id}", response.Headers.Location?.OriginalString);
        Assert.StartsWith("clt_", token, StringComparison.Ordinal);
        var audit = await app.DbAsync("demo-brand", db => db.AuditEvents.SingleAsync(a => a.Action == "user.created" && a.EntityId == id));
        Assert.Equal("admin", audit.ActorName);
        var events = await app.DbAsync("demo-brand", db => db.OutboxMessages.CountAsync(m => m.Type == typeof(StaffUserCreated).FullName && m.Payload.Contains(id!)));
        Assert.Equal(1, events);
    }

    [Theory, AllProviders]
    public async Task User_names_are_unique_per_tenant_not_across_tenants(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var brand = await app.ApiAsAsync("admin");
        using var provider = await app.ApiAsAsync("provider-admin", "demo-provider");
        var body = new { userName = "agent", displayName = "Another agent", password = "Agent-Two-2026", roles = new[] { "Agent" } };

        var duplicate = await brand.PostAsJsonAsync("/api/v1/users", body);
        var otherTenant = await provider.PostAsJsonAsync("/api/v1/users", body);

        await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict, "user_name_taken");
        Assert.Equal(HttpStatusCode.Created, otherTenant.StatusCode);
        Assert.StartsWith("clt_", await app.TokenAsync("agent", "demo-provider", "Agent-Two-2026"), StringComparison.Ordinal);
    }
}
