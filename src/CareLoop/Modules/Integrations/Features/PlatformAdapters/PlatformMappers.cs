using System.Globalization;
using System.Text.Json;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Integrations.Features.ReceiveOrders;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.Integrations.Features.PlatformAdapters;

/// <summary>
/// Thin mappers from each platform's own push shape into the one order command (<see cref="OrderPayload"/>); what is
/// missing stays null so that intake reports it as a field error like for any order. Region names become GB/T 2260
/// district codes; a name that matches nothing leaves the code empty (and the order is refused for it).
/// </summary>
public sealed class PlatformMappers(IRegionDirectory regions, IDouyinDecryptor douyin)
{
    public static readonly string[] Supported = ["tmall", "jd", "douyin"];

    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public async Task<Result<OrderPayload>> MapAsync(string platform, JsonElement native, CancellationToken cancellationToken)
    {
        if (native.ValueKind != JsonValueKind.Object)
        {
            return new Error(ErrorCodes.MalformedJson, StatusCodes.Status400BadRequest);
        }

        return platform switch
        {
            "tmall" => Tmall(native),
            "jd" => Jd(native),
            "douyin" => await DouyinAsync(native, cancellationToken),
            _ => Error.NotFound(),
        };
    }

    /// <summary>
    /// Tmall / Taobao (TOP trade push): <c>tid</c>, <c>pay_time</c> ("yyyy-MM-dd HH:mm:ss", China time), <c>receiver_*</c>,
    /// <c>orders.order[]</c> with <c>outer_sku_id</c>, <c>num</c> and optional <c>sn_list</c>, <c>buyer_message</c>,
    /// <c>service_type</c> (install / deliver_install / none; install when absent).
    /// </summary>
    private OrderPayload Tmall(JsonElement o)
    {
        var lines = Path(o, "orders", "order") is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().ToList() : [];
        return new OrderPayload(
            "tmall", Text(o, "tid"), Text(o, "seller_nick") ?? Text(o, "shop_id"), LocalTime(Text(o, "pay_time")),
            new BuyerPayload(Text(o, "receiver_name"), Text(o, "receiver_mobile"), new AddressPayload(
                regions.DistrictCodeOf(Text(o, "receiver_state"), Text(o, "receiver_city"), Text(o, "receiver_district")), Text(o, "receiver_address"), null, null)),
            lines.Select(l => new ItemPayload(Text(l, "outer_sku_id"), Int(l, "num"), Strings(l, "sn_list"))).ToList(),
            Text(o, "service_type") ?? OrderServices.Install, null, null, Text(o, "buyer_message"));
    }

    /// <summary>
    /// JD (jingdong.pop.order push): <c>orderId</c>, <c>venderId</c>, <c>paymentConfirmTime</c>, <c>consigneeInfo</c>
    /// (<c>fullname</c>, <c>mobile</c>, <c>province</c>, <c>city</c>, <c>county</c>, <c>fullAddress</c>),
    /// <c>itemInfoList[]</c> (<c>outerSkuId</c>, <c>itemTotal</c>, optional <c>snCodes</c>), <c>orderRemark</c>,
    /// <c>installType</c> (安装 / 送装一体 / 无需安装).
    /// </summary>
    private OrderPayload Jd(JsonElement o)
    {
        var consignee = Path(o, "consigneeInfo") ?? default;
        var items = Path(o, "itemInfoList") is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().ToList() : [];
        var service = Text(o, "installType") switch
        {
            "送装一体" => OrderServices.DeliverInstall,
            "无需安装" => OrderServices.None,
            _ => OrderServices.Install,
        };
        return new OrderPayload(
            "jd", Text(o, "orderId"), Text(o, "venderId"), LocalTime(Text(o, "paymentConfirmTime")),
            new BuyerPayload(Text(consignee, "fullname"), Text(consignee, "mobile"), new AddressPayload(
                regions.DistrictCodeOf(Text(consignee, "province"), Text(consignee, "city"), Text(consignee, "county")), Text(consignee, "fullAddress"), null, null)),
            items.Select(i => new ItemPayload(Text(i, "outerSkuId"), Int(i, "itemTotal"), Strings(i, "snCodes"))).ToList(),
            service, null, null, Text(o, "orderRemark"));
    }

    /// <summary>
    /// Douyin (抖店 order detail): <c>shop_order_id</c>, <c>shop_id</c>, <c>pay_time</c> (Unix seconds),
    /// <c>encrypt_post_receiver</c>, <c>encrypt_post_tel</c>, <c>post_addr</c> (<c>province/city/town.name</c>,
    /// <c>encrypt_detail</c>), <c>sku_order_list[]</c> (<c>out_sku_id</c>, <c>item_num</c>), <c>buyer_words</c>.
    /// The encrypted fields are decrypted through <see cref="IDouyinDecryptor"/> for this call only.
    /// </summary>
    private async Task<Result<OrderPayload>> DouyinAsync(JsonElement o, CancellationToken cancellationToken)
    {
        var orderId = Text(o, "shop_order_id") ?? Text(o, "order_id");
        var address = Path(o, "post_addr") ?? default;
        var ciphers = new[] { Text(o, "encrypt_post_receiver"), Text(o, "encrypt_post_tel"), Text(address, "encrypt_detail") };
        var plain = new string?[3];
        var wanted = ciphers.Select((c, i) => (c, i)).Where(x => !string.IsNullOrEmpty(x.c)).ToList();
        if (wanted.Count > 0 && orderId is not null)
        {
            var answers = await douyin.BatchDecryptAsync(wanted.Select(w => new CipherInfo(orderId, w.c!)).ToList(), cancellationToken);
            foreach (var (cipher, index) in wanted)
            {
                plain[index] = answers.FirstOrDefault(a => a.CipherText == cipher && a.ErrNo == 0)?.DecryptText;
            }
        }

        var items = Path(o, "sku_order_list") is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().ToList() : [];
        var paidAt = Long(o, "pay_time") is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        return new OrderPayload(
            "douyin", orderId, Text(o, "shop_id"), paidAt,
            new BuyerPayload(plain[0], plain[1], new AddressPayload(
                regions.DistrictCodeOf(Text(Path(address, "province") ?? default, "name"), Text(Path(address, "city") ?? default, "name"), Text(Path(address, "town") ?? default, "name")),
                plain[2], null, null)),
            items.Select(i => new ItemPayload(Text(i, "out_sku_id") ?? Text(i, "code"), Int(i, "item_num"), null)).ToList(),
            OrderServices.Install, null, null, Text(o, "buyer_words"));
    }

    private static JsonElement? Path(JsonElement element, params string[] names)
    {
        var current = element;
        foreach (var name in names)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>A string or a number as text (platforms send ids both ways).</summary>
    private static string? Text(JsonElement element, string name) =>
        Path(element, name) is { } value
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static int? Int(JsonElement element, string name) =>
        int.TryParse(Text(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? Long(JsonElement element, string name) =>
        long.TryParse(Text(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static List<string>? Strings(JsonElement element, string name) =>
        Path(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList() : null;

    /// <summary>"2026-11-11 00:00:05" in China time, as platforms write it.</summary>
    private static DateTimeOffset? LocalTime(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, China.GetUtcOffset(local)).ToUniversalTime()
            : null;
}
