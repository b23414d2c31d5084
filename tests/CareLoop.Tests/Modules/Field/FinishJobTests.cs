using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Field.Domain;
using CareLoop.Modules.Payments.Domain;
using CareLoop.Modules.Payments.Gateway;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Messaging;
using CareLoop.Tests.Infrastructure;
using CareLoop.Tests.Modules.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.Field;

/// <summary>
/// Finishing a job on the phone (issue 7) through <c>/api/v1/field/jobs/{id}/…</c>: the evidence checklist, the
/// customer's sign-off (code or signature), payment by cash or by a WeChat Pay QR whose signed notification comes
/// back, and the completion, each action once per idempotency key. Jobs are on-site repairs of the out-of-warranty
/// robot RVX2000000002 (customer 13712345604) with one chargeable part of ¥89.00, quote approved.
/// </summary>
public sealed class FinishJobTests
{
    [Theory, AllProviders]
    public async Task A_repair_completes_once_with_its_evidence_the_customers_code_and_cash_equal_to_what_is_due(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var order = await ChargeableOnSiteAsync(app, agent, dispatcher, engineer);

        var first = await SheetAsync(engineer, order);
        var bare = await PostAsync(engineer, order, "complete", "k-complete-0", new { expectedVersion = first.GetProperty("version").GetInt64(), barcode = "RVX2000000002" });
        await engineer.PostAsync($"/api/v1/work-orders/{order}/attachments", EvidenceTests.Photo(EvidenceTests.Jpeg()));
        var wrongCash = await PostAsync(engineer, order, "cash", "k-cash-0", new { amountFen = 5000 });
        var cash = await PostAsync(engineer, order, "cash", "k-cash-1", new { amountFen = 8900 });
        var cashAgain = await PostAsync(engineer, order, "cash", "k-cash-1", new { amountFen = 8900 });
        var nothingLeft = await PostAsync(engineer, order, "cash", "k-cash-2", new { amountFen = 8900 });
        var sent = await PostAsync(engineer, order, "completion-code", "k-code-1", null);
        var code = app.Services.GetRequiredService<LocalSmsGateway>().Sent.First(s => s.TemplateParams.ContainsKey("number")).TemplateParams["code"];
        var ready = await SheetAsync(engineer, order);
        var version = ready.GetProperty("version").GetInt64();
        var wrongCode = await PostAsync(engineer, order, "complete", "k-complete-1", new { expectedVersion = version, barcode = "RVX2000000002", verificationCode = code == "000000" ? "111111" : "000000" });
        var afterWrong = await SheetAsync(engineer, order);

        // The phone resends the completion it never heard back about, at once and later: it completes once.
        var complete = new { expectedVersion = version, barcode = "RVX2000000002", verificationCode = code };
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(engineer, order, "complete", "k-complete-2", complete)));
        var later = await PostAsync(engineer, order, "complete", "k-complete-2", complete);
        var done = await SheetAsync(engineer, order);

        Assert.Equal(["photos", "code", "payment"], first.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(8900, first.GetProperty("dueFen").GetInt64());
        var bareFields = Fields(await ProblemAssert.IsProblemAsync(bare, HttpStatusCode.UnprocessableEntity, "validation_failed"));
        Assert.Contains("photos:too_few_photos", bareFields);
        Assert.Contains("payment:payment_due", bareFields);
        Assert.Equal(["amountFen:cash_amount_mismatch"], Fields(await ProblemAssert.IsProblemAsync(wrongCash, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(HttpStatusCode.OK, cash.StatusCode);
        Assert.True((await cashAgain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetBoolean());
        Assert.Equal(["amountFen:nothing_to_pay"], Fields(await ProblemAssert.IsProblemAsync(nothingLeft, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Empty(ready.GetProperty("missing").EnumerateArray());
        Assert.Equal(5, ready.GetProperty("code").GetProperty("triesLeft").GetInt32());
        Assert.Equal(["verificationCode:verification_wrong"], Fields(await ProblemAssert.IsProblemAsync(wrongCode, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(4, afterWrong.GetProperty("code").GetProperty("triesLeft").GetInt32());
        Assert.All(answers.Append(later), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var bodies = await Task.WhenAll(answers.Append(later).Select(a => a.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.All(bodies, b => Assert.Equal("Completed", b.GetProperty("outcome").GetString()));
        Assert.Single(bodies, b => !b.GetProperty("replayed").GetBoolean());
        Assert.True(done.GetProperty("isDone").GetBoolean());
        var timeline = (await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}")).GetProperty("timeline").EnumerateArray();
        Assert.Equal(1, timeline.Count(t => t.GetProperty("action").GetString() == "complete"));
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.Set<Payment>().CountAsync(p => p.WorkOrderId == Guid.Parse(order))));
        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.Set<ActionReceipt>().CountAsync(r => r.Key == "k-complete-1"))); // the refused try left no receipt
    }

    [Theory, AllProviders]
    public async Task Wrong_codes_count_down_on_the_phone_and_the_fifth_locks_the_code(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var order = await ChargeableOnSiteAsync(app, agent, dispatcher, engineer);
        await engineer.PostAsync($"/api/v1/work-orders/{order}/attachments", EvidenceTests.Photo(EvidenceTests.Jpeg()));
        await PostAsync(engineer, order, "cash", "k-cash-1", new { amountFen = 8900 });
        await PostAsync(engineer, order, "completion-code", "k-code-1", null);
        var code = app.Services.GetRequiredService<LocalSmsGateway>().Sent.First(s => s.TemplateParams.ContainsKey("number")).TemplateParams["code"];
        var version = (await SheetAsync(engineer, order)).GetProperty("version").GetInt64();
        var wrong = code == "000000" ? "111111" : "000000";

        var left = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            await PostAsync(engineer, order, "complete", $"k-wrong-{i}", new { expectedVersion = version, barcode = "RVX2000000002", verificationCode = wrong });
            left.Add((await SheetAsync(engineer, order)).GetProperty("code").GetProperty("triesLeft").GetInt32());
        }

        var locked = await SheetAsync(engineer, order);
        var right = await PostAsync(engineer, order, "complete", "k-right", new { expectedVersion = version, barcode = "RVX2000000002", verificationCode = code });

        Assert.Equal([4, 3, 2, 1, 0], left);
        Assert.True(locked.GetProperty("code").GetProperty("locked").GetBoolean());
        Assert.Equal(["code"], locked.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["verificationCode:verification_locked"], Fields(await ProblemAssert.IsProblemAsync(right, HttpStatusCode.UnprocessableEntity, "validation_failed")));
    }

    [Theory, AllProviders]
    public async Task A_signature_and_a_QR_payment_confirmed_by_WeChats_signed_notification_let_the_job_complete(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        using var engineer2 = await app.ApiAsAsync("engineer2");
        using var wechat = app.Http();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/settings/completion", new object[]
        {
            new { kind = "onSiteRepair", minPhotos = 0, requiresBarcode = false, requiresSignature = true, requiresCustomerCode = false },
        })).StatusCode);
        var order = await ChargeableOnSiteAsync(app, agent, dispatcher, engineer);

        var before = await SheetAsync(engineer, order);
        var othersSheet = await engineer2.GetAsync($"/api/v1/field/jobs/{order}/finish");
        var othersCash = await PostAsync(engineer2, order, "cash", "k-cash-x", new { amountFen = 8900 });
        var signed = await SignAsync(engineer, order, "k-sign-1");
        var signedSheet = await SheetAsync(engineer, order);
        var qr = await (await PostAsync(engineer, order, "payment-qr", "k-qr-1", null)).Content.ReadFromJsonAsync<JsonElement>();
        var sameQr = await (await PostAsync(engineer, order, "payment-qr", "k-qr-2", null)).Content.ReadFromJsonAsync<JsonElement>();
        var unpaid = await PostAsync(engineer, order, "complete", "k-complete-1", new { expectedVersion = signedSheet.GetProperty("version").GetInt64() });

        var gateway = app.Services.GetRequiredService<LocalWeChatPay>();
        var created = gateway.Orders.Single();
        var genuine = gateway.Notification(created);
        var tampered = await NotifyAsync(wechat, genuine with { Body = genuine.Body.Replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCESS ", StringComparison.Ordinal) });
        var forged = await NotifyAsync(wechat, genuine with { Headers = new Dictionary<string, string>(genuine.Headers) { ["Wechatpay-Signature"] = Convert.ToBase64String(new byte[256]) } });
        var shortPaid = await NotifyAsync(wechat, gateway.Notification(created, paidFen: 8800));
        var stillPending = await SheetAsync(engineer, order);
        var paid = await NotifyAsync(wechat, genuine);
        var repeated = await NotifyAsync(wechat, genuine);
        var paidSheet = await SheetAsync(engineer, order);
        var completed = await PostAsync(engineer, order, "complete", "k-complete-2", new { expectedVersion = paidSheet.GetProperty("version").GetInt64() });

        Assert.Equal(["signature", "payment"], before.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, othersSheet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersCash.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.True(signedSheet.GetProperty("evidence").EnumerateArray().Single(e => e.GetProperty("key").GetString() == "signature").GetProperty("present").GetBoolean());
        Assert.Equal(["payment"], signedSheet.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.StartsWith("weixin://wxpay/bizpayurl?pr=", qr.GetProperty("codeUrl").GetString());
        Assert.StartsWith("<svg", qr.GetProperty("qrSvg").GetString());
        Assert.Equal(qr.GetProperty("paymentId").GetGuid(), sameQr.GetProperty("paymentId").GetGuid()); // the same QR while it is unpaid
        Assert.Equal(["payment:payment_due"], Fields(await ProblemAssert.IsProblemAsync(unpaid, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        using (var wire = JsonDocument.Parse(created.WireBody))
        {
            Assert.Equal(8900, wire.RootElement.GetProperty("amount").GetProperty("total").GetInt64());
            Assert.Equal("CNY", wire.RootElement.GetProperty("amount").GetProperty("currency").GetString());
            Assert.EndsWith("/api/v1/payments/wechat/notify", wire.RootElement.GetProperty("notify_url").GetString());
            Assert.Equal(created.Order.OutTradeNo, wire.RootElement.GetProperty("out_trade_no").GetString());
        }

        await ProblemAssert.IsProblemAsync(tampered, HttpStatusCode.Unauthorized, "notification_signature_invalid");
        await ProblemAssert.IsProblemAsync(forged, HttpStatusCode.Unauthorized, "notification_signature_invalid");
        await ProblemAssert.IsProblemAsync(shortPaid, HttpStatusCode.BadRequest, "notification_amount_mismatch");
        Assert.Equal(0, stillPending.GetProperty("paidFen").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent, paid.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, repeated.StatusCode); // acknowledged, not counted again
        Assert.Equal(8900, paidSheet.GetProperty("paidFen").GetInt64());
        Assert.Empty(paidSheet.GetProperty("missing").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.Set<AuditEvent>().CountAsync(a => a.Action == "payment.paid")));
        var payment = await app.DbAsync("demo-brand", db => db.Set<Payment>().SingleAsync(p => p.WorkOrderId == Guid.Parse(order)));
        Assert.Equal((PaymentStatus.Paid, PaymentMethod.WeChat, 8900L), (payment.Status, payment.Method, payment.AmountFen));
        Assert.StartsWith("4200", payment.TransactionId);
    }

    /// <summary>An out-of-warranty repair on site with a ¥89.00 part the customer approved.</summary>
    private static async Task<string> ChargeableOnSiteAsync(CareLoopApp app, HttpClient agent, HttpClient dispatcher, HttpClient engineer)
    {
        var engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        var order = await ChargesTests.OnSiteAsync(agent, dispatcher, engineer, engineerId, "13712345604", "RVX2000000002");
        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/charges", new { kind = "part", description = "主刷", quantity = 1, unitPriceFen = 8900 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsync($"/api/v1/work-orders/{order}/charges/approval", null)).StatusCode);
        return order;
    }

    private static async Task<JsonElement> SheetAsync(HttpClient client, string order)
    {
        var sheet = await client.GetAsync($"/api/v1/field/jobs/{order}/finish");
        Assert.True(sheet.IsSuccessStatusCode, await sheet.Content.ReadAsStringAsync());
        return await sheet.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string order, string action, string key, object? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/field/jobs/{order}/{action}") { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> SignAsync(HttpClient client, string order, string key)
    {
        using var bitmap = new SKBitmap(600, 200);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var pen = new SKPaint { Color = SKColors.Black, StrokeWidth = 4, IsStroke = true };
            canvas.DrawLine(20, 150, 580, 60, pen);
        }

        using var image = SKImage.FromBitmap(bitmap);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(image.Encode(SKEncodedImageFormat.Png, 100).ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "signature.png");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/field/jobs/{order}/signature") { Content = form };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> NotifyAsync(HttpClient wechat, LocalWeChatPay.SignedNotification notification)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/wechat/notify")
        {
            Content = new StringContent(notification.Body, System.Text.Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in notification.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return wechat.SendAsync(request);
    }
}
