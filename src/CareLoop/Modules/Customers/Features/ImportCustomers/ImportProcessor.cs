using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Imports;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Security;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.ImportCustomers;

/// <summary>
/// Works through one import in the importing tenant's scope: reads the sheet as a stream, validates every row, and
/// commits each batch of <see cref="BatchSize"/> rows in its own transaction together with the job's counters (the
/// progress bar) and the rejected rows' reasons (the error report). The shared runner (<see cref="RunImportsJob{TImport}"/>)
/// claims the import, counts the rows, completes it and deletes the sheet.
/// </summary>
public sealed class ImportProcessor(CareLoopDbContext db, ITenantContext tenant, PhoneVault vault, Regions regions, ICatalog catalog, TimeProvider time)
    : IImportProcessor<ImportJob>
{
    public const int BatchSize = 500;

    private readonly Dictionary<string, ModelInfo?> _models = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _serialsInFile = new(StringComparer.Ordinal);

    private sealed record Row(int Number, IDictionary<string, object?> Cells);

    private sealed record ValidRow(
        int Number, string Name, PhoneVault.Sealed Phone, RegionPath? Region, string? Address, ModelInfo Model, string Serial,
        DateOnly? PurchaseDate, PurchaseChannel Channel, string? OrderNumber);

    public Task ResetAsync(Guid importId, CancellationToken cancellationToken) =>
        db.Set<ImportRowError>().Where(e => e.ImportId == importId).ExecuteDeleteAsync(cancellationToken);

    public Task ImportAsync(Guid importId, Stream sheet, MiniExcelLibs.ExcelType format, CancellationToken cancellationToken) =>
        ImportRowsAsync(importId, sheet, format, cancellationToken);

    public (string Action, object Details) Completed(ImportJob import) => ("customers.imported", new
    {
        import.FileName, import.ProcessedRows, import.CreatedCustomers, import.CreatedUnits, import.SkippedRows, import.RejectedRows,
    });

    private async Task ImportRowsAsync(Guid importId, Stream content, MiniExcelLibs.ExcelType format, CancellationToken cancellationToken)
    {
        Dictionary<string, string>? columns = null;
        var batch = new List<Row>(BatchSize);
        var number = 1;
        foreach (var cells in ImportSheet.Rows(content, format))
        {
            number++;
            columns ??= ImportColumns.Map(cells.Keys).ToDictionary(kv => kv.Value, kv => kv.Key);
            if (IsBlank(cells))
            {
                continue;
            }

            batch.Add(new Row(number, cells));
            if (batch.Count == BatchSize)
            {
                await CommitBatchAsync(importId, batch, columns, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await CommitBatchAsync(importId, batch, columns!, cancellationToken);
        }
    }

    private async Task CommitBatchAsync(Guid importId, List<Row> batch, Dictionary<string, string> columns, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequireTenantId();
        var now = time.GetUtcNow();
        var errors = new List<ImportRowError>();
        var valid = new List<ValidRow>();
        foreach (var row in batch)
        {
            var rowErrors = new List<(string Field, string Code, string? Value)>();
            var ok = await ValidateAsync(row, columns, rowErrors, cancellationToken);
            if (ok is not null && rowErrors.Count == 0 && _serialsInFile.Add(ok.Serial))
            {
                valid.Add(ok);
            }
            else
            {
                if (rowErrors.Count == 0)
                {
                    rowErrors.Add((ImportColumns.SerialNumber, ErrorCodes.Duplicate, ok?.Serial));
                }

                errors.AddRange(rowErrors.Select(e => ImportRowError.Create(importId, row.Number, e.Field, e.Code, e.Value, now)));
            }
        }

        var serials = valid.Select(v => v.Serial).ToList();
        var units = await db.Set<RegisteredUnit>().Where(u => serials.Contains(u.SerialNumber))
            .Select(u => new { u.SerialNumber, u.CustomerId }).ToDictionaryAsync(u => u.SerialNumber, u => u.CustomerId, cancellationToken);
        var indexes = valid.Select(v => v.Phone.BlindIndex).Distinct().ToList();
        var owners = await db.Set<CustomerPhone>().Where(p => indexes.Contains(p.BlindIndex))
            .Select(p => new { p.BlindIndex, p.CustomerId }).ToDictionaryAsync(p => p.BlindIndex, p => p.CustomerId, cancellationToken);
        int customers = 0, created = 0, skipped = 0;
        var rejected = errors.Select(e => e.RowNumber).Distinct().Count();
        foreach (var row in valid)
        {
            var owner = owners.TryGetValue(row.Phone.BlindIndex, out var known) ? known : (Guid?)null;
            if (units.TryGetValue(row.Serial, out var unitOwner))
            {
                // Already on file: the same owner makes a re-import a no-op; another owner is a conflict to resolve by hand.
                if (unitOwner == owner)
                {
                    skipped++;
                }
                else
                {
                    errors.Add(ImportRowError.Create(importId, row.Number, ImportColumns.SerialNumber, ErrorCodes.SerialTaken, row.Serial, now));
                    rejected++;
                }

                continue;
            }

            if (owner is null)
            {
                var customer = Customer.Create(tenantId, row.Name, now);
                customer.AddPhone(row.Phone.Cipher, row.Phone.BlindIndex, row.Phone.Masked, now);
                if (row.Region is { } region)
                {
                    customer.AddAddress(region, row.Address ?? "", null, null, now);
                }

                db.Add(customer);
                owners[row.Phone.BlindIndex] = customer.Id;
                owner = customer.Id;
                customers++;
            }

            db.Add(RegisteredUnit.Register(tenantId, owner.Value, row.Serial, row.Model.Id, row.Model.Sku, row.PurchaseDate, row.Channel,
                row.OrderNumber, null, null, now, RegistrationSource.Import));
            units[row.Serial] = owner.Value;
            created++;
        }

        db.AddRange(errors);
        var job = await db.Set<ImportJob>().SingleAsync(j => j.Id == importId, cancellationToken);
        job.Advance(batch.Count, customers, created, skipped, rejected, now);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Checks one row; collects every problem of the row, so one pass over the report fixes the file.</summary>
    private async Task<ValidRow?> ValidateAsync(Row row, Dictionary<string, string> columns, List<(string, string, string?)> errors, CancellationToken cancellationToken)
    {
        object? Cell(string field) => columns.TryGetValue(field, out var header) ? row.Cells.TryGetValue(header, out var value) ? value : null : null;
        string? Text(string field) => ImportColumns.Text(Cell(field));

        var name = Text(ImportColumns.Name);
        if (name is null)
        {
            errors.Add((ImportColumns.Name, ErrorCodes.Required, null));
        }
        else if (name.Length > 100)
        {
            errors.Add((ImportColumns.Name, ErrorCodes.TooLong, name));
        }

        var phoneText = Text(ImportColumns.Phone);
        var phone = vault.Seal(tenant.RequireTenantId(), phoneText);
        if (phone is null)
        {
            errors.Add((ImportColumns.Phone, phoneText is null ? ErrorCodes.Required : ErrorCodes.InvalidPhone, ImportSheet.MaskPhone(phoneText)));
        }

        var regionCode = Text(ImportColumns.RegionCode);
        var region = regionCode is null ? null : regions.PathOf(regionCode);
        if (regionCode is not null && region is null)
        {
            errors.Add((ImportColumns.RegionCode, ErrorCodes.UnknownRegion, regionCode));
        }

        var address = Text(ImportColumns.Address);
        if (address is { Length: > 200 })
        {
            errors.Add((ImportColumns.Address, ErrorCodes.TooLong, address));
        }

        var sku = Text(ImportColumns.Sku);
        var model = sku is null ? null : await ModelAsync(sku, cancellationToken);
        if (model is null)
        {
            errors.Add((ImportColumns.Sku, sku is null ? ErrorCodes.Required : ErrorCodes.UnknownSku, sku));
        }

        var serial = RegisteredUnit.NormalizeSerial(Text(ImportColumns.SerialNumber) ?? "");
        if (serial.Length == 0)
        {
            errors.Add((ImportColumns.SerialNumber, ErrorCodes.Required, null));
        }
        else if (serial.Length > 64)
        {
            errors.Add((ImportColumns.SerialNumber, ErrorCodes.TooLong, serial));
        }
        else if (model is not null && !model.AcceptsSerial(serial))
        {
            errors.Add((ImportColumns.SerialNumber, ErrorCodes.SerialFormat, serial));
        }

        if (!ImportColumns.TryDate(Cell(ImportColumns.PurchaseDate), out var purchaseDate))
        {
            errors.Add((ImportColumns.PurchaseDate, ErrorCodes.InvalidFormat, Text(ImportColumns.PurchaseDate)));
        }
        else if (purchaseDate > TimeDisplay.Today(time))
        {
            errors.Add((ImportColumns.PurchaseDate, ErrorCodes.InFuture, purchaseDate.Value.ToString("yyyy-MM-dd")));
        }

        var channelText = Text(ImportColumns.Channel);
        if (!ImportColumns.TryChannel(channelText, out var channel))
        {
            errors.Add((ImportColumns.Channel, ErrorCodes.InvalidFormat, channelText));
        }

        var orderNumber = Text(ImportColumns.OrderNumber);
        if (orderNumber is { Length: > 64 })
        {
            errors.Add((ImportColumns.OrderNumber, ErrorCodes.TooLong, orderNumber));
        }

        return name is null || phone is null || model is null || serial.Length == 0
            ? null
            : new ValidRow(row.Number, name, phone, region, address, model, serial, purchaseDate, channel, orderNumber);
    }

    private async Task<ModelInfo?> ModelAsync(string sku, CancellationToken cancellationToken)
    {
        if (!_models.TryGetValue(sku, out var model))
        {
            model = await catalog.FindModelBySkuAsync(sku, cancellationToken);
            _models[sku] = model;
        }

        return model;
    }

    private static bool IsBlank(IDictionary<string, object?> cells) => ImportSheet.IsBlank(cells);
}
