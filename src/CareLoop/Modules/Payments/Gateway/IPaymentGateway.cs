using System.Text.Json.Serialization;

namespace CareLoop.Modules.Payments.Gateway;

/// <summary>
/// The payment port, in the shape of WeChat Pay API v3 Native (<c>POST /v3/pay/transactions/native</c>): we send the
/// order, WeChat answers a <c>code_url</c> the customer's WeChat opens when they scan its QR. The outcome comes back
/// later as a signed, encrypted notification to <see cref="NativeOrder.NotifyUrl"/> (see <c>WeChatNotify</c>).
/// </summary>
public interface IPaymentGateway
{
    Task<NativeOrderCreated> CreateNativeOrderAsync(NativeOrder order, CancellationToken cancellationToken);
}

/// <summary>The request body of a Native order, field for field.</summary>
public sealed record NativeOrder(
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("mchid")] string MchId,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("out_trade_no")] string OutTradeNo,
    [property: JsonPropertyName("notify_url")] string NotifyUrl,
    [property: JsonPropertyName("amount")] NativeAmount Amount);

/// <param name="Total">In 分.</param>
public sealed record NativeAmount([property: JsonPropertyName("total")] long Total, [property: JsonPropertyName("currency")] string Currency = "CNY");

public sealed record NativeOrderCreated([property: JsonPropertyName("code_url")] string CodeUrl);

/// <summary>The merchant's WeChat Pay settings (<c>Payments:WeChat</c>); the keys themselves live in <see cref="WeChatPayKeys"/>.</summary>
public sealed class WeChatPayOptions
{
    public const string Section = "Payments:WeChat";

    public string AppId { get; set; } = "wx0000000000000000";

    public string MchId { get; set; } = "1900000000";

    /// <summary>Where WeChat posts the outcome; empty: this app's <c>/api/v1/payments/wechat/notify</c> at the request's host.</summary>
    public string? NotifyUrl { get; set; }

    /// <summary>The APIv3 key (32 characters) that decrypts notifications. Development generates one.</summary>
    public string? ApiV3Key { get; set; }

    /// <summary>WeChat Pay's platform public key (PEM) that verifies notification signatures. Development generates a pair.</summary>
    public string? PlatformPublicKey { get; set; }

    /// <summary>The platform certificate's (or public key's) serial, sent as <c>Wechatpay-Serial</c>.</summary>
    public string? PlatformSerial { get; set; }
}
