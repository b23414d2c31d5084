using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace CareLoop.Platform.Imports;

/// <summary>One line of an error report: the sheet's row number (header is row 1), the column as the file names it, the value as typed (phones masked) and why, in the reader's language.</summary>
public sealed record ImportReportRow(int RowNumber, string Column, string? Value, string Reason);

/// <summary>Column titles of an error report, in the reader's language.</summary>
public sealed record ImportReportHeaders(string Sheet, string Row, string Column, string Value, string Reason)
{
    /// <summary>The titles every import's report uses (<c>Import.Report.*</c>).</summary>
    public static ImportReportHeaders Localized(IStringLocalizer localizer) => new(
        localizer["Import.Report.Sheet"].Value, localizer["Import.Report.Row"].Value, localizer["Import.Report.Column"].Value,
        localizer["Import.Report.Value"].Value, localizer["Import.Report.Reason"].Value);
}

/// <summary>Writes sheets the user downloads (error reports, templates, exports) through a temporary file, never in memory whole.</summary>
public static class ImportReport
{
    /// <summary>The rejected rows as an XLSX the user fixes and re-imports: row, column, value, reason.</summary>
    public static async Task<Stream> WriteAsync(IEnumerable<ImportReportRow> rows, ImportReportHeaders headers, CancellationToken cancellationToken)
    {
        var sheet = rows.Select(e => new Dictionary<string, object?>
        {
            [headers.Row] = e.RowNumber,
            [headers.Column] = e.Column,
            [headers.Value] = e.Value,
            [headers.Reason] = e.Reason,
        });
        var output = TempFile();
        await output.SaveAsAsync(sheet, sheetName: headers.Sheet, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        output.Position = 0;
        return output;
    }

    /// <summary>A one-sheet XLSX of <paramref name="rows"/> (a template's example, an export).</summary>
    public static async Task<Stream> WriteAsync(IEnumerable<IDictionary<string, object?>> rows, CancellationToken cancellationToken)
    {
        var output = TempFile();
        await output.SaveAsAsync(rows, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        output.Position = 0;
        return output;
    }

    /// <summary>A scratch file deleted when closed (so a download streams from disk and leaves nothing behind).</summary>
    public static FileStream TempFile() =>
        new(Path.Combine(Path.GetTempPath(), "careloop-sheet-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
