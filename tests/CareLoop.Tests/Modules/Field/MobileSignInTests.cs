using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Messaging;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareLoop.Tests.Modules.Field;

/// <summary>
/// An engineer signs in on the phone with the mobile a tenant admin set on the account, and the password or an SMS
/// code (issue 7). Demo engineers have 13800000001 and 13800000002.
/// </summary>
public sealed class MobileSignInTests
{
    [Theory, AllProviders]
    public async Task An_engineer_signs_in_with_mobile_and_password_and_the_token_opens_their_jobs(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind);
        using var http = app.Http();

        var wrong = await http.PostAsJsonAsync("/api/v1/field/sign-in/token", new { tenant = "demo-brand", mobile = "138 0000 0001", password = "nope" });
        await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Unauthorized, "invalid_credentials");
        var unknown = await http.PostAsJsonAsync("/api/v1/field/sign-in/token", new { tenant = "demo-brand", mobile = "13900000009", password = TestEnvironment.DemoPassword });
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.Unauthorized, "invalid_credentials");
        var notANumber = await http.PostAsJsonAsync("/api/v1/field/sign-in/token", new { tenant = "demo-brand", mobile = "12", password = "x" });
        await ProblemAssert.HasFieldErrorAsync(notANumber, "mobile", "invalid_phone");

        var signedIn = await http.PostAsJsonAsync("/api/v1/field/sign-in/token", new { tenant = "demo-brand", mobile = "+86 138 0000 0001", password = TestEnvironment.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        using var phone = app.Http();
        phone.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/v1/field/jobs")).StatusCode);
        var me = await phone.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("engineer", me.GetProperty("userName").GetString());
    }

    [Theory, AllProviders]
    public async Task An_sms_code_signs_in_once_and_five_wrong_tries_lock_it(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind);
        using var http = app.Http();
        var sms = app.Services.GetRequiredService<LocalSmsGateway>();

        // A number that is no account's gets the same answer and no SMS: the form does not tell who works here.
        var stranger = await http.PostAsJsonAsync("/api/v1/field/sign-in/code", new { tenant = "demo-brand", mobile = "13900000009" });
        Assert.Equal(HttpStatusCode.OK, stranger.StatusCode);
        Assert.DoesNotContain(sms.Sent, s => s.PhoneE164 == "+8613900000009");

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/v1/field/sign-in/code", new { tenant = "demo-brand", mobile = "13800000002" })).StatusCode);
        var code = sms.Sent.First(s => s.PhoneE164 == "+8613800000002").TemplateParams["code"];
        var again = await http.PostAsJsonAsync("/api/v1/field/sign-in/code", new { tenant = "demo-brand", mobile = "13800000002" });
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.TooManyRequests, "code_recently_sent");

        var signedIn = await http.PostAsJsonAsync("/api/v1/field/sign-in/token", new { tenant = "demo-brand", mobile = "13800000002", code });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var reused = await http.PostAsJsonAsync("/api/v1/field/sign-in/token", new { tenant = "demo-brand", mobile = "13800000002", code });
        await ProblemAssert.HasFieldErrorAsync(reused, "code", "verification_locked"); // used up: a new one must be requested

        // A fresh code (a minute later) dies after five wrong tries: even the right one is refused then.
        await app.DbAsync("demo-brand", db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"PhoneVerifications\""));
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/v1/field/sign-in/code", new { tenant = "demo-brand", mobile = "13800000002" })).StatusCode);
        var fresh = sms.Sent.First(s => s.PhoneE164 == "+8613800000002").TemplateParams["code"];
        var wrongCode = fresh == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
        {
            await ProblemAssert.HasFieldErrorAsync(
                await http.PostAsJsonAsync("/api/v1/field/sign-in/token", new { tenant = "demo-brand", mobile = "13800000002", code = wrongCode }), "code",
                i < 4 ? "verification_wrong" : "verification_locked");
        }

        await ProblemAssert.HasFieldErrorAsync(
            await http.PostAsJsonAsync("/api/v1/field/sign-in/token", new { tenant = "demo-brand", mobile = "13800000002", code = fresh }), "code", "verification_locked");
        Assert.True(await app.DbAsync("demo-brand", db => db.Set<AuditEvent>().CountAsync(a => a.Action == "auth.sign-in-failed")) >= 5);
    }

    [Theory, AllProviders]
    public async Task A_tenant_admin_sets_a_mobile_that_is_stored_encrypted_unique_and_shown_masked(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind);
        using var admin = await app.ApiAsAsync("admin");
        var agentId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "agent").Select(u => u.Id).SingleAsync());

        await ProblemAssert.HasFieldErrorAsync(await admin.PutAsJsonAsync($"/api/v1/users/{agentId}/mobile", new { mobile = "12345" }), "mobile", "invalid_phone");
        await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync($"/api/v1/users/{agentId}/mobile", new { mobile = "13800000001" }), HttpStatusCode.Conflict, "phone_taken");
        var set = await admin.PutAsJsonAsync($"/api/v1/users/{agentId}/mobile", new { mobile = "13612345678" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("136****5678", (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mobile").GetString());

        var stored = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.Id == agentId).Select(u => new { u.MobileCipher, u.MobileIndex, u.PhoneNumber }).SingleAsync());
        Assert.DoesNotContain("13612345678", stored.MobileCipher);
        Assert.NotNull(stored.MobileIndex);
        Assert.Null(stored.PhoneNumber);
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users?search=agent");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), u => u.GetProperty("mobile").GetString() == "136****5678");

        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "engineer9", displayName = "工程师 九", password = "Engineer9-Strong!", roles = new[] { Roles.Engineer }, mobile = "13612345678",
        });
        await ProblemAssert.IsProblemAsync(created, HttpStatusCode.Conflict, "phone_taken");
        using var agent = await app.ApiAsAsync("agent");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync($"/api/v1/users/{agentId}/mobile", new { mobile = "13612345679" })).StatusCode);
    }
}
