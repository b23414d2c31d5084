using System.Net;
using System.Net.Http.Json;
using System.Text;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Tests.Platform;

/// <summary>Bad input gets the right status and a localized problem detail, and writes nothing.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Malformed_json_is_a_400_and_creates_nothing()
    {
        await using var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        var before = await app.DbAsync("demo-brand", db => db.Users.CountAsync());

        var response = await admin.PostAsync("/api/v1/users", new StringContent("{\"userName\": \"x\",", Encoding.UTF8, "application/json"));
        var wrongType = await admin.PostAsync("/api/v1/users", new StringContent("{\"roles\": 5}", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "malformed_json");
        await ProblemAssert.IsProblemAsync(wrongType, HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal(before, await app.DbAsync("demo-brand", db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task An_oversized_body_is_a_413()
    {
        await using var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        var huge = "{\"displayName\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";

        var response = await admin.PostAsync("/api/v1/users", new StringContent(huge, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task An_unsupported_culture_is_a_400_in_the_api_and_in_the_language_switch()
    {
        await using var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);
        using var http = app.Http();

        var api = await http.GetAsync("/api/v1/me?culture=xx-YY");
        var ui = await http.GetAsync("/culture?c=klingon&redirectUri=/");

        var problem = await ProblemAssert.IsProblemAsync(api, HttpStatusCode.BadRequest, "invalid_culture");
        Assert.Contains("xx-YY", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(ui, HttpStatusCode.BadRequest, "invalid_culture");
    }

    [Fact]
    public async Task Problems_speak_chinese_by_default_and_english_on_request()
    {
        await using var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);
        using var http = app.Http();

        var chinese = await ProblemAssert.IsProblemAsync(await http.GetAsync("/api/v1/users"), HttpStatusCode.Unauthorized, "unauthorized");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var english = await ProblemAssert.IsProblemAsync(await http.SendAsync(request), HttpStatusCode.Unauthorized, "unauthorized");

        Assert.Equal("未登录或令牌无效", chinese.GetProperty("title").GetString());
        Assert.Equal("Not authenticated", english.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Validation_lists_every_field_error_and_writes_nothing()
    {
        await using var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "bad name!", password = "short", roles = new[] { "Wizard", "PlatformAdmin" } });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("code").GetString())
            .ToArray();
        Assert.Equal(["displayName:required", "userName:invalid_format", "roles:unknown_role", "roles:unknown_role", "password:weak_password"], errors);
        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.AuditEvents.CountAsync(a => a.Action == "user.created" && a.ActorName == "admin")));
    }

    [Fact]
    public async Task Unknown_api_routes_and_methods_are_problems()
    {
        await using var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");

        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync("/api/v1/users"), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task A_form_post_without_a_valid_antiforgery_token_is_a_400_problem()
    {
        await using var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);
        using var http = app.Http();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = "expired-or-forged",
            ["Input.Tenant"] = "demo-brand",
            ["Input.UserName"] = "admin",
            ["Input.Password"] = TestEnvironment.DemoPassword,
        });

        var login = await http.PostAsync("/login", form);
        var logout = await http.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        await ProblemAssert.IsProblemAsync(login, HttpStatusCode.BadRequest, "antiforgery_failed");
        await ProblemAssert.IsProblemAsync(logout, HttpStatusCode.BadRequest, "antiforgery_failed");
        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.AuditEvents.CountAsync(a => a.Action == "auth.signed-in")));
    }
}
