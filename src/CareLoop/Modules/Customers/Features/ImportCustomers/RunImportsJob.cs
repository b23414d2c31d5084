using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Files;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CareLoop.Modules.Customers.Features.ImportCustomers;

/// <summary>
/// Polls for queued imports and runs them one at a time per node, each in its tenant's scope. A claim is an
/// optimistic-concurrency update, so two nodes never run the same import; an import whose node stopped beating is
/// claimed again and, being idempotent on serial number, simply starts over. Polling the table (not a one-off
/// trigger) survives restarts on the in-memory job store SQLite uses.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RunImportsJob(TenantScopes tenants, TimeProvider time, ILogger<RunImportsJob> logger) : IJob
{
    public static readonly JobKey Key = new("run-customer-imports", "customers");
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var waiting = await tenants.TenantsWithAsync<ImportJob>(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running, cancellationToken);
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
        var candidates = await db.Set<ImportJob>()
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
            await scope.ServiceProvider.GetRequiredService<ImportProcessor>().RunAsync(importId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Import {ImportId} failed", importId);
            await using var scope = tenants.For(tenantId);
            var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
            var job = await db.Set<ImportJob>().SingleAsync(j => j.Id == importId, cancellationToken);
            job.Fail(e.GetType().Name + ": " + e.Message, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            if (await db.Set<StoredFile>().SingleOrDefaultAsync(f => f.Id == job.FileId, cancellationToken) is { } file)
            {
                await scope.ServiceProvider.GetRequiredService<FileIntake>().DeleteContentAsync(file, cancellationToken);
            }
        }
    }
}
