using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace CareLoop.Modules.Customers.Features.ImportCustomers;

/// <summary>The rejected rows of an import as an XLSX the user fixes and re-imports: row, column, value, reason (in their language).</summary>
public sealed class ImportErrorReport(CareLoopDbContext db, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<Stream>> BuildAsync(Guid importId, CancellationToken cancellationToken)
    {
        if (!await db.Set<ImportJob>().AnyAsync(j => j.Id == importId, cancellationToken))
        {
            return Error.NotFound();
        }

        var errors = await db.Set<ImportRowError>().AsNoTracking().Where(e => e.ImportId == importId)
            .OrderBy(e => e.RowNumber).ToListAsync(cancellationToken);
        var columnOrder = ImportColumns.Template.Select((t, i) => (t.Field, i)).ToDictionary(x => x.Field, x => x.i);
        var headers = (Row: localizer["Import.Report.Row"].Value, Column: localizer["Import.Report.Column"].Value,
            Value: localizer["Import.Report.Value"].Value, Reason: localizer["Import.Report.Reason"].Value);
        var rows = errors.OrderBy(e => e.RowNumber).ThenBy(e => columnOrder.GetValueOrDefault(e.Column)).Select(e => new Dictionary<string, object?>
        {
            [headers.Row] = e.RowNumber,
            [headers.Column] = ImportColumns.Template.FirstOrDefault(t => t.Field == e.Column).Header ?? e.Column,
            [headers.Value] = e.Value,
            [headers.Reason] = localizer["ImportError." + e.Code].Value,
        });
        var output = TempFile();
        await output.SaveAsAsync(rows, sheetName: localizer["Import.Report.Sheet"].Value, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        output.Position = 0;
        return output;
    }

    internal static FileStream TempFile() =>
        new(Path.Combine(Path.GetTempPath(), "careloop-sheet-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
