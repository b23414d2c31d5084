using CareLoop.Platform.Auditing;
using CareLoop.Platform.Files;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Quartz;

namespace CareLoop.Platform.Imports;

/// <summary>What a module supplies for one kind of background import; <see cref="RunImportsJob{TImport}"/> does the rest.</summary>
public interface IImportProcessor<TImport>
    where TImport : BackgroundImport
{
    /// <summary>Forgets what an interrupted earlier run of this import recorded (its rejected rows): a reclaimed import starts over.</summary>
    Task ResetAsync(Guid importId, CancellationToken cancellationToken);

    /// <summary>
    /// Works through the sheet's rows in order, committing its work with the import's counters and rejected rows as it goes
    /// (each commit beats the heartbeat), in the importing tenant's scope.
    /// </summary>
    Task ImportAsync(Guid importId, Stream sheet, ExcelType format, CancellationToken cancellationToken);

    /// <summary>The audit entry written when the import completes (its counts).</summary>
    (string Action, object Details) Completed(TImport import);
}

/// <summary>
/// Polls for queued imports of one kind and runs them one at a time per node, each in its tenant's scope. A claim is an
/// optimistic-concurrency update, so two nodes never run the same import; an import whose node stopped beating is
/// claimed again and, every kind being idempotent, simply starts over. Polling the table (not a one-off trigger)
/// survives restarts on the in-memory job store SQLite uses. The sheet (personal data in clear) is deleted once the
/// import completes or fails (ADR 0010, 0018).
/// </summary>
[DisallowConcurrentExecution]
public sealed class RunImportsJob<TImport>(TenantScopes tenants, TimeProvider time, ILogger<RunImportsJob<TImport>> logger) : IJob
    where TImport : BackgroundImport
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var waiting = await tenants.TenantsWithAsync<TImport>(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running, cancellationToken);
        foreach (var tenantId in waiting)
        {
            while (await ClaimAsync(tenantId, cancellationToken) is { } importId)
            {
                await RunAsync(tenantId, importId, cancellationToken);
            }
        }
    }

    private async Task<Guid?> ClaimAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var scope = tenants.For(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
        var now = time.GetUtcNow();
        var candidates = await db.Set<TImport>()
            .Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running)
            .OrderBy(j => j.CreatedAt)
            .Take(20)
            .ToListAsync(cancellationToken);
        if (candidates.FirstOrDefault(j => j.IsClaimable(now, StaleAfter)) is not { } job)
        {
            return null;
        }

        job.Claim(now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return job.Id;
        }
        catch (DbUpdateConcurrencyException)
        {
            return null; // another node took it first
        }
    }

    private async Task RunAsync(Guid tenantId, Guid importId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = tenants.For(tenantId);
            await RunInScopeAsync(scope.ServiceProvider, importId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Import {ImportId} of {Kind} failed", importId, typeof(TImport).Name);
            await using var scope = tenants.For(tenantId);
            var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
            var job = await db.Set<TImport>().SingleAsync(j => j.Id == importId, cancellationToken);
            job.Fail(e.GetType().Name + ": " + e.Message, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            if (await db.Set<StoredFile>().SingleOrDefaultAsync(f => f.Id == job.FileId, cancellationToken) is { } file)
            {
                await scope.ServiceProvider.GetRequiredService<FileIntake>().DeleteContentAsync(file, cancellationToken);
            }
        }
    }

    private async Task RunInScopeAsync(IServiceProvider services, Guid importId, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<CareLoopDbContext>();
        var files = services.GetRequiredService<FileIntake>();
        var processor = services.GetRequiredService<IImportProcessor<TImport>>();
        var job = await db.Set<TImport>().SingleAsync(j => j.Id == importId, cancellationToken);
        var file = await db.Set<StoredFile>().SingleAsync(f => f.Id == job.FileId, cancellationToken);
        var format = ImportSheet.FormatOf(file.ContentType) ?? throw new InvalidOperationException("The import file is not a sheet.");
        await processor.ResetAsync(importId, cancellationToken);
        await using (var counting = await files.OpenContentAsync(file, cancellationToken))
        {
            job.Counted(ImportSheet.Rows(counting, format).Count(r => !ImportSheet.IsBlank(r)));
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        await using (var content = await files.OpenContentAsync(file, cancellationToken))
        {
            await processor.ImportAsync(importId, content, format, cancellationToken);
        }

        db.ChangeTracker.Clear();
        var done = await db.Set<TImport>().SingleAsync(j => j.Id == importId, cancellationToken);
        done.Complete(time.GetUtcNow());
        var (action, details) = processor.Completed(done);
        services.GetRequiredService<IAuditLog>().Record(done.TenantId, done.RequestedBy, done.RequestedByName, action, typeof(TImport).Name, done.Id.ToString(), details);
        await db.SaveChangesAsync(cancellationToken);

        // The sheet holds phone numbers in clear: once imported, only the encrypted copies remain (the rejected rows
        // keep masked values for the report).
        await files.DeleteContentAsync(file, cancellationToken);
    }
}
