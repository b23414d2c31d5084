using System.Globalization;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.WorkOrders.Features.ServicePrices;

/// <summary>
/// An amount a person types in yuan (<c>80</c>, <c>80.5</c>, <c>80.50</c>, <c>¥1,200.00</c>) read exactly into 分: at most
/// two decimals (never rounded away), from 0 to <see cref="ServicePrice.MaxFen"/>. Errors are field errors of
/// <paramref name="field"/> in the house codes, localized like the API's.
/// </summary>
public static class YuanAmount
{
    public static long? Read(Validation validation, string field, string? text)
    {
        var trimmed = (text ?? "").Trim().TrimStart('¥', '￥').Replace(",", "", StringComparison.Ordinal).Trim();
        if (trimmed.Length == 0)
        {
            validation.Add(field, ErrorCodes.Required);
            return null;
        }

        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var yuan))
        {
            validation.Add(field, ErrorCodes.InvalidFormat);
            return null;
        }

        if (decimal.Round(yuan, 2) != yuan)
        {
            validation.Add(field, ErrorCodes.TooManyDecimals);
            return null;
        }

        var fen = Money.FromYuan(yuan).Fen;
        if (fen is < 0 or > ServicePrice.MaxFen)
        {
            validation.Add(field, ErrorCodes.OutOfRange, Text(0), Text(ServicePrice.MaxFen));
            return null;
        }

        return fen;
    }

    /// <summary>分 as the yuan a person types back: <c>80.00</c>.</summary>
    public static string Text(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
