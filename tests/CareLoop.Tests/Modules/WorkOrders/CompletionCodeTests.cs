using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Platform.Messaging;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.WorkOrders;

public sealed class CompletionCodeTests
{
    /// <summary>Asks for the order's completion code by SMS and reads it off the local gateway, as the customer would read it out.</summary>
    public static async Task<string> SendAsync(CareLoopApp app, HttpClient client, string order)
    {
        var sent = await client.PostAsync($"/api/v1/work-orders/{order}/completion-code", null);
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        return app.Services.GetRequiredService<LocalSmsGateway>().Sent.First(s => s.TemplateParams.ContainsKey("number")).TemplateParams["code"];
    }

    [Theory, AllProviders]
    public async Task A_repair_completes_only_with_the_code_the_customer_received_and_five_wrong_tries_lock_it(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var order = await OnSiteAsync(app, agent, dispatcher, engineer);

        var missing = await Complete(engineer, order, null);
        var code = await SendAsync(app, engineer, order);
        var sms = app.Services.GetRequiredService<LocalSmsGateway>().Sent[0];
        var wrong = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add(await Complete(engineer, order, code == "000000" ? "111111" : "000000"));
        }

        var rightButLocked = await Complete(engineer, order, code);
        var tooSoon = await engineer.PostAsync($"/api/v1/work-orders/{order}/completion-code", null);
        var unchanged = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");

        Assert.Equal(["verificationCode:required"], Fields(await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal("+8613812345678", sms.PhoneE164);
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal("24", sms.TemplateParams["hours"]);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(["verificationCode:verification_wrong"], Fields(await ProblemAssert.IsProblemAsync(wrong[i], HttpStatusCode.UnprocessableEntity, "validation_failed")));
        }

        Assert.Equal(["verificationCode:verification_locked"], Fields(await ProblemAssert.IsProblemAsync(wrong[4], HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["verificationCode:verification_locked"], Fields(await ProblemAssert.IsProblemAsync(rightButLocked, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        await ProblemAssert.IsProblemAsync(tooSoon, HttpStatusCode.TooManyRequests, "code_recently_sent");
        Assert.Equal("onSite", unchanged.GetProperty("state").GetString());
        Assert.Equal(4, unchanged.GetProperty("version").GetInt64()); // nothing of the refused completions was saved
        Assert.Contains("completionCodeSent", unchanged.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("action").GetString()));
    }

    [Theory, AllProviders]
    public async Task A_code_lives_24_hours_and_a_new_one_completes_the_job(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero)); // Monday 09:00 in Shanghai
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false, services: s => s.AddSingleton<TimeProvider>(clock));
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var order = await OnSiteAsync(app, agent, dispatcher, engineer, clock);
        var unknown = await engineer.PostAsync($"/api/v1/work-orders/{Guid.NewGuid()}/completion-code", null);

        var first = await SendAsync(app, engineer, order);
        clock.Advance(TimeSpan.FromHours(24).Add(TimeSpan.FromSeconds(1)));
        using var engineerNextDay = await app.ApiAsAsync("engineer");
        var expired = await Complete(engineerNextDay, order, first);
        var second = await SendAsync(app, engineerNextDay, order);
        var completed = await Complete(engineerNextDay, order, second);

        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(["verificationCode:verification_expired"], Fields(await ProblemAssert.IsProblemAsync(expired, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var used = await app.DbAsync("demo-brand", db => db.Set<CareLoop.Modules.Customers.Domain.PhoneVerification>().CountAsync(v => v.UsedAt != null));
        Assert.Equal(1, used);
    }

    [Theory, AllProviders]
    public async Task Completion_requirements_are_the_tenants_policy_per_kind(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var defaults = await agent.GetFromJsonAsync<JsonElement>("/api/v1/settings/completion");
        var bad = await admin.PutAsJsonAsync("/api/v1/settings/completion", new object[]
        {
            new { kind = "onSiteRepair", minPhotos = 21, requiresBarcode = true, requiresSignature = false, requiresCustomerCode = true },
            new { kind = "onSiteRepair", minPhotos = 1, requiresBarcode = true, requiresSignature = false, requiresCustomerCode = true },
        });
        var byAgent = await agent.PutAsJsonAsync("/api/v1/settings/completion", Array.Empty<object>());
        var saved = await admin.PutAsJsonAsync("/api/v1/settings/completion", new object[]
        {
            new { kind = "onSiteRepair", minPhotos = 2, requiresBarcode = false, requiresSignature = true, requiresCustomerCode = false },
        });
        var order = await OnSiteAsync(app, agent, dispatcher, engineer);
        var needsSignature = await Complete(engineer, order, null);
        await engineer.PostAsync($"/api/v1/work-orders/{order}/attachments", EvidenceTests.Photo(EvidenceTests.Jpeg(), kind: "signature"));
        var sendCode = await engineer.PostAsync($"/api/v1/work-orders/{order}/completion-code", null);
        await engineer.PostAsync($"/api/v1/work-orders/{order}/attachments", EvidenceTests.Photo(EvidenceTests.Jpeg()));
        var completed = await Complete(engineer, order, null);

        var repair = defaults.EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "onSiteRepair");
        Assert.True(repair.GetProperty("requiresCustomerCode").GetBoolean());
        Assert.Equal(6, defaults.GetArrayLength());
        Assert.Equal(["[0].minPhotos:out_of_range", "[1].kind:duplicate"], Fields(await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        await ProblemAssert.IsProblemAsync(byAgent, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(["photos:too_few_photos", "signature:required"], Fields(await ProblemAssert.IsProblemAsync(needsSignature, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        await ProblemAssert.IsProblemAsync(sendCode, HttpStatusCode.UnprocessableEntity, "illegal_transition"); // the policy asks for no code
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
    }

    private static Task<HttpResponseMessage> Complete(HttpClient engineer, string order, string? code) =>
        engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "complete", expectedVersion = 4, barcode = "RVX2000000001", verificationCode = code });

    /// <summary>An on-site repair of 13812345678's robot, checked in with one photo (version 4).</summary>
    private static async Task<string> OnSiteAsync(CareLoopApp app, HttpClient agent, HttpClient dispatcher, HttpClient engineer, TimeProvider? time = null)
    {
        var customer = await CustomerIdAsync(agent, "13812345678");
        var unit = UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}"), "RVX2000000001");
        var order = (await (await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", description = "不回充" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        var day = NextWeekday(time);
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        foreach (var (client, body) in new (HttpClient, object)[]
                 {
                     (dispatcher, new { action = "assign", expectedVersion = 0, assigneeId = engineerId }),
                     (engineer, new { action = "accept", expectedVersion = 1 }),
                     (engineer, new { action = "schedule", expectedVersion = 2, window = new { start, end = start.AddHours(2) } }),
                     (engineer, new { action = "checkIn", expectedVersion = 3 }),
                 })
        {
            var moved = await client.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", body);
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.Created, (await engineer.PostAsync($"/api/v1/work-orders/{order}/attachments", EvidenceTests.Photo(EvidenceTests.Jpeg()))).StatusCode);
        return order;
    }
}
