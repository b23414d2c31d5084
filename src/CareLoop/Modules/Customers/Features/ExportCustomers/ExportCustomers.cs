using System.Security.Claims;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Modules.Customers.Features.ImportCustomers;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CareLoop.Modules.Customers.Features.ExportCustomers;

/// <summary>
/// Customers and their units as an XLSX in the import template's columns, so an export re-imports unchanged (and a
/// re-import is a no-op). It carries full phone numbers: a bulk reveal, so it needs its own permission and is audited.
/// </summary>
public sealed class ExportCustomersHandler(CareLoopDbContext db, PhoneVault vault, IAuditLog audit)
{
    private const int PageSize = 1000;

    public async Task<Result<Stream>> HandleAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CustomersExport))
        {
            return Error.Forbidden();
        }

        var output = CareLoop.Platform.Imports.ImportReport.TempFile();
        var counts = new Counts();
        // MiniExcel pulls rows synchronously; the rows are read page by page as it pulls, so memory stays flat
        // however many customers there are. The synchronous reads run on a pool thread, off the request.
        await Task.Run(() => output.SaveAs(AllRows(counts), sheetName: "customers", excelType: ExcelType.XLSX), cancellationToken);
        output.Position = 0;
        audit.Record("customers.exported", nameof(Customer), null, new { customers = counts.Customers, rows = counts.Rows });
        await db.SaveChangesAsync(cancellationToken);
        return output;
    }

    private sealed class Counts
    {
        public int Customers { get; set; }

        public int Rows { get; set; }
    }

    private IEnumerable<Dictionary<string, object?>> AllRows(Counts counts)
    {
        Guid? after = null;
        while (true)
        {
            var customers = db.Set<Customer>().AsNoTracking()
                .Where(c => after == null || c.Id.CompareTo(after.Value) > 0)
                .OrderBy(c => c.Id)
                .Take(PageSize)
                .Include(c => c.Phones).Include(c => c.Addresses)
                .AsSplitQuery()
                .ToList();
            if (customers.Count == 0)
            {
                yield break;
            }

            var ids = customers.Select(c => c.Id).ToList();
            var units = db.Set<RegisteredUnit>().AsNoTracking().Where(u => ids.Contains(u.CustomerId)).OrderBy(u => u.RegisteredAt).ToList()
                .ToLookup(u => u.CustomerId);
            foreach (var customer in customers)
            {
                counts.Customers++;
                foreach (var row in Rows(customer, units[customer.Id].ToList()))
                {
                    counts.Rows++;
                    yield return row;
                }
            }

            after = customers[^1].Id;
        }
    }

    private IEnumerable<Dictionary<string, object?>> Rows(Customer customer, List<RegisteredUnit> units)
    {
        var phone = customer.Phones.OrderByDescending(p => p.IsPrimary).FirstOrDefault();
        var address = customer.Addresses.OrderByDescending(a => a.IsDefault).FirstOrDefault();
        foreach (var unit in units.Count == 0 ? [null] : units.Cast<RegisteredUnit?>())
        {
            yield return new Dictionary<string, object?>
            {
                [ImportColumns.Header(ImportColumns.Name)] = customer.Name,
                [ImportColumns.Header(ImportColumns.Phone)] = phone is null ? null : PhoneRules(vault.Reveal(phone)),
                [ImportColumns.Header(ImportColumns.RegionCode)] = address?.DistrictCode,
                [ImportColumns.Header(ImportColumns.Address)] = address?.Detail,
                [ImportColumns.Header(ImportColumns.Sku)] = unit?.Sku,
                [ImportColumns.Header(ImportColumns.SerialNumber)] = unit?.SerialNumber,
                [ImportColumns.Header(ImportColumns.PurchaseDate)] = unit?.PurchaseDate?.ToString("yyyy-MM-dd"),
                [ImportColumns.Header(ImportColumns.Channel)] = unit?.Channel.ToString(),
                [ImportColumns.Header(ImportColumns.OrderNumber)] = unit?.OrderNumber,
            };
        }
    }

    /// <summary>Mainland numbers without +86, as people type them (and as the import reads them).</summary>
    private static string PhoneRules(string e164) => e164.StartsWith("+86", StringComparison.Ordinal) ? e164[3..] : e164;
}
