using CareLoop.Platform.Files;
using MiniExcelLibs;

namespace CareLoop.Modules.Customers.Features.ImportCustomers;

/// <summary>
/// Reads a CSV or XLSX sheet row by row (MiniExcel streams both; nothing is loaded whole), keyed by the header row.
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

    public static IEnumerable<IDictionary<string, object?>> Rows(Stream stream, ExcelType format) =>
        MiniExcel.Query(stream, useHeaderRow: true, excelType: format).Cast<IDictionary<string, object?>>();
}
