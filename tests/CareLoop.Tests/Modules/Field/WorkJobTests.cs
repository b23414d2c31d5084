using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Catalog.Domain;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.Field;

/// <summary>
/// The work screen's API (<c>/api/v1/field/jobs/{id}/work</c>, the same handler as the <c>/m/jobs/{id}/work</c> page):
/// the fault from the unit's category, parts from the model's BOM priced by the charges rules, fees from the price
/// list, photos and the barcode, each saved once per idempotency key. Jobs are on-site repairs the agent opens and
/// the engineer accepts: 王秀英's water purifier (WP6000000001, under warranty) or 陈静's robot vacuum
/// (RVX2000000002, out of warranty).
/// </summary>
public sealed class WorkJobTests
{
    [Theory, AllProviders]
    public async Task A_fault_code_must_belong_to_the_units_category_and_the_diagnosis_shows_on_the_work_order(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var engineer = await app.ApiAsAsync("engineer");
        using var agent = await app.ApiAsAsync("agent");
        var order = await AcceptedRepairAsync(app, "13912345601", "WP6000000001");
        var purifierCause = await FaultIdAsync(app, "water-purifier", "S02-C02-R02");
        var vacuumCause = await FaultIdAsync(app, "robot-vacuum", "S01-C01-R01");

        var sheet = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/field/jobs/{order}/work");
        var foreign = await PostAsync(engineer, order, "fault", "k-fault-1", new { faultCodeId = vacuumCause, notes = "x" });
        var missing = await PostAsync(engineer, order, "fault", "k-fault-2", new { notes = "x" });
        var saved = await PostAsync(engineer, order, "fault", "k-fault-3", new { faultCodeId = purifierCause, notes = "快接头未插到位，重新安装后不漏" });

        Assert.Contains(sheet.GetProperty("faultCodes").EnumerateArray(), f => f.GetProperty("id").GetGuid() == purifierCause);
        Assert.DoesNotContain(sheet.GetProperty("faultCodes").EnumerateArray(), f => f.GetProperty("id").GetGuid() == vacuumCause);
        await ProblemAssert.HasFieldErrorAsync(foreign, "faultCodeId", "fault_code_not_for_unit");
        await ProblemAssert.HasFieldErrorAsync(missing, "faultCodeId", "required");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");
        Assert.Equal("S02-C02-R02 机器漏水 › 快接头 › 安装时未插到位", view.GetProperty("faultCode").GetString());
        Assert.Equal("快接头未插到位，重新安装后不漏", view.GetProperty("diagnosisNotes").GetString());
        Assert.Contains(view.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("action").GetString() == "recordFault");
    }

    [Theory, AllProviders]
    public async Task A_part_must_be_in_the_models_bom_and_under_warranty_a_resent_part_is_one_covered_line(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var engineer = await app.ApiAsAsync("engineer");
        var order = await AcceptedRepairAsync(app, "13912345601", "WP6000000001");
        var sheet = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/field/jobs/{order}/work");
        var pump = sheet.GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "PUMP").GetProperty("id").GetGuid();
        var vacuumPart = await app.DbAsync("demo-brand", db => db.Set<ProductModel>().Where(m => m.Sku == "RV-X20").SelectMany(m => m.Parts).Select(p => p.Id).FirstAsync());

        var foreign = await PostAsync(engineer, order, "parts", "k-part-1", new { partId = vacuumPart, quantity = 1 });
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(engineer, order, "parts", "k-part-2", new { partId = pump, quantity = 1 })));
        var later = await PostAsync(engineer, order, "parts", "k-part-2", new { partId = pump, quantity = 1 });
        var labour = await PostAsync(engineer, order, "fees", "k-fee-1", new { kind = "labour" });
        var labourAgain = await PostAsync(engineer, order, "fees", "k-fee-2", new { kind = "labour" });

        await ProblemAssert.HasFieldErrorAsync(foreign, "partId", "part_not_in_bom");
        Assert.All(answers.Append(later), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.True((await later.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, labour.StatusCode);
        await ProblemAssert.HasFieldErrorAsync(labourAgain, "kind", "duplicate");
        var work = (await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/field/jobs/{order}/work")).GetProperty("work");
        var lines = work.GetProperty("lines").EnumerateArray().ToList();
        Assert.Single(lines, l => l.GetProperty("kind").GetString() == "part");
        var part = lines.Single(l => l.GetProperty("kind").GetString() == "part");
        Assert.Equal(19900, part.GetProperty("unitPriceFen").GetInt64());
        Assert.All(lines, l => Assert.True(l.GetProperty("covered").GetBoolean()));
        Assert.True(work.GetProperty("underWarranty").GetBoolean());
        Assert.Equal(19900 + 8000, work.GetProperty("coveredFen").GetInt64());
        Assert.Equal(0, work.GetProperty("customerPaysFen").GetInt64());
    }

    [Theory, AllProviders]
    public async Task Out_of_warranty_the_customer_pays_the_parts_list_price_and_the_tenants_price_list(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var engineer = await app.ApiAsAsync("engineer");
        var prices = await admin.PutAsJsonAsync("/api/v1/settings/prices", new[] { new { kind = "onSiteRepair", labourFen = 12000, visitFeeFen = 5000 } });
        var negative = await admin.PutAsJsonAsync("/api/v1/settings/prices", new[] { new { kind = "maintenance", labourFen = -1, visitFeeFen = 0 } });
        var order = await AcceptedRepairAsync(app, "13712345604", "RVX2000000002");
        var sheet = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/field/jobs/{order}/work");
        var motor = sheet.GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "FAN-MOTOR").GetProperty("id").GetGuid();

        await PostAsync(engineer, order, "parts", "k-oow-1", new { partId = motor, quantity = 1 });
        await PostAsync(engineer, order, "fees", "k-oow-2", new { kind = "labour" });
        await PostAsync(engineer, order, "fees", "k-oow-3", new { kind = "visitFee" });

        Assert.Equal(HttpStatusCode.OK, prices.StatusCode);
        await ProblemAssert.HasFieldErrorAsync(negative, "[0].labourFen", "out_of_range");
        var work = (await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/field/jobs/{order}/work")).GetProperty("work");
        Assert.False(work.GetProperty("underWarranty").GetBoolean());
        Assert.Equal(12000, work.GetProperty("labourFen").GetInt64());
        Assert.Equal(29900 + 12000 + 5000, work.GetProperty("customerPaysFen").GetInt64());
        Assert.Equal(0, work.GetProperty("coveredFen").GetInt64());
        Assert.All(work.GetProperty("lines").EnumerateArray(), l => Assert.False(l.GetProperty("covered").GetBoolean()));
    }

    [Theory, AllProviders]
    public async Task A_photo_resent_with_its_key_is_stored_once_downscaled_and_one_over_the_limit_is_refused_with_the_limit(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var engineer = await app.ApiAsAsync("engineer");
        var order = await AcceptedRepairAsync(app, "13912345601", "WP6000000001");
        var large = Jpeg(4000, 3000);

        var first = await PhotoAsync(engineer, order, "k-photo-1", large);
        var resent = await PhotoAsync(engineer, order, "k-photo-1", large);
        var huge = new byte[15 * 1024 * 1024 + 200_000];
        large.CopyTo(huge, 0); // a JPEG's bytes first, so only the size is wrong
        var tooLarge = await PhotoAsync(engineer, order, "k-photo-2", huge);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>();
        var resentBody = await resent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(firstBody.GetProperty("replayed").GetBoolean());
        Assert.True(resentBody.GetProperty("replayed").GetBoolean());
        Assert.Equal(firstBody.GetProperty("outcome").GetString(), resentBody.GetProperty("outcome").GetString());
        var problem = await ProblemAssert.IsProblemAsync(tooLarge, HttpStatusCode.UnprocessableEntity, "validation_failed");
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal("file:file_too_large", error.GetProperty("field").GetString() + ":" + error.GetProperty("code").GetString());
        Assert.Contains("15", error.GetProperty("message").GetString());
        var work = (await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/field/jobs/{order}/work")).GetProperty("work");
        Assert.Equal(1, work.GetProperty("photoIds").GetArrayLength());
        Assert.Equal(1, work.GetProperty("minPhotos").GetInt32());
        var stored = await engineer.GetByteArrayAsync($"/api/v1/work-orders/{order}/attachments/{work.GetProperty("photoIds")[0].GetGuid()}");
        using var image = SKBitmap.Decode(stored);
        Assert.True(Math.Max(image.Width, image.Height) <= 2560, "the server keeps at most 2560 px");
    }

    [Theory, AllProviders]
    public async Task A_barcode_must_match_the_serial_naming_both_and_typing_it_in_needs_a_reason_then_completion_uses_it(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var engineer = await app.ApiAsAsync("engineer");
        using var agent = await app.ApiAsAsync("agent");
        var order = await AcceptedRepairAsync(app, "13912345601", "WP6000000001");

        var mismatch = await PostAsync(engineer, order, "barcode", "k-scan-1", new { barcode = "WP6999999999" });
        var noReason = await PostAsync(engineer, order, "barcode", "k-scan-2", new { barcode = "WP6000000001", manual = true });
        var typed = await PostAsync(engineer, order, "barcode", "k-scan-3", new { barcode = "wp6000000001", manual = true, reason = "标签被水泡花，无法扫描" });

        var problem = await ProblemAssert.IsProblemAsync(mismatch, HttpStatusCode.UnprocessableEntity, "validation_failed");
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal("serial_mismatch", error.GetProperty("code").GetString());
        Assert.Contains("WP6999999999", error.GetProperty("message").GetString());
        Assert.Contains("WP6000000001", error.GetProperty("message").GetString());
        await ProblemAssert.HasFieldErrorAsync(noReason, "reason", "required");
        Assert.Equal(HttpStatusCode.OK, typed.StatusCode);
        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");
        Assert.Equal("WP6000000001", view.GetProperty("scannedBarcode").GetString());
        Assert.Equal("标签被水泡花，无法扫描", view.GetProperty("barcodeManualReason").GetString());

        // On site, completing without sending the barcode again: the accepted scan counts (the photo is still missing).
        var start = new DateTimeOffset(NextWeekday().ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        var version = view.GetProperty("version").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions",
            new { action = "schedule", expectedVersion = version, window = new { start, end = start.AddHours(2) } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "checkIn", expectedVersion = version + 1 })).StatusCode);
        var complete = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "complete", expectedVersion = version + 2 });
        var fields = (await ProblemAssert.IsProblemAsync(complete, HttpStatusCode.UnprocessableEntity, "validation_failed")).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("photos", fields);
        Assert.DoesNotContain("barcode", fields);
    }

    [Theory, AllProviders]
    public async Task Another_engineers_job_has_no_work_sheet_and_a_job_not_yet_accepted_takes_no_work(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var engineer = await app.ApiAsAsync("engineer");
        using var engineer2 = await app.ApiAsAsync("engineer2");
        var order = await AssignedRepairAsync(app, "13912345601", "WP6000000001");

        Assert.Equal(HttpStatusCode.NotFound, (await engineer2.GetAsync($"/api/v1/field/jobs/{order}/work")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(engineer2, order, "barcode", "k-other-1", new { barcode = "WP6000000001" })).StatusCode);
        var early = await PostAsync(engineer, order, "barcode", "k-early-1", new { barcode = "WP6000000001" });
        await ProblemAssert.IsProblemAsync(early, HttpStatusCode.UnprocessableEntity, "illegal_transition");
        Assert.False((await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/field/jobs/{order}/work")).GetProperty("work").GetProperty("editable").GetBoolean());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid order, string what, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/field/jobs/{order}/work/{what}") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PhotoAsync(HttpClient client, Guid order, string key, byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/field/jobs/{order}/work/photos") { Content = new MultipartFormDataContent { { file, "file", "site.jpg" } } };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SeaGreen);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 80).ToArray();
    }

    private static Task<Guid> FaultIdAsync(CareLoopApp app, string category, string code) =>
        app.DbAsync("demo-brand", db => db.Set<FaultCode>()
            .Where(f => f.Code == code && db.Set<ProductCategory>().Any(c => c.Id == f.CategoryId && c.Code == category)).Select(f => f.Id).SingleAsync());

    /// <summary>An on-site repair of the customer's unit, assigned to <c>engineer</c> and accepted.</summary>
    internal static async Task<Guid> AcceptedRepairAsync(CareLoopApp app, string phone, string serial)
    {
        var order = await AssignedRepairAsync(app, phone, serial);
        using var engineer = await app.ApiAsAsync("engineer");
        var accepted = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "accept", expectedVersion = 1 });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        return order;
    }

    private static async Task<Guid> AssignedRepairAsync(CareLoopApp app, string phone, string serial)
    {
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        var customer = await CustomerIdAsync(agent, phone);
        var unit = UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}"), serial);
        var created = await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", description = "上门维修" });
        var order = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        var assigned = await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "assign", expectedVersion = 0, assigneeId = engineerId });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        return order;
    }
}
