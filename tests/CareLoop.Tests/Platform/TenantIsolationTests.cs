using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Platform.Persistence;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Tests.Platform;

public sealed class TenantIsolationTests
{
    [Theory, AllProviders]
    public async Task Api_lists_only_the_callers_tenant_users(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var brand = await app.ApiAsAsync("admin");
        using var provider = await app.ApiAsAsync("provider-admin", "demo-provider");

        var brandUsers = await UserNamesAsync(brand);
        var providerUsers = await UserNamesAsync(provider);

        Assert.Contains("agent", brandUsers);
        Assert.DoesNotContain("provider-admin", brandUsers);
        Assert.Equal(["provider-admin"], providerUsers);
    }

    [Theory, AllProviders]
    public async Task Api_cannot_change_a_row_of_another_tenant(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        var agentId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "agent").Select(u => u.Id).SingleAsync());
        using var provider = await app.ApiAsAsync("provider-admin", "demo-provider");

        var response = await provider.PostAsJsonAsync($"/api/v1/users/{agentId}/lock", new { locked = true });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not_found");
        var lockoutEnd = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.Id == agentId).Select(u => u.LockoutEnd).SingleAsync());
        Assert.Null(lockoutEnd);
    }

    [Theory, AllProviders]
    public async Task Ef_query_filter_shows_only_the_current_tenant_and_nothing_without_one(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);

        var asProvider = await app.DbAsync("demo-provider", db => db.Users.Select(u => u.UserName).ToListAsync());
        var asBrand = await app.DbAsync("demo-brand", db => db.Users.CountAsync());
        var asNobody = await app.DbAsync(null, db => db.Users.CountAsync());
        var auditAsNobody = await app.DbAsync(null, db => db.AuditEvents.CountAsync());

        Assert.Equal(["provider-admin"], asProvider);
        Assert.Equal(9, asBrand);
        Assert.Equal(0, asNobody);
        Assert.Equal(0, auditAsNobody);
    }

    [Theory, AllProviders]
    public async Task Ef_refuses_to_write_a_row_of_another_tenant(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);

        var error = await Assert.ThrowsAsync<CrossTenantWriteException>(() => app.DbAsync("demo-provider", async db =>
        {
            var foreign = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.UserName == "agent");
            foreign.Rename("hijacked");
            return await db.SaveChangesAsync();
        }));

        Assert.Contains("StaffUser", error.Message, StringComparison.Ordinal);
        var name = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "agent").Select(u => u.DisplayName).SingleAsync());
        Assert.NotEqual("hijacked", name);
    }

    [Theory, AllProviders]
    public async Task A_token_only_ever_acts_for_its_own_tenant(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var provider = await app.ApiAsAsync("provider-admin", "demo-provider");

        var me = await provider.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var audit = await provider.GetFromJsonAsync<JsonElement>("/api/v1/audit-events?pageSize=200");

        Assert.Equal("demo-provider", me.GetProperty("tenant").GetString());
        var actors = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("entityId").GetString()).ToList();
        var brandUserIds = await app.DbAsync("demo-brand", db => db.Users.Select(u => u.Id.ToString()).ToListAsync());
        Assert.Empty(actors.Intersect(brandUserIds));
    }

    private static async Task<List<string>> UserNamesAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/users?pageSize=200");
        return page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("userName").GetString()!).Order().ToList();
    }
}
