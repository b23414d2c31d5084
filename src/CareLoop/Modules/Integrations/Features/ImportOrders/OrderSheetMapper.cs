using System.Globalization;
using System.Text.RegularExpressions;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Integrations.Domain;
using CareLoop.Modules.Integrations.Features.ReceiveOrders;
using CareLoop.Platform.Imports;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.Integrations.Features.ImportOrders;

/// <summary>A data row of the sheet: its 1-based number (the header is row 1) and its cells by header.</summary>
public sealed record SheetLine(int RowNumber, IDictionary<string, object?> Cells);

/// <summary>Consecutive rows with the same order id: one order, one line per row.</summary>
public sealed record SheetOrder(string? OrderId, IReadOnlyList<SheetLine> Lines);

/// <summary>Why a row was refused, located in the sheet (the column as the file names it, or <c>@field</c>).</summary>
public sealed record SheetRowError(int RowNumber, string Column, string Code, object[] Args, string? Value);

/// <summary>
/// An order read from its rows: the payload for intake, or the errors that keep it from intake (a quantity that is not
/// a number, a time or region that cannot be read); and where each field of the payload came from, to put intake's
/// field errors on the right row and column.
/// </summary>
public sealed partial class MappedOrder(SheetOrder order, OrderSheetColumns columns, OrderPayload payload, IReadOnlyList<SheetRowError> errors)
{
    public SheetOrder Order { get; } = order;

    public OrderPayload Payload { get; } = payload;

    public IReadOnlyList<SheetRowError> Errors { get; } = errors;

    /// <summary>Intake's field errors (payload paths such as <c>items[1].sku</c>) on the sheet's rows and columns.</summary>
    public IEnumerable<SheetRowError> Locate(Error error) =>
        (error.Fields is { Count: > 0 } fields ? fields : [new FieldError("body", error.Code, error.Args)]).Select(Locate);

    private SheetRowError Locate(FieldError error)
    {
        var line = Order.Lines[0];
        var field = error.Field;
        if (Item().Match(field) is { Success: true } item)
        {
            var index = int.Parse(item.Groups[1].Value, CultureInfo.InvariantCulture);
            line = index < Order.Lines.Count ? Order.Lines[index] : line;
            field = "items" + item.Groups[2].Value;
        }

        var sheetField = field switch
        {
            "platformOrderId" => OrderSheetFields.OrderId,
            "platform" => columns.HeaderOf(OrderSheetFields.Platform) is null ? OrderSheetFields.OrderId : OrderSheetFields.Platform,
            "paidAt" => OrderSheetFields.PaidAt,
            "service" => OrderSheetFields.Service,
            "preferredWindow" => OrderSheetFields.PreferredStart,
            "remark" => OrderSheetFields.Remark,
            "buyer" or "buyer.name" => OrderSheetFields.BuyerName,
            "buyer.phone" => OrderSheetFields.Phone,
            "buyer.address.regionCode" => new[] { OrderSheetFields.RegionCode, OrderSheetFields.District, OrderSheetFields.Address }.First(f => columns.HeaderOf(f) is not null || f == OrderSheetFields.Address),
            "buyer.address.detail" => OrderSheetFields.Address,
            "items" or "items.sku" => OrderSheetFields.Sku,
            "items.quantity" => OrderSheetFields.Quantity,
            _ when field.StartsWith("items.serialNumbers", StringComparison.Ordinal) => OrderSheetFields.SerialNumbers,
            _ => null,
        };
        if (sheetField is null || columns.HeaderOf(sheetField) is not { } header)
        {
            return new SheetRowError(line.RowNumber, "@" + error.Field, error.Code, error.Args, error.Field == "shopId" ? Payload.ShopId : null);
        }

        var value = OrderSheetMapper.Text(OrderSheetMapper.CellOf(line.Cells, header));
        return new SheetRowError(line.RowNumber, header, error.Code, error.Args, sheetField == OrderSheetFields.Phone ? ImportSheet.MaskPhone(value) : value);
    }

    [GeneratedRegex(@"^items\[(\d{1,6})\](.*)$")]
    private static partial Regex Item();
}

/// <summary>
/// Reads order exports: groups consecutive rows with the same order id into one order and maps it to the one order
/// command (<see cref="OrderPayload"/>) as if the shop of <paramref name="key"/> had sent it. Times without an offset are
/// China time, as every platform writes them; the region is a GB/T 2260 code, or province/city/district names, or the
/// address's leading words ("江苏省 苏州市 姑苏区 观前街 1 号", Tmall's way).
/// </summary>
public sealed partial class OrderSheetMapper(IRegionDirectory regions)
{
    /// <summary>Lines kept per order: one more than intake accepts, so an oversized order is still refused for it.</summary>
    public const int MaxLines = OrderIntake.MaxItems + 1;

    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly string[] LocalFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd H:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd", "yyyy/M/d"];

    private static readonly string[] OffsetFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ssK"];

    /// <summary>The sheet's orders in file order; blank rows are skipped, each order's rows counted (<see cref="SheetOrder.Lines"/> keeps at most <see cref="MaxLines"/>).</summary>
    public static IEnumerable<(SheetOrder Order, int Rows)> Orders(IEnumerable<IDictionary<string, object?>> rows, OrderSheetColumns columns)
    {
        var header = columns.HeaderOf(OrderSheetFields.OrderId)!;
        List<SheetLine>? lines = null;
        string? current = null;
        var count = 0;
        var number = 1;
        foreach (var cells in rows)
        {
            number++;
            if (ImportSheet.IsBlank(cells))
            {
                continue;
            }

            var id = Text(CellOf(cells, header));
            if (lines is not null && id is not null && id == current)
            {
                count++;
                if (lines.Count < MaxLines)
                {
                    lines.Add(new SheetLine(number, cells));
                }

                continue;
            }

            if (lines is not null)
            {
                yield return (new SheetOrder(current, lines), count);
            }

            lines = [new SheetLine(number, cells)];
            current = id;
            count = 1;
        }

        if (lines is not null)
        {
            yield return (new SheetOrder(current, lines), count);
        }
    }

    public MappedOrder Map(SheetOrder order, OrderSheetColumns columns, IntegrationKey key)
    {
        var errors = new List<SheetRowError>();
        var first = order.Lines[0];
        string? Cell(SheetLine line, string field) => columns.HeaderOf(field) is { } h ? Text(CellOf(line.Cells, h)) : null;
        string? FirstOf(string field) => order.Lines.Select(l => Cell(l, field)).FirstOrDefault(v => v is not null);
        void Refuse(SheetLine line, string field, string code, string? value, params object[] args) =>
            errors.Add(new SheetRowError(line.RowNumber, columns.HeaderOf(field) ?? "@" + field, code, args, value));

        var paidAt = Time(first, OrderSheetFields.PaidAt);
        var start = Time(first, OrderSheetFields.PreferredStart);
        var end = Time(first, OrderSheetFields.PreferredEnd);
        var (regionCode, detail) = Region(first);

        var items = new List<ItemPayload>();
        foreach (var line in order.Lines)
        {
            var quantityText = Cell(line, OrderSheetFields.Quantity);
            int? quantity = 1;
            if (quantityText is not null)
            {
                quantity = int.TryParse(quantityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
                if (quantity is null)
                {
                    Refuse(line, OrderSheetFields.Quantity, ErrorCodes.InvalidFormat, quantityText);
                }
            }

            var serials = Cell(line, OrderSheetFields.SerialNumbers)?.Split(SerialSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            items.Add(new ItemPayload(Cell(line, OrderSheetFields.Sku), quantity, serials is { Count: > 0 } ? serials : null));
        }

        var platform = columns.Layout.Platform ?? PlatformOf(Cell(first, OrderSheetFields.Platform));
        var payload = new OrderPayload(
            platform, order.OrderId, key.ShopId.Length > 0 ? key.ShopId : key.Id, paidAt,
            new BuyerPayload(Cell(first, OrderSheetFields.BuyerName), Cell(first, OrderSheetFields.Phone), new AddressPayload(regionCode, detail, null, null)),
            items, ServiceOf(Cell(first, OrderSheetFields.Service)), start is null && end is null ? null : new WindowPayload(start, end), null,
            FirstOf(OrderSheetFields.Remark));
        return new MappedOrder(order, columns, payload, errors);

        DateTimeOffset? Time(SheetLine line, string field)
        {
            var cell = columns.HeaderOf(field) is { } h ? CellOf(line.Cells, h) : null;
            if (TryTime(cell, out var at))
            {
                return at;
            }

            Refuse(line, field, ErrorCodes.InvalidFormat, Text(cell));
            return null;
        }

        (string? Code, string? Detail) Region(SheetLine line)
        {
            var address = Cell(line, OrderSheetFields.Address);
            if (Cell(line, OrderSheetFields.RegionCode) is { } code)
            {
                return (code, address);
            }

            string?[] names = [Cell(line, OrderSheetFields.Province), Cell(line, OrderSheetFields.City), Cell(line, OrderSheetFields.District)];
            if (names.Any(n => n is not null))
            {
                if (regions.DistrictCodeOf(names[0], names[1], names[2]) is { } named)
                {
                    return (named, WithoutPrefix(address, names));
                }

                var column = new[] { OrderSheetFields.District, OrderSheetFields.City, OrderSheetFields.Province }.First(f => columns.HeaderOf(f) is not null);
                Refuse(line, column, ErrorCodes.UnknownRegionName, string.Join(' ', names.OfType<string>()), string.Join(' ', names.OfType<string>()));
                return (null, address);
            }

            if (address is null)
            {
                return (null, null); // intake asks for the address
            }

            var words = address.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length >= 3 && regions.DistrictCodeOf(words[0], words[1], words[2]) is { } full)
            {
                return (full, string.Join(' ', words[3..]) is { Length: > 0 } rest ? rest : address);
            }

            if (words.Length >= 2 && regions.DistrictCodeOf(words[0], null, words[1]) is { } municipal)
            {
                return (municipal, string.Join(' ', words[2..]) is { Length: > 0 } rest ? rest : address);
            }

            var leading = string.Join(' ', words.Take(3));
            Refuse(line, OrderSheetFields.Address, ErrorCodes.UnknownRegionName, address, leading);
            return (null, address);
        }
    }

    public static object? CellOf(IDictionary<string, object?> cells, string header) => cells.TryGetValue(header, out var value) ? value : null;

    /// <summary>A cell as text, without the wrapping exports use to keep long ids from Excel's rounding (<c>="…"</c>, a leading <c>'</c> or tab).</summary>
    public static string? Text(object? cell)
    {
        var text = ImportSheet.Text(cell);
        if (text is null)
        {
            return null;
        }

        if (text.StartsWith('='))
        {
            text = text[1..].Trim('"'); // ="…", or =… once the CSV reader took the quotes
        }

        text = text.TrimStart('\'', '\t').Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>A time as China time unless it says its offset; an Excel date cell or serial number too.</summary>
    public static bool TryTime(object? cell, out DateTimeOffset? at)
    {
        at = null;
        switch (cell)
        {
            case DateTime local:
                at = FromChina(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
                return true;
            case double serial when serial is > 20000 and < 80000:
                at = FromChina(DateTime.FromOADate(serial));
                return true;
        }

        var text = Text(cell);
        if (text is null)
        {
            return true;
        }

        // "K" also matches no offset at all (and then means the server's zone): only a written offset is taken as one.
        if (WrittenOffset().IsMatch(text) && DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            at = withOffset.ToUniversalTime();
            return true;
        }

        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            at = FromChina(parsed);
            return true;
        }

        return false;
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex WrittenOffset();

    private static DateTimeOffset FromChina(DateTime local) => new DateTimeOffset(local, China.GetUtcOffset(local)).ToUniversalTime();

    private static readonly char[] SerialSeparators = [',', '，', ';', '；', '/', ' ', '、', '|'];

    private static string PlatformOf(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => "other",
        "天猫" or "淘宝" or "tmall" or "taobao" => "tmall",
        "京东" or "jd" => "jd",
        "抖音" or "抖店" or "douyin" => "douyin",
        "其他" or "other" => "other",
        var other => other,
    };

    private static string? ServiceOf(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => OrderServices.Install,
        "安装" or "上门安装" or "install" => OrderServices.Install,
        "送装一体" or "deliver_install" => OrderServices.DeliverInstall,
        "无需安装" or "不安装" or "none" => OrderServices.None,
        var other => other,
    };

    /// <summary>"江苏省苏州市姑苏区观前街 1 号" with the names in their own columns: the detail is what follows them.</summary>
    private static string? WithoutPrefix(string? address, string?[] names)
    {
        if (address is null)
        {
            return null;
        }

        var rest = address.Trim();
        foreach (var name in names.OfType<string>())
        {
            if (rest.StartsWith(name, StringComparison.Ordinal) && rest.Length > name.Length)
            {
                rest = rest[name.Length..].TrimStart();
            }
        }

        return rest;
    }
}
