using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace CareLoop.Modules.Payments.Gateway;

/// <summary>
/// The local adapter of <see cref="IPaymentGateway"/>: keeps each Native order it is given (the exact request body
/// WeChat Pay would get) and answers a <c>code_url</c> of WeChat's form. For the Development page <c>/dev/payments</c>
/// it builds the notification WeChat would post once the customer paid: the transaction encrypted with the APIv3 key,
/// the body signed with the (generated) platform key, with the four <c>Wechatpay-*</c> headers.
/// </summary>
public sealed class LocalWeChatPay(WeChatPayKeys keys, TimeProvider time) : IPaymentGateway
{
    private const int Keep = 200;
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ConcurrentDictionary<string, CreatedOrder> _orders = new();

    public sealed record CreatedOrder(DateTimeOffset At, NativeOrder Order, string CodeUrl, string WireBody);

    /// <summary>A notification ready to post: its headers and body.</summary>
    public sealed record SignedNotification(IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>Newest first.</summary>
    public IReadOnlyList<CreatedOrder> Orders => _orders.Values.OrderByDescending(o => o.At).ToList();

    public CreatedOrder? Find(string outTradeNo) => _orders.GetValueOrDefault(outTradeNo);

    public Task<NativeOrderCreated> CreateNativeOrderAsync(NativeOrder order, CancellationToken cancellationToken)
    {
        var codeUrl = "weixin://wxpay/bizpayurl?pr=" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 9);
        _orders[order.OutTradeNo] = new CreatedOrder(time.GetUtcNow(), order, codeUrl, JsonSerializer.Serialize(order, Readable));
        foreach (var old in _orders.Values.OrderByDescending(o => o.At).Skip(Keep))
        {
            _orders.TryRemove(old.Order.OutTradeNo, out _);
        }

        return Task.FromResult(new NativeOrderCreated(codeUrl));
    }

    /// <summary>The <c>TRANSACTION.SUCCESS</c> notification for an order this adapter created, paid in full (or <paramref name="paidFen"/>).</summary>
    public SignedNotification Notification(CreatedOrder created, long? paidFen = null)
    {
        var now = time.GetUtcNow();
        var china = now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var total = paidFen ?? created.Order.Amount.Total;
        var transaction = new WeChatTransaction(
            created.Order.AppId, created.Order.MchId, created.Order.OutTradeNo, "4200" + RandomNumberGenerator.GetHexString(24, lowercase: true),
            "NATIVE", "SUCCESS", china, new WeChatPaidAmount(total, total, "CNY", "CNY"));
        var resource = WeChatPayCrypto.Encrypt(keys.ApiV3Key, JsonSerializer.Serialize(transaction, Readable), "transaction",
            RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 12));
        var body = JsonSerializer.Serialize(new WeChatNotification(Guid.NewGuid().ToString(), china, "TRANSACTION.SUCCESS", "encrypt-resource", "支付成功", resource), Readable);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetHexString(32);
        return new SignedNotification(
            new Dictionary<string, string>
            {
                ["Wechatpay-Timestamp"] = timestamp,
                ["Wechatpay-Nonce"] = nonce,
                ["Wechatpay-Signature"] = keys.Sign(WeChatPayCrypto.SignedMessage(timestamp, nonce, body)),
                ["Wechatpay-Serial"] = keys.Serial,
            },
            body);
    }
}
