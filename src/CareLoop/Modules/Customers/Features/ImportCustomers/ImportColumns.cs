using System.Globalization;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Imports;

namespace CareLoop.Modules.Customers.Features.ImportCustomers;

/// <summary>
/// The columns of a customers + units sheet. The Chinese headers are the template's (and the export's); the English
/// field names are accepted too, so an export from another system needs only its header row renamed.
/// </summary>
public static class ImportColumns
{
    public const string Name = "name";
    public const string Phone = "phone";
    public const string RegionCode = "regionCode";
    public const string Address = "address";
    public const string Sku = "sku";
    public const string SerialNumber = "serialNumber";
    public const string PurchaseDate = "purchaseDate";
    public const string Channel = "channel";
    public const string OrderNumber = "orderNumber";

    /// <summary>Template order, with the header the template and the export use.</summary>
    public static readonly IReadOnlyList<(string Field, string Header)> Template =
    [
        (Name, "姓名"), (Phone, "手机号"), (RegionCode, "区县代码"), (Address, "详细地址"), (Sku, "型号"),
        (SerialNumber, "序列号"), (PurchaseDate, "购买日期"), (Channel, "购买渠道"), (OrderNumber, "订单号"),
    ];

    public static readonly IReadOnlyList<string> Required = [Name, Phone, Sku, SerialNumber];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["姓名"] = Name, ["客户姓名"] = Name, ["name"] = Name,
        ["手机号"] = Phone, ["手机"] = Phone, ["电话"] = Phone, ["phone"] = Phone,
        ["区县代码"] = RegionCode, ["行政区划代码"] = RegionCode, ["regionCode"] = RegionCode,
        ["详细地址"] = Address, ["地址"] = Address, ["address"] = Address,
        ["型号"] = Sku, ["SKU"] = Sku,
        ["序列号"] = SerialNumber, ["SN"] = SerialNumber, ["serialNumber"] = SerialNumber, ["serial"] = SerialNumber,
        ["购买日期"] = PurchaseDate, ["purchaseDate"] = PurchaseDate,
        ["购买渠道"] = Channel, ["渠道"] = Channel, ["channel"] = Channel,
        ["订单号"] = OrderNumber, ["orderNumber"] = OrderNumber,
    };

    private static readonly Dictionary<string, PurchaseChannel> ChannelNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["天猫"] = PurchaseChannel.Tmall, ["淘宝"] = PurchaseChannel.Tmall, ["京东"] = PurchaseChannel.JD, ["抖音"] = PurchaseChannel.Douyin,
        ["线下"] = PurchaseChannel.Offline, ["门店"] = PurchaseChannel.Offline, ["其他"] = PurchaseChannel.Other,
    };

    /// <summary>Sheet header → field, for the headers that are recognised.</summary>
    public static Dictionary<string, string> Map(IEnumerable<string?> headers)
    {
        var map = new Dictionary<string, string>();
        foreach (var header in headers.OfType<string>())
        {
            if (Aliases.TryGetValue(header.Trim(), out var field) && !map.ContainsValue(field))
            {
                map[header] = field;
            }
        }

        return map;
    }

    public static string Header(string field) => Template.First(t => t.Field == field).Header;

    public static string? Text(object? cell) => ImportSheet.Text(cell);

    /// <summary>yyyy-MM-dd, yyyy/M/d, yyyyMMdd, or an Excel date (a date cell or its serial number).</summary>
    public static bool TryDate(object? cell, out DateOnly? date)
    {
        date = null;
        switch (cell)
        {
            case null:
                return true;
            case DateTime t:
                date = DateOnly.FromDateTime(t);
                return true;
            case double serial when serial is > 20000 and < 80000:
                date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
                return true;
        }

        var text = Text(cell);
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    public static bool TryChannel(string? text, out PurchaseChannel channel)
    {
        channel = PurchaseChannel.Other;
        if (text is null)
        {
            return true;
        }

        if (ChannelNames.TryGetValue(text, out channel))
        {
            return true;
        }

        return Enum.TryParse(text, ignoreCase: true, out channel) && Enum.IsDefined(channel) && !int.TryParse(text, out _);
    }
}
