using System.Globalization;
using CareLoop.Platform.Files;
using CareLoop.Platform.Security;
using MiniExcelLibs;

namespace CareLoop.Platform.Imports;

/// <summary>
/// Reads a CSV or XLSX sheet row by row (MiniExcel streams both; nothing is loaded whole), keyed by the header row,
/// and turns cells into text the way every import reads them.
/// </summary>
public static class ImportSheet
{
    /// <summary>UTF-8 text is CSV; a ZIP container is XLSX. Anything else is not a sheet.</summary>
    public static ExcelType? FormatOf(string contentType) => contentType switch
    {
        FileKinds.Xlsx => ExcelType.XLSX,
        FileKinds.Csv => ExcelType.CSV,
        _ => null,
    };

    public static IReadOnlyList<string> Headers(Stream stream, ExcelType format) =>
        MiniExcel.GetColumns(stream, useHeaderRow: true, excelType: format)?.Select(h => h?.ToString() ?? "").ToList() ?? [];

    /// <summary>The header row, or none when the bytes are a sheet in name only (a broken ZIP, say): the caller reports the missing columns.</summary>
    public static IReadOnlyList<string> HeadersOrNone(Stream stream, ExcelType format)
    {
        try
        {
            return Headers(stream, format);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Xml.XmlException)
        {
            return [];
        }
    }

    public static IEnumerable<IDictionary<string, object?>> Rows(Stream stream, ExcelType format) =>
        MiniExcel.Query(stream, useHeaderRow: true, excelType: format).Cast<IDictionary<string, object?>>();

    public static bool IsBlank(IDictionary<string, object?> cells) => cells.Values.All(v => Text(v) is null);

    /// <summary>A cell as text: numbers without exponent or ".0" (phones typed as numbers), dates as yyyy-MM-dd.</summary>
    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##########", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture)?.Trim() is { Length: > 0 } text ? text : null,
    };

    /// <summary>The report must not become a phone list: a number keeps only its ends, valid or not.</summary>
    public static string? MaskPhone(string? text) =>
        text is null ? null : PhoneNumberRules.Normalize(text) is { } e164 ? PhoneNumberRules.Mask(e164) : text.Length > 6 ? text[..3] + "****" + text[^2..] : text;
}
