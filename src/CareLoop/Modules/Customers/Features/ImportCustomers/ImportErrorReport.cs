using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Imports;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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
        var rows = errors.OrderBy(e => e.RowNumber).ThenBy(e => columnOrder.GetValueOrDefault(e.Column)).Select(e => new ImportReportRow(
            e.RowNumber, ImportColumns.Template.FirstOrDefault(t => t.Field == e.Column).Header ?? e.Column, e.Value, localizer["ImportError." + e.Code].Value));
        return await ImportReport.WriteAsync(rows, ImportReportHeaders.Localized(localizer), cancellationToken);
    }

}
