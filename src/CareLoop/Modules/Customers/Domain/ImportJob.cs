using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Customers.Domain;

public enum ImportStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>
/// One upload of customers + units (CSV or XLSX), processed in the background in batches. Counters move as
/// batches commit, so the page's progress bar is the truth; rejected rows are kept with their reasons for the
/// error report. Rows whose serial is already on file are skipped, which makes re-importing a file a no-op.
/// </summary>
public sealed class ImportJob : ITenantOwned, IVersioned
{
    private ImportJob()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid FileId { get; private set; }

    public string FileName { get; private set; } = "";

    public ImportStatus Status { get; private set; }

    /// <summary>Data rows in the file (counted before the first batch); null until then.</summary>
    public int? TotalRows { get; private set; }

    public int ProcessedRows { get; private set; }

    public int CreatedCustomers { get; private set; }

    public int CreatedUnits { get; private set; }

    /// <summary>Rows whose serial number was already registered: the idempotent re-import case.</summary>
    public int SkippedRows { get; private set; }

    public int RejectedRows { get; private set; }

    public string? Failure { get; private set; }

    public Guid RequestedBy { get; private set; }

    public string RequestedByName { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Touched by the node working on the import after every batch; a stale one means that node died.</summary>
    public DateTimeOffset? HeartbeatAt { get; private set; }

    public long Version { get; set; }

    public static ImportJob Queue(Guid tenantId, Guid fileId, string fileName, Guid requestedBy, string requestedByName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        FileId = fileId,
        FileName = fileName,
        RequestedBy = requestedBy,
        RequestedByName = requestedByName,
        CreatedAt = now,
    };

    /// <summary>Whether a worker may take it: queued, or running on a node that stopped beating.</summary>
    public bool IsClaimable(DateTimeOffset now, TimeSpan staleAfter) =>
        Status == ImportStatus.Queued || (Status == ImportStatus.Running && HeartbeatAt < now - staleAfter);

    /// <summary>
    /// A worker takes the import. After a crash it starts over from the first row: rows committed before are
    /// skipped as already on file, and their earlier errors are counted again, so the counters restart too.
    /// </summary>
    public void Claim(DateTimeOffset now)
    {
        Status = ImportStatus.Running;
        StartedAt ??= now;
        HeartbeatAt = now;
        ProcessedRows = CreatedCustomers = CreatedUnits = SkippedRows = RejectedRows = 0;
    }

    public void Counted(int totalRows) => TotalRows = totalRows;

    /// <summary>Adds one committed batch's counts.</summary>
    public void Advance(int processed, int customers, int units, int skipped, int rejected, DateTimeOffset now)
    {
        HeartbeatAt = now;
        ProcessedRows += processed;
        CreatedCustomers += customers;
        CreatedUnits += units;
        SkippedRows += skipped;
        RejectedRows += rejected;
    }

    public void Complete(DateTimeOffset now)
    {
        Status = ImportStatus.Completed;
        FinishedAt = now;
    }

    public void Fail(string failure, DateTimeOffset now)
    {
        Status = ImportStatus.Failed;
        Failure = failure.Length > 500 ? failure[..500] : failure;
        FinishedAt = now;
    }
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
