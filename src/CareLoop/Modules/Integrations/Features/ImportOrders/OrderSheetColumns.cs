namespace CareLoop.Modules.Integrations.Features.ImportOrders;

/// <summary>
/// One platform's export, recognised by the header of its order id column: its platform and what it calls each field
/// (to name missing columns the way the user's file would).
/// </summary>
public sealed record OrderSheetLayout(string Name, string? Platform, string OrderIdHeader, IReadOnlyDictionary<string, string> Headers);

/// <summary>A recognised header row: the layout and, per field, the header in the file that holds it.</summary>
public sealed record OrderSheetColumns(OrderSheetLayout Layout, IReadOnlyDictionary<string, string> Columns, IReadOnlyList<string> Missing)
{
    public string? HeaderOf(string field) => Columns.GetValueOrDefault(field);
}

/// <summary>
/// The column headers of platform order exports, Chinese first with English aliases: Tmall/淘宝 (千牛 订单报表), JD/京东
/// (京麦 订单导出), Douyin/抖店 (订单导出) and CareLoop's own template (the generic layout). Rows are order lines; the
/// region is a GB/T 2260 code column, province/city/district columns, or the leading words of the address (Tmall).
/// </summary>
public static class OrderSheetFields
{
    public const string OrderId = "platformOrderId";
    public const string Platform = "platform";
    public const string BuyerName = "buyerName";
    public const string Phone = "phone";
    public const string RegionCode = "regionCode";
    public const string Province = "province";
    public const string City = "city";
    public const string District = "district";
    public const string Address = "address";
    public const string Sku = "sku";
    public const string Quantity = "quantity";
    public const string SerialNumbers = "serialNumbers";
    public const string Service = "service";
    public const string PaidAt = "paidAt";
    public const string PreferredStart = "preferredStart";
    public const string PreferredEnd = "preferredEnd";
    public const string Remark = "remark";

    /// <summary>Every layout needs these; the region may come from the address, the quantity defaults to 1.</summary>
    public static readonly IReadOnlyList<string> Required = [OrderId, BuyerName, Phone, Address, Sku, PaidAt];

    /// <summary>The template's columns, in order (the generic layout).</summary>
    public static readonly OrderSheetLayout Generic = new("generic", null, "平台订单号", new Dictionary<string, string>
    {
        [OrderId] = "平台订单号", [BuyerName] = "买家姓名", [Phone] = "手机号", [RegionCode] = "区县代码", [Address] = "详细地址", [Sku] = "型号",
        [Quantity] = "数量", [SerialNumbers] = "序列号", [Service] = "服务类型", [PaidAt] = "付款时间", [PreferredStart] = "期望上门开始",
        [PreferredEnd] = "期望上门结束", [Remark] = "买家备注", [Platform] = "平台",
    });

    public static readonly OrderSheetLayout Tmall = new("tmall", "tmall", "订单编号", new Dictionary<string, string>
    {
        [OrderId] = "订单编号", [BuyerName] = "收货人姓名", [Phone] = "联系手机", [Address] = "收货地址", [Sku] = "商家编码", [Quantity] = "购买数量",
        [PaidAt] = "付款时间", [Remark] = "买家留言",
    });

    public static readonly OrderSheetLayout Jd = new("jd", "jd", "订单号", new Dictionary<string, string>
    {
        [OrderId] = "订单号", [BuyerName] = "客户姓名", [Phone] = "联系电话", [Address] = "客户地址", [Province] = "省", [City] = "市", [District] = "县",
        [Sku] = "商品编号", [Quantity] = "订购数量", [PaidAt] = "付款确认时间", [Remark] = "订单备注",
    });

    public static readonly OrderSheetLayout Douyin = new("douyin", "douyin", "主订单编号", new Dictionary<string, string>
    {
        [OrderId] = "主订单编号", [BuyerName] = "收件人", [Phone] = "收件人手机号", [Province] = "省", [City] = "市", [District] = "区",
        [Address] = "详细地址", [Sku] = "商家编码", [Quantity] = "商品数量", [PaidAt] = "支付完成时间", [Remark] = "买家留言",
    });

    /// <summary>Checked in this order: a Douyin export has 主订单编号 and 子订单编号, a Tmall one 订单编号, a JD one 订单号.</summary>
    public static readonly IReadOnlyList<OrderSheetLayout> Layouts = [Douyin, Tmall, Jd, Generic];

    /// <summary>Every header any layout uses for a field (the order id aside: that one picks the layout).</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["platformOrderId"] = OrderId, ["orderId"] = OrderId,
        ["平台"] = Platform, ["platform"] = Platform,
        ["买家姓名"] = BuyerName, ["收货人姓名"] = BuyerName, ["收货人"] = BuyerName, ["客户姓名"] = BuyerName, ["收件人"] = BuyerName,
        ["收件人姓名"] = BuyerName, ["buyerName"] = BuyerName, ["name"] = BuyerName,
        ["手机号"] = Phone, ["联系手机"] = Phone, ["联系电话"] = Phone, ["收件人手机号"] = Phone, ["收件人电话"] = Phone, ["收货人手机"] = Phone,
        ["手机"] = Phone, ["phone"] = Phone, ["mobile"] = Phone,
        ["区县代码"] = RegionCode, ["行政区划代码"] = RegionCode, ["regionCode"] = RegionCode,
        ["省"] = Province, ["省份"] = Province, ["province"] = Province,
        ["市"] = City, ["城市"] = City, ["city"] = City,
        ["区"] = District, ["县"] = District, ["区县"] = District, ["district"] = District,
        ["详细地址"] = Address, ["收货地址"] = Address, ["客户地址"] = Address, ["收件地址"] = Address, ["地址"] = Address, ["address"] = Address,
        ["型号"] = Sku, ["商家编码"] = Sku, ["商品编号"] = Sku, ["商家SKU编码"] = Sku, ["SKU"] = Sku, ["skuCode"] = Sku,
        ["数量"] = Quantity, ["购买数量"] = Quantity, ["订购数量"] = Quantity, ["商品数量"] = Quantity, ["quantity"] = Quantity,
        ["序列号"] = SerialNumbers, ["SN"] = SerialNumbers, ["SN码"] = SerialNumbers, ["serialNumbers"] = SerialNumbers,
        ["服务类型"] = Service, ["安装方式"] = Service, ["service"] = Service,
        ["付款时间"] = PaidAt, ["付款确认时间"] = PaidAt, ["支付完成时间"] = PaidAt, ["支付时间"] = PaidAt, ["paidAt"] = PaidAt,
        ["期望上门开始"] = PreferredStart, ["preferredStart"] = PreferredStart,
        ["期望上门结束"] = PreferredEnd, ["preferredEnd"] = PreferredEnd,
        ["买家备注"] = Remark, ["买家留言"] = Remark, ["订单备注"] = Remark, ["remark"] = Remark,
    };

    /// <summary>The layout and columns of a header row; null when no column holds an order id (not an order export).</summary>
    public static OrderSheetColumns? Recognise(IEnumerable<string?> headers)
    {
        var present = headers.OfType<string>().Where(h => h.Trim().Length > 0).ToList();
        var layout = Layouts.FirstOrDefault(l => present.Any(h => h.Trim() == l.OrderIdHeader))
            ?? (present.Any(h => Aliases.TryGetValue(h.Trim(), out var f) && f == OrderId) ? Generic : null);
        if (layout is null)
        {
            return null;
        }

        var columns = new Dictionary<string, string> { [OrderId] = present.First(h => h.Trim() == layout.OrderIdHeader || (Aliases.TryGetValue(h.Trim(), out var f) && f == OrderId)) };
        foreach (var header in present)
        {
            if (Aliases.TryGetValue(header.Trim(), out var field) && field != OrderId && !columns.ContainsKey(field))
            {
                columns[field] = header;
            }
        }

        var missing = Required.Where(f => !columns.ContainsKey(f)).Select(f => layout.Headers.GetValueOrDefault(f) ?? Generic.Headers[f]).ToList();
        return new OrderSheetColumns(layout, columns, missing);
    }

    /// <summary>Where a column of the file comes in the template (for the report's order within a row); unknown ones last.</summary>
    public static int Position(string header)
    {
        var field = Generic.Headers.FirstOrDefault(h => h.Value == header).Key ?? (Aliases.TryGetValue(header, out var alias) ? alias : null)
            ?? (Layouts.Any(l => l.OrderIdHeader == header) ? OrderId : null);
        var index = field is null ? -1 : Order.IndexOf(field);
        return index < 0 ? int.MaxValue : index;
    }

    private static readonly List<string> Order =
        [OrderId, Platform, BuyerName, Phone, RegionCode, Province, City, District, Address, Sku, Quantity, SerialNumbers, Service, PaidAt, PreferredStart, PreferredEnd, Remark];

    /// <summary>What to ask for when the header row is no order export at all: the template's required columns.</summary>
    public static IReadOnlyList<string> RequiredTemplateHeaders => Required.Select(f => Generic.Headers[f]).ToList();
}
