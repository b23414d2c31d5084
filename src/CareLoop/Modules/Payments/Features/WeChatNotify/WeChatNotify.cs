using System.Globalization;
using System.Text.Json;
using CareLoop.Modules.Payments.Domain;
using CareLoop.Modules.Payments.Gateway;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareLoop.Modules.Payments.Features.WeChatNotify;

/// <summary>What a notification did: <c>paid</c> (this one marked the order paid) or <c>repeated</c> (it already was).</summary>
public sealed record NotificationOutcome(string OutTradeNo, string Outcome);

/// <summary>
/// WeChat Pay's payment notification: trusted only when <c>Wechatpay-Signature</c> verifies over
/// "timestamp\nnonce\nbody\n" with the platform key and the timestamp is within five minutes; the resource is then
/// decrypted with the APIv3 key, the merchant, order number and amount checked against our order, and the order
/// marked paid once. A repeat (WeChat retries until it gets a 2xx) is acknowledged and changes nothing.
/// </summary>
public sealed class WeChatNotifyHandler(
    CareLoopDbContext db, ITenantContext tenant, WeChatPayKeys keys, IOptions<WeChatPayOptions> options, IAuditLog audit, TimeProvider time)
{
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public async Task<Result<NotificationOutcome>> HandleAsync(IHeaderDictionary headers, string body, CancellationToken cancellationToken)
    {
        string timestamp = headers["Wechatpay-Timestamp"].ToString(), nonce = headers["Wechatpay-Nonce"].ToString(), signature = headers["Wechatpay-Signature"].ToString();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || nonce.Length == 0 ||
            (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799))).Duration() > Skew ||
            !keys.Verify(WeChatPayCrypto.SignedMessage(timestamp, nonce, body), signature))
        {
            return new Error(ErrorCodes.NotificationSignatureInvalid, StatusCodes.Status401Unauthorized);
        }

        WeChatNotification? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<WeChatNotification>(body);
        }
        catch (JsonException)
        {
            envelope = null;
        }

        if (envelope?.Resource is not { } resource || envelope.ResourceType != "encrypt-resource" ||
            WeChatPayCrypto.Decrypt(keys.ApiV3Key, resource) is not { } plain || Parse(plain) is not { OutTradeNo: { } tradeNo } transaction)
        {
            return new Error(ErrorCodes.NotificationInvalid, StatusCodes.Status400BadRequest);
        }

        if (envelope.EventType != "TRANSACTION.SUCCESS" || transaction.TradeState != "SUCCESS")
        {
            return new NotificationOutcome(tradeNo, "ignored"); // only success moves anything; other events are acknowledged
        }

        // The order number is all the notification names: look it up across tenants, then work in its tenant (ADR 0005).
        var owner = await db.Set<Payment>().IgnoreQueryFilters().AsNoTracking().Where(p => p.OutTradeNo == tradeNo).Select(p => (Guid?)p.TenantId)
            .SingleOrDefaultAsync(cancellationToken);
        if (owner is not { } tenantId)
        {
            return new Error(ErrorCodes.NotificationInvalid, StatusCodes.Status400BadRequest);
        }

        tenant.Set(tenantId, null);
        var payment = await db.Set<Payment>().SingleAsync(p => p.OutTradeNo == tradeNo, cancellationToken);
        var o = options.Value;
        if (transaction.MchId != o.MchId || transaction.AppId != o.AppId || transaction.Amount is not { } amount || amount.Total != payment.AmountFen ||
            amount.Currency != "CNY" || payment.Method != PaymentMethod.WeChat)
        {
            audit.Record("payment.notification-refused", nameof(Payment), payment.Id.ToString(), new { tradeNo, paid = transaction.Amount?.Total, due = payment.AmountFen });
            await db.SaveChangesAsync(cancellationToken);
            return new Error(ErrorCodes.NotificationAmountMismatch, StatusCodes.Status400BadRequest, null, payment.AmountFen / 100m);
        }

        if (!payment.MarkPaid(transaction.TransactionId ?? "", time.GetUtcNow()))
        {
            return new NotificationOutcome(tradeNo, "repeated");
        }

        audit.Record("payment.paid", nameof(Payment), payment.Id.ToString(), new { tradeNo, payment.AmountFen, transaction.TransactionId, payment.WorkOrderId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new NotificationOutcome(tradeNo, "repeated"); // a twin notification got there first
        }

        return new NotificationOutcome(tradeNo, "paid");
    }

    private static WeChatTransaction? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<WeChatTransaction>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public static class WeChatNotifyEndpoint
{
    public const int MaxBytes = 64 * 1024;

    public static void MapWeChatNotify(this RouteGroupBuilder api) =>
        api.MapPost("/payments/wechat/notify", async (HttpContext http, WeChatNotifyHandler handler, CancellationToken ct) =>
            {
                if (http.Request.ContentLength > MaxBytes)
                {
                    return http.Problem(new Error(ErrorCodes.PayloadTooLarge, StatusCodes.Status413PayloadTooLarge));
                }

                using var reader = new StreamReader(http.Request.Body, System.Text.Encoding.UTF8);
                var body = await reader.ReadToEndAsync(ct);
                var handled = await handler.HandleAsync(http.Request.Headers, body, ct);
                return handled.IsSuccess ? TypedResults.NoContent() : http.Problem(handled.Error!);
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("Payments")
            .WithSummary("WeChat Pay v3 payment notification (TRANSACTION.SUCCESS): signed (Wechatpay-Timestamp/Nonce/Signature/Serial), resource AEAD_AES_256_GCM. 204 when done or already done; 401 bad signature; 400 wrong amount or unknown order.");
}
