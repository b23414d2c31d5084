using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Field.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Messaging;
using CareLoop.Platform.Telephony;
using CareLoop.Tests.Infrastructure;
using CareLoop.Tests.Modules.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareLoop.Tests.Modules.Field;

/// <summary>
/// From accept to on site on the engineer's phone (issue 7, ADR 0021) through <c>/api/v1/field/jobs/{id}/…</c>: the
/// logged call and the first-contact clock, the booking and its one SMS, the check-in's distance flags, and calls
/// through a privacy number. Orders are platform orders in 320506 at 人民路 8 号 (31.15, 120.64).
/// </summary>
public sealed class VisitTests
{
    [Theory, AllProviders]
    public async Task A_reached_contact_stops_the_first_contact_clock_and_a_missed_call_does_not(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind);
        using var http = app.Http();
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var order = await AcceptedOrderAsync(app, http, dispatcher, engineer, "V-CONTACT-1");

        var missed = await PostAsync(engineer, order, "contact", "k-c-1", new { reached = false, note = "无人接听" });
        Assert.Equal(HttpStatusCode.OK, missed.StatusCode);
        Assert.NotEqual("met", FirstContact(await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")));

        var reached = await PostAsync(engineer, order, "contact", "k-c-2", new { reached = true });
        var again = await PostAsync(engineer, order, "contact", "k-c-2", new { reached = true });
        Assert.Equal(HttpStatusCode.OK, reached.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetBoolean());
        var work = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");
        Assert.Equal("met", FirstContact(work));
        var actions = work.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("action").GetString()).ToList();
        Assert.Equal(1, actions.Count(a => a == "contact"));
        Assert.Equal(1, actions.Count(a => a == "contactFailed"));

        await ProblemAssert.HasFieldErrorAsync(await PostAsync(engineer, order, "contact", "k-c-3", new { note = "?" }), "reached", "required");
    }

    [Theory, AllProviders]
    public async Task Booking_sends_one_sms_and_a_resend_with_the_same_key_sends_nothing_more(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind);
        using var http = app.Http();
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var order = await AcceptedOrderAsync(app, http, dispatcher, engineer, "V-BOOK-1");
        var slots = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/field/jobs/{order}/visit-slots");
        var slot = slots.EnumerateArray().First();
        var (day, start, end) = (slot.GetProperty("day").GetString()!, slot.GetProperty("start").GetString()![..5], slot.GetProperty("end").GetString()![..5]);
        var version = await VersionAsync(dispatcher, order);

        // Bad input: the end before the start, outside working hours, an unreadable date.
        await ProblemAssert.HasFieldErrorAsync(await PostAsync(engineer, order, "booking", "k-b-0", new { date = day, start = "11:00", end = "09:00", expectedVersion = version }), "end", "ends_before_start");
        await ProblemAssert.HasFieldErrorAsync(await PostAsync(engineer, order, "booking", "k-b-0", new { date = day, start = "20:00", end = "22:00", expectedVersion = version }), "start", "outside_business_hours");
        await ProblemAssert.HasFieldErrorAsync(await PostAsync(engineer, order, "booking", "k-b-0", new { date = "25/11", start, end, expectedVersion = version }), "date", "invalid_format");

        var booking = new { date = day, start, end, expectedVersion = version };
        var booked = await PostAsync(engineer, order, "booking", "k-b-1", booking);
        var resent = await PostAsync(engineer, order, "booking", "k-b-1", booking);

        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        var body = await booked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("scheduled", body.GetProperty("state").GetString(), ignoreCase: true);
        Assert.Contains("****", body.GetProperty("notifiedPhone").GetString());
        Assert.True((await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetBoolean());
        var number = (await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("number").GetString();
        var sms = app.Services.GetRequiredService<LocalSmsGateway>().Sent.Where(s => s.TemplateCode == "VisitBooked" && s.TemplateParams["order"] == number).ToList();
        var sent = Assert.Single(sms);
        Assert.Equal($"{day} {start}-{end}", sent.TemplateParams["window"]);
        Assert.False(string.IsNullOrWhiteSpace(sent.TemplateParams["engineer"]));

        // Rebooking: who caused it; the engineer must say why.
        var later = slots.EnumerateArray().Skip(1).First();
        var rebook = new { date = later.GetProperty("day").GetString(), start = later.GetProperty("start").GetString()![..5], end = later.GetProperty("end").GetString()![..5], expectedVersion = await VersionAsync(dispatcher, order), cause = "engineer" };
        await ProblemAssert.HasFieldErrorAsync(await PostAsync(engineer, order, "booking", "k-b-2", new { rebook.date, rebook.start, rebook.end, rebook.expectedVersion }), "cause", "required");
        await ProblemAssert.HasFieldErrorAsync(await PostAsync(engineer, order, "booking", "k-b-2", rebook), "reason", "required");
        var rebooked = await PostAsync(engineer, order, "booking", "k-b-3", new { rebook.date, rebook.start, rebook.end, rebook.expectedVersion, rebook.cause, reason = "前一单超时" });
        Assert.Equal(HttpStatusCode.OK, rebooked.StatusCode);
        var work = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");
        Assert.Equal(1, work.GetProperty("rescheduleCount").GetInt32());
        Assert.Equal(2, app.Services.GetRequiredService<LocalSmsGateway>().Sent.Count(s => s.TemplateCode == "VisitBooked" && s.TemplateParams["order"] == number));
    }

    [Theory, AllProviders]
    public async Task A_check_in_is_flagged_far_near_or_without_location_and_never_refused(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind);
        using var http = app.Http();
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");

        async Task<JsonElement> CheckInAsync(string platformOrderId, double? latitude, double? longitude)
        {
            var order = await BookedOrderAsync(app, http, dispatcher, engineer, platformOrderId);
            var response = await PostAsync(engineer, order, "check-in", "k-in-" + platformOrderId, new { expectedVersion = await VersionAsync(dispatcher, order), latitude, longitude });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("onSite", body.GetProperty("state").GetString());
            return body.GetProperty("checkIn");
        }

        var near = await CheckInAsync("V-IN-NEAR", 31.1503, 120.6402);
        var far = await CheckInAsync("V-IN-FAR", 31.20, 120.64);
        var nowhere = await CheckInAsync("V-IN-NONE", null, null);

        Assert.Equal("near", near.GetProperty("flag").GetString());
        Assert.InRange(near.GetProperty("distanceMeters").GetInt32(), 0, 100);
        Assert.Equal("far", far.GetProperty("flag").GetString());
        Assert.InRange(far.GetProperty("distanceMeters").GetInt32(), 5000, 6000);
        Assert.Equal(1000, far.GetProperty("thresholdMeters").GetInt32());
        Assert.Equal("noLocation", nowhere.GetProperty("flag").GetString());
        Assert.Equal(JsonValueKind.Null, nowhere.GetProperty("distanceMeters").ValueKind);
        Assert.Equal(3, await app.DbAsync("demo-brand", db => db.Set<CheckInRecord>().CountAsync()));
    }

    [Theory, AllProviders]
    public async Task With_privacy_numbers_the_engineer_gets_a_secret_number_never_the_customers_and_the_binding_is_audited(DatabaseKind kind)
    {
        await using var app = await StartAsync(kind);
        using var http = app.Http();
        using var admin = await app.ApiAsAsync("admin");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var order = await AcceptedOrderAsync(app, http, dispatcher, engineer, "V-PRIV-1");
        var settings = await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/field");
        await ProblemAssert.HasFieldErrorAsync(await admin.PutAsJsonAsync("/api/v1/settings/field", new { usePrivacyNumbers = true, farCheckInMeters = 5, expectedVersion = 0 }), "farCheckInMeters", "out_of_range");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/settings/field",
            new { usePrivacyNumbers = true, farCheckInMeters = 1000, expectedVersion = settings.GetProperty("version").GetInt64() })).StatusCode);

        // A of the binding is the engineer's own phone: without one there is nothing to bind.
        var engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{engineerId}/mobile", new { mobile = "" })).StatusCode);
        await ProblemAssert.IsProblemAsync(await engineer.PostAsync($"/api/v1/field/jobs/{order}/customer-phone", null), HttpStatusCode.Conflict, "engineer_no_phone");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{engineerId}/mobile", new { mobile = "13800001111" })).StatusCode);

        var line = await engineer.PostAsync($"/api/v1/field/jobs/{order}/customer-phone", null);
        var again = await engineer.PostAsync($"/api/v1/field/jobs/{order}/customer-phone", null);

        Assert.Equal(HttpStatusCode.OK, line.StatusCode);
        var text = await line.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        Assert.True(body.GetProperty("private").GetBoolean());
        var secret = body.GetProperty("phone").GetString()!;
        Assert.StartsWith("+86171", secret);
        var binding = app.Services.GetRequiredService<LocalPrivacyNumbers>().Bindings.Single(b => b.OutId == order.ToString("N"));
        Assert.Equal(("+8613800001111", secret), (binding.PhoneNoA, binding.SecretNo));
        Assert.DoesNotContain(binding.PhoneNoB, text); // the customer's number never reaches the phone
        Assert.DoesNotContain(binding.PhoneNoB[3..], text);
        Assert.Equal(secret, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phone").GetString()); // one live binding per pair
        var audits = await app.DbAsync("demo-brand", db => db.Set<AuditEvent>().Where(a => a.Action == "field.privacy-number-bound").ToListAsync());
        Assert.Equal(2, audits.Count);
        Assert.All(audits, a => Assert.Contains(binding.SubsId, a.Details));
        Assert.All(audits, a => Assert.DoesNotContain(binding.PhoneNoB[3..], a.Details));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid order, string path, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/field/jobs/{order}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static string FirstContact(JsonElement order) =>
        order.GetProperty("sla").EnumerateArray().Single(c => c.GetProperty("target").GetString() == "firstContact").GetProperty("status").GetString()!;

    private static async Task<CareLoopApp> StartAsync(DatabaseKind kind)
    {
        var app = new CareLoopApp(await TestDatabases.CreateAsync(kind));
        app.StartServer();
        return app;
    }

    private static async Task<Guid> AcceptedOrderAsync(CareLoopApp app, HttpClient http, HttpClient dispatcher, HttpClient engineer, string platformOrderId)
    {
        var order = await PlaceAsync(http, platformOrderId);
        var assigned = await dispatcher.PostAsJsonAsync($"/api/v1/dispatch/work-orders/{order}/assignment",
            new { engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync()), expectedVersion = await VersionAsync(dispatcher, order) });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        var accepted = await PostAsync(engineer, order, "actions", "k-acc-" + platformOrderId, new { action = "accept", expectedVersion = await VersionAsync(dispatcher, order) });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        return order;
    }

    private static async Task<Guid> BookedOrderAsync(CareLoopApp app, HttpClient http, HttpClient dispatcher, HttpClient engineer, string platformOrderId)
    {
        var order = await AcceptedOrderAsync(app, http, dispatcher, engineer, platformOrderId);
        var slot = (await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/field/jobs/{order}/visit-slots")).EnumerateArray().First();
        var booked = await PostAsync(engineer, order, "booking", "k-book-" + platformOrderId, new
        {
            date = slot.GetProperty("day").GetString(), start = slot.GetProperty("start").GetString()![..5], end = slot.GetProperty("end").GetString()![..5],
            expectedVersion = await VersionAsync(dispatcher, order),
        });
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        return order;
    }

    /// <summary>A paid platform order for one water purifier in 320506; returns its work order.</summary>
    private static async Task<Guid> PlaceAsync(HttpClient http, string platformOrderId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var now = TimeProvider.System.GetUtcNow();
        var start = new DateTimeOffset(TimeZoneInfo.ConvertTime(now, zone).Date.AddDays(1).AddHours(10), TimeSpan.FromHours(8));
        var response = await OrderApi.SendAsync(http, new
        {
            platform = "tmall",
            platformOrderId,
            shopId = "tmall-flagship",
            paidAt = now.AddMinutes(-3),
            buyer = new { name = "周敏", phone = "1360000" + Math.Abs(platformOrderId.GetHashCode(StringComparison.Ordinal) % 10000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture), address = new { regionCode = "320506", detail = "人民路 8 号", lat = 31.15, lng = 120.64 } },
            items = new[] { new { sku = "WP-RO600", quantity = 1 } },
            service = "install",
            preferredWindow = new { start, end = start.AddHours(2) },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrderIds")[0].GetGuid();
    }

    private static async Task<long> VersionAsync(HttpClient client, Guid order) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("version").GetInt64();
}
