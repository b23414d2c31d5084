namespace CareLoop.Modules.Integrations.Features.ReceiveOrders;

/// <summary>
/// The body of <c>POST /api/v1/integrations/orders</c> (and each element of the batch): the shape external systems
/// depend on, documented in OpenAPI. Everything is nullable so that a missing field is a field error, not a 400.
/// </summary>
public sealed record OrderPayload(
    string? Platform,
    string? PlatformOrderId,
    string? ShopId,
    DateTimeOffset? PaidAt,
    BuyerPayload? Buyer,
    IReadOnlyList<ItemPayload>? Items,
    string? Service,
    WindowPayload? PreferredWindow,
    string? ReferralCode,
    string? Remark);

public sealed record BuyerPayload(string? Name, string? Phone, AddressPayload? Address);

public sealed record AddressPayload(string? RegionCode, string? Detail, double? Lat, double? Lng);

public sealed record ItemPayload(string? Sku, int? Quantity, IReadOnlyList<string>? SerialNumbers);

public sealed record WindowPayload(DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>What the shop gets back: the same body for the first call (202) and every repeat (200).</summary>
public sealed record OrderAccepted(Guid OrderId, IReadOnlyList<Guid> WorkOrderIds, string Status);

/// <summary>A batch answer: one outcome per order, in request order.</summary>
public sealed record BatchOutcome(int Index, string? PlatformOrderId, int Status, OrderAccepted? Result, object? Problem);

public static class OrderServices
{
    public const string Install = "install";
    public const string DeliverInstall = "deliver_install";
    public const string None = "none";

    public static readonly string[] All = [Install, DeliverInstall, None];
}

public static class Platforms
{
    public static readonly string[] All = ["tmall", "jd", "douyin", "other"];

    /// <summary>How a platform is named to people (timeline, work-order description).</summary>
    public static string Label(string platform) => platform switch
    {
        "tmall" => "天猫",
        "jd" => "京东",
        "douyin" => "抖音",
        _ => "电商",
    };
}
