using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Platform.SavedViews;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Platform;

public sealed class SavedViewsTests
{
    [Theory, AllProviders]
    public async Task A_user_saves_lists_and_deletes_own_views_and_each_change_is_audited(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");

        var created = await SaveAsync(agent, "  深圳 · 即将超时  ", "?sla=atRisk&region=4403&open=", shared: false);
        var view = await created.Content.ReadFromJsonAsync<JsonElement>();
        var listed = await ListAsync(agent);
        var deleted = await agent.DeleteAsync($"/api/v1/saved-views/{view.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/saved-views/{view.GetProperty("id").GetString()}", created.Headers.Location?.ToString());
        Assert.Equal("深圳 · 即将超时", view.GetProperty("name").GetString());
        Assert.Equal("sla=atRisk&region=4403", view.GetProperty("query").GetString()); // no "?", no empty values
        Assert.True(view.GetProperty("isMine").GetBoolean());
        Assert.True(view.GetProperty("canDelete").GetBoolean());
        Assert.Equal(["深圳 · 即将超时"], Names(listed));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(Names(await ListAsync(agent)));
        Assert.Equal(["saved-view.created", "saved-view.deleted"], await app.DbAsync("demo-brand", db =>
            db.AuditEvents.Where(a => a.EntityType == nameof(SavedView)).OrderBy(a => a.OccurredAt).Select(a => a.Action).ToListAsync()));
    }

    [Theory, AllProviders]
    public async Task Shared_views_are_seen_by_the_whole_team_and_private_ones_only_by_their_owner(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var agent = await app.ApiAsAsync("agent");
        using var engineer = await app.ApiAsAsync("engineer");
        await SaveAsync(dispatcher, "待派工", "state=created", shared: true);
        await SaveAsync(dispatcher, "我的草稿", "state=assigned", shared: false);
        await SaveAsync(agent, "已超时", "sla=breached", shared: false);

        var dispatchers = await ListAsync(dispatcher);
        var agents = await ListAsync(agent);
        var engineers = await ListAsync(engineer);

        Assert.Equal(["待派工", "我的草稿"], Names(dispatchers));
        Assert.Equal(["已超时", "待派工"], Names(agents)); // own first, then shared by others
        var shared = agents.EnumerateArray().Single(v => v.GetProperty("name").GetString() == "待派工");
        Assert.False(shared.GetProperty("isMine").GetBoolean());
        Assert.False(shared.GetProperty("canDelete").GetBoolean());
        Assert.Equal("派单员 赵强", shared.GetProperty("ownerName").GetString());
        Assert.Equal(["待派工"], Names(engineers));
    }

    [Theory, AllProviders]
    public async Task Another_tenants_views_are_invisible_and_cannot_be_deleted(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var other = await app.ApiAsAsync("provider-admin", "demo-provider");
        var view = await (await SaveAsync(admin, "全部安装单", "kind=installation", shared: true)).Content.ReadFromJsonAsync<JsonElement>();

        var seen = await ListAsync(other);
        var delete = await other.DeleteAsync($"/api/v1/saved-views/{view.GetProperty("id").GetString()}");

        Assert.Empty(Names(seen));
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(["全部安装单"], Names(await ListAsync(admin)));
    }

    [Theory, AllProviders]
    public async Task Deleting_someone_elses_view_is_refused_unless_a_tenant_admin_removes_a_shared_one(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var agent = await app.ApiAsAsync("agent");
        using var admin = await app.ApiAsAsync("admin");
        var shared = await IdAsync(await SaveAsync(dispatcher, "待派工", "state=created", shared: true));
        var mine = await IdAsync(await SaveAsync(dispatcher, "我的草稿", "state=assigned", shared: false));

        var agentOnShared = await agent.DeleteAsync($"/api/v1/saved-views/{shared}");
        var agentOnPrivate = await agent.DeleteAsync($"/api/v1/saved-views/{mine}");
        var adminOnPrivate = await admin.DeleteAsync($"/api/v1/saved-views/{mine}");
        var adminOnShared = await admin.DeleteAsync($"/api/v1/saved-views/{shared}");

        await ProblemAssert.IsProblemAsync(agentOnShared, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(agentOnPrivate, HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(adminOnPrivate, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.NoContent, adminOnShared.StatusCode);
        Assert.Equal(["我的草稿"], Names(await ListAsync(dispatcher)));
    }

    [Theory, AllProviders]
    public async Task Invalid_or_duplicate_views_are_refused_with_localized_problems(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        await SaveAsync(agent, "已超时", "sla=breached", shared: false);

        var invalid = await agent.PostAsJsonAsync("/api/v1/saved-views", new { page = "customers", name = new string('名', 61), query = "q=" + new string('x', 1000) });
        var blank = await agent.PostAsJsonAsync("/api/v1/saved-views", new { page = "work-orders", name = "  ", query = "" });
        var duplicate = await SaveAsync(agent, " 已超时 ", "sla=breached&kind=installation", shared: true);
        var sameNameOtherUser = await SaveAsync(dispatcher, "已超时", "sla=breached", shared: false);
        var unknownPageList = await agent.GetAsync("/api/v1/saved-views?page=settings");

        Assert.Equal(["page:unknown_list_page", "name:too_long", "query:too_long"],
            Fields(await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["name:required"], Fields(await ProblemAssert.IsProblemAsync(blank, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        var conflict = await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict, "saved_view_name_taken");
        Assert.Contains("已超时", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, sameNameOtherUser.StatusCode);
        Assert.Equal(["page:unknown_list_page"], Fields(await ProblemAssert.IsProblemAsync(unknownPageList, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(2, await app.DbAsync("demo-brand", db => db.Set<SavedView>().CountAsync(v => v.Name == "已超时"))); // the agent's and the dispatcher's
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string name, string query, bool shared) =>
        client.PostAsJsonAsync("/api/v1/saved-views", new { page = "work-orders", name, query, shared });

    private static async Task<string> IdAsync(HttpResponseMessage created)
    {
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> ListAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/saved-views?page=work-orders");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body;
    }

    private static string?[] Names(JsonElement views) => views.EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToArray();
}
