using CareLoop.Platform.Imports;

namespace CareLoop.Modules.Customers.Domain;

/// <summary>
/// One upload of customers + units (CSV or XLSX), processed in the background in batches by the shared import runner
/// (<see cref="BackgroundImport"/>). Counters move as batches commit, so the page's progress bar is the truth; rejected
/// rows are kept with their reasons for the error report. Rows whose serial is already on file are skipped, which makes
/// re-importing a file a no-op.
/// </summary>
public sealed class ImportJob : BackgroundImport
{
    private ImportJob()
    {
    }

    private ImportJob(Guid tenantId, Guid fileId, string fileName, Guid requestedBy, string requestedByName, DateTimeOffset now)
        : base(tenantId, fileId, fileName, requestedBy, requestedByName, now)
    {
    }

    public int CreatedCustomers { get; private set; }

    public int CreatedUnits { get; private set; }

    /// <summary>Rows whose serial number was already registered: the idempotent re-import case.</summary>
    public int SkippedRows { get; private set; }

    public static ImportJob Queue(Guid tenantId, Guid fileId, string fileName, Guid requestedBy, string requestedByName, DateTimeOffset now) =>
        new(tenantId, fileId, fileName, requestedBy, requestedByName, now);

    /// <summary>Adds one committed batch's counts.</summary>
    public void Advance(int processed, int customers, int units, int skipped, int rejected, DateTimeOffset now)
    {
        Advanced(processed, rejected, now);
        CreatedCustomers += customers;
        CreatedUnits += units;
        SkippedRows += skipped;
    }

    protected override void ResetCounts() => CreatedCustomers = CreatedUnits = SkippedRows = 0;
}

/// <summary>A rejected row of an import: the 1-based row number in the sheet (header is row 1), the column and why.</summary>
public sealed class ImportRowError
{
    private ImportRowError()
    {
    }

    public Guid Id { get; private set; }

    public Guid ImportId { get; private set; }

    public int RowNumber { get; private set; }

    public string Column { get; private set; } = "";

    public string Code { get; private set; } = "";

    /// <summary>The offending value as typed (phones masked), so the report can be fixed without the source at hand.</summary>
    public string? Value { get; private set; }

    public static ImportRowError Create(Guid importId, int rowNumber, string column, string code, string? value, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ImportId = importId,
        RowNumber = rowNumber,
        Column = column,
        Code = code,
        Value = value is { Length: > 200 } ? value[..200] : value,
    };
}
