using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Callbacks.Features.AutoClose;
using CareLoop.Modules.Callbacks.Features.Survey;
using CareLoop.Platform.Messaging;
using CareLoop.Platform.Tenancy;
using CareLoop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CareLoop.Tests.Modules.Callbacks.CallbackApi;

namespace CareLoop.Tests.Modules.Callbacks;

/// <summary>Issue 8: an unreachable customer is retried by the policy, then the callback closes and the survey link goes by SMS, once.</summary>
public sealed class UnreachableAndSurveyTests
{
    [Theory, AllProviders]
    public async Task An_unreachable_customer_is_retried_then_auto_closed_with_the_survey_link_by_sms(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind);
        using var agent = await app.ApiAsAsync("agent");
        var (order, number) = await CompletedOrderAsync(app, agent);
        var callback = (await CallbackOfAsync(agent, order)).GetProperty("id").GetGuid();

        var firstTry = await (await OutcomeAsync(agent, callback, new { outcome = "unreachable", note = "无人接听" })).Content.ReadFromJsonAsync<JsonElement>();
        var secondTry = await (await OutcomeAsync(agent, callback, new { outcome = "unreachable", note = "关机" })).Content.ReadFromJsonAsync<JsonElement>();

        // Default policy: 3 attempts over 48 h — the next call a day later, closed by policy 48 h after the first miss.
        var firstAt = firstTry.GetProperty("attempts")[0].GetProperty("at").GetDateTimeOffset();
        // (PostgreSQL keeps microseconds: compare to the millisecond.)
        Assert.Equal(firstAt.AddHours(24), firstTry.GetProperty("nextAttemptAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(firstAt.AddHours(48), secondTry.GetProperty("autoCloseAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal("open", secondTry.GetProperty("status").GetString());
        Assert.Equal(2, secondTry.GetProperty("unreachableCount").GetInt32());
        Assert.Equal(0, await CloseDueAsync(app, firstAt.AddHours(47)));
        Assert.Empty(SurveySms(app, number));

        // The job's pass after the window: closed by policy, the order closed, the link sent instead.
        Assert.Equal(1, await CloseDueAsync(app, firstAt.AddHours(48).AddMinutes(1)));
        Assert.Equal(0, await CloseDueAsync(app, firstAt.AddHours(49)));
        var closed = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/{callback}");
        Assert.Equal("autoClosed", closed.GetProperty("status").GetString());
        Assert.Equal("closed", await StateAsync(agent, order));
        var sms = Assert.Single(SurveySms(app, number));
        Assert.Equal("+8613812345678", sms.PhoneE164);
        Assert.Equal("SMS_CARELOOP_SURVEY", sms.TemplateCode);
        var token = Token(sms);
        Assert.DoesNotContain(callback.ToString("N"), token, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(callback.ToString(), token, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await EventsAsync(app, "CallbackConfirmed"));

        // The customer answers on the phone: the answers land on the callback and count as the confirmation.
        using var customer = app.Http();
        Assert.Equal(number, (await customer.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{token}")).GetProperty("workOrderNumber").GetString());
        var answered = await customer.PostAsJsonAsync($"/api/v1/surveys/{token}", new { csat = 4, nps = 8, comment = "挺好" });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var after = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/{callback}");
        Assert.Equal(4, after.GetProperty("csat").GetInt32());
        Assert.Equal("挺好", after.GetProperty("comment").GetString());
        Assert.Single(await EventsAsync(app, "CallbackConfirmed"));
    }

    [Theory, AllProviders]
    public async Task The_last_allowed_attempt_closes_at_once_and_the_survey_link_is_single_use_and_refuses_tampered_or_expired_tokens(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind);
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        var settings = await admin.GetFromJsonAsync<Dictionary<string, JsonElement>>("/api/v1/settings/callbacks");
        settings!["maxAttempts"] = JsonSerializer.SerializeToElement(1);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/settings/callbacks", settings)).StatusCode);
        settings["maxAttempts"] = JsonSerializer.SerializeToElement(0);
        await ProblemAssert.HasFieldErrorAsync(await admin.PutAsJsonAsync("/api/v1/settings/callbacks", settings), "maxAttempts", "out_of_range");
        var (order, number) = await CompletedOrderAsync(app, agent);
        var callback = (await CallbackOfAsync(agent, order)).GetProperty("id").GetGuid();

        var only = await OutcomeAsync(agent, callback, new { outcome = "unreachable" });
        Assert.Equal("autoClosed", (await only.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var token = Token(Assert.Single(SurveySms(app, number)));
        using var customer = app.Http();

        var tampered = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];
        await ProblemAssert.IsProblemAsync(await customer.GetAsync($"/api/v1/surveys/{tampered}"), HttpStatusCode.NotFound, "survey_link_invalid");
        await ProblemAssert.IsProblemAsync(await customer.PostAsJsonAsync($"/api/v1/surveys/{tampered}", new { csat = 5 }), HttpStatusCode.NotFound, "survey_link_invalid");
        var expired = await ExpiredTokenAsync(app, token);
        await ProblemAssert.IsProblemAsync(await customer.PostAsJsonAsync($"/api/v1/surveys/{expired}", new { csat = 5 }), HttpStatusCode.Gone, "survey_link_expired");
        await ProblemAssert.HasFieldErrorAsync(await customer.PostAsJsonAsync($"/api/v1/surveys/{token}", new { csat = 6, nps = 3 }), "csat", "out_of_range");
        await ProblemAssert.HasFieldErrorAsync(await customer.PostAsJsonAsync($"/api/v1/surveys/{token}", new { nps = 3 }), "csat", "required");

        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsJsonAsync($"/api/v1/surveys/{token}", new { csat = 5, nps = 10 })).StatusCode);
        await ProblemAssert.IsProblemAsync(await customer.PostAsJsonAsync($"/api/v1/surveys/{token}", new { csat = 1 }), HttpStatusCode.Conflict, "survey_link_used");
        await ProblemAssert.IsProblemAsync(await customer.GetAsync($"/api/v1/surveys/{token}"), HttpStatusCode.Conflict, "survey_link_used");
        Assert.Equal(5, (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/{callback}")).GetProperty("csat").GetInt32());
        Assert.Single(await EventsAsync(app, "CallbackConfirmed"));

        // The customer's page says so politely, in Chinese by default.
        var page = await (await customer.GetAsync($"/s/{token}")).Content.ReadAsStringAsync();
        Assert.Contains("该问卷已提交过", page);
        Assert.Contains("该问卷链接无法识别", await (await customer.GetAsync($"/s/{tampered}")).Content.ReadAsStringAsync());
    }

    private static async Task<int> CloseDueAsync(CareLoopApp app, DateTimeOffset now)
    {
        var tenantId = await app.TenantIdAsync("demo-brand");
        await using var scope = app.Services.GetRequiredService<TenantScopes>().For(tenantId);
        return await scope.ServiceProvider.GetRequiredService<CallbackAutoCloser>().CloseDueAsync(now, CancellationToken.None);
    }

    private static List<LocalSmsGateway.SentSms> SurveySms(CareLoopApp app, string number) =>
        app.Services.GetRequiredService<LocalSmsGateway>().Sent.Where(s => s.TemplateParams.GetValueOrDefault("number") == number).ToList();

    private static string Token(LocalSmsGateway.SentSms sms)
    {
        var link = sms.TemplateParams["link"];
        Assert.Contains("/s/", link);
        return link[(link.LastIndexOf('/') + 1)..];
    }

    /// <summary>The same ticket, sealed with an expiry a minute ago (as if the customer opened it days later).</summary>
    private static Task<string> ExpiredTokenAsync(CareLoopApp app, string token)
    {
        var links = app.Services.GetRequiredService<SurveyLinks>();
        var ticket = links.Open(token)!;
        return Task.FromResult(links.Seal(ticket with { ExpiresAt = TimeProvider.System.GetUtcNow().AddMinutes(-1) }));
    }
}
