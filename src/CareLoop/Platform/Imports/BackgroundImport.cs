using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Platform.Imports;

public enum ImportStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>
/// One uploaded sheet processed in the background by <see cref="RunImportsJob{TImport}"/>: the lifecycle every kind of
/// import shares (queued → claimed by one node → completed or failed; a node that stops beating loses its claim) and
/// the counters every progress bar shows. Each module keeps its imports in its own table and adds its own counters.
/// </summary>
public abstract class BackgroundImport : ITenantOwned, IVersioned
{
    /// <summary>For EF Core.</summary>
    protected BackgroundImport()
    {
    }

    protected BackgroundImport(Guid tenantId, Guid fileId, string fileName, Guid requestedBy, string requestedByName, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        TenantId = tenantId;
        FileId = fileId;
        FileName = fileName;
        RequestedBy = requestedBy;
        RequestedByName = requestedByName;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>The uploaded sheet (a <see cref="Files.StoredFile"/>); its bytes are deleted once the import ends.</summary>
    public Guid FileId { get; private set; }

    public string FileName { get; private set; } = "";

    public ImportStatus Status { get; private set; }

    /// <summary>Data rows in the file (counted before the first batch); null until then.</summary>
    public int? TotalRows { get; private set; }

    public int ProcessedRows { get; private set; }

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

    /// <summary>Whether a worker may take it: queued, or running on a node that stopped beating.</summary>
    public bool IsClaimable(DateTimeOffset now, TimeSpan staleAfter) =>
        Status == ImportStatus.Queued || (Status == ImportStatus.Running && HeartbeatAt < now - staleAfter);

    /// <summary>
    /// A worker takes the import. After a crash it starts over from the first row (every kind of import is idempotent,
    /// so rows committed before are recognised as already there), and the counters restart too.
    /// </summary>
    public void Claim(DateTimeOffset now)
    {
        Status = ImportStatus.Running;
        StartedAt ??= now;
        HeartbeatAt = now;
        ProcessedRows = RejectedRows = 0;
        ResetCounts();
    }

    public void Counted(int totalRows) => TotalRows = totalRows;

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

    /// <summary>Zeroes the kind's own counters when a worker (re)starts the import.</summary>
    protected abstract void ResetCounts();

    /// <summary>Adds a committed batch's rows and beats (the derived kind adds its own counts alongside).</summary>
    protected void Advanced(int processed, int rejected, DateTimeOffset now)
    {
        HeartbeatAt = now;
        ProcessedRows += processed;
        RejectedRows += rejected;
    }
}
