using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Tests.Platform;

public sealed class AuthenticationTests
{
    [Theory, AllProviders]
    public async Task Token_endpoint_issues_a_bearer_token_that_identifies_user_and_tenant(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();

        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant = "demo-brand", userName = "agent", password = TestEnvironment.DemoPassword });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        var me = await http.GetFromJsonAsync<JsonElement>("/api/v1/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3600, body.GetProperty("expiresIn").GetInt32());
        Assert.Equal("agent", me.GetProperty("userName").GetString());
        Assert.Equal("demo-brand", me.GetProperty("tenant").GetString());
        Assert.Equal(["Agent"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToArray());
    }

    [Theory, AllProviders]
    public async Task Wrong_credentials_unknown_tenant_and_missing_fields_are_refused_with_their_codes(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();

        var wrong = await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant = "demo-brand", userName = "agent", password = "Wrong-Pass-1" });
        var nobody = await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant = "demo-brand", userName = "ghost", password = "Wrong-Pass-1" });
        var tenant = await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant = "no-such-brand", userName = "agent", password = "x" });
        var empty = await http.PostAsJsonAsync("/api/v1/auth/token", new { });

        await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Unauthorized, "invalid_credentials");
        await ProblemAssert.IsProblemAsync(nobody, HttpStatusCode.Unauthorized, "invalid_credentials");
        await ProblemAssert.IsProblemAsync(tenant, HttpStatusCode.BadRequest, "unknown_tenant");
        var problem = await ProblemAssert.IsProblemAsync(empty, HttpStatusCode.UnprocessableEntity, "validation_failed");
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToArray();
        Assert.Equal(["tenant", "userName", "password"], fields);
    }

    [Theory, AllProviders]
    public async Task Five_wrong_passwords_lock_the_account_and_the_attempts_are_audited(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        for (var i = 0; i < 5; i++)
        {
            await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant = "demo-brand", userName = "warehouse", password = "Wrong-Pass-1" });
        }

        var right = await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant = "demo-brand", userName = "warehouse", password = TestEnvironment.DemoPassword });

        await ProblemAssert.IsProblemAsync(right, HttpStatusCode.Unauthorized, "account_locked");
        var failures = await app.DbAsync("demo-brand", db => db.AuditEvents.CountAsync(a => a.Action == "auth.sign-in-failed"));
        Assert.Equal(4, failures);
    }

    [Theory, AllProviders]
    public async Task Missing_garbage_and_revoked_tokens_get_401(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        var created = await (await admin.PostAsJsonAsync("/api/v1/me/tokens", new { name = "ci script", expiresInDays = 30 })).Content.ReadFromJsonAsync<JsonElement>();
        using var personal = app.Http();
        personal.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("accessToken").GetString());
        var before = await personal.GetAsync("/api/v1/users");

        await admin.DeleteAsync($"/api/v1/me/tokens/{created.GetProperty("id").GetString()}");
        var after = await personal.GetAsync("/api/v1/users");
        using var anonymous = app.Http();
        var none = await anonymous.GetAsync("/api/v1/users");
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "clt_not-a-real-token");
        var garbage = await anonymous.GetAsync("/api/v1/users");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsProblemAsync(none, HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsProblemAsync(garbage, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory, AllProviders]
    public async Task Locking_a_user_stops_their_existing_token(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        var agentId = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("userId").GetString();

        var locked = await admin.PostAsJsonAsync($"/api/v1/users/{agentId}/lock", new { locked = true });
        var afterLock = await agent.GetAsync("/api/v1/me");
        var selfLock = await admin.PostAsJsonAsync($"/api/v1/users/{(await admin.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("userId").GetString()}/lock", new { locked = true });

        Assert.Equal(HttpStatusCode.NoContent, locked.StatusCode);
        await ProblemAssert.IsProblemAsync(afterLock, HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsProblemAsync(selfLock, HttpStatusCode.BadRequest, "cannot_lock_yourself");
    }
}
