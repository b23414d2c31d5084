using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CareLoop.Modules.Customers.Features.ImportCustomers;

/// <summary>
/// Polls for queued imports (of any tenant) and runs them one at a time per node. A claim is an optimistic-concurrency
/// update, so two nodes never run the same import; an import whose node stopped beating is claimed again and, being
/// idempotent on serial number, simply resumes. Polling the table (not a one-off trigger) survives restarts on the
/// in-memory job store SQLite uses.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RunImportsJob(IServiceScopeFactory scopes, TenantScopes tenants, TimeProvider time, ILogger<RunImportsJob> logger) : IJob
{
    public static readonly JobKey Key = new("run-customer-imports", "customers");
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        while (await ClaimAsync(cancellationToken) is { } claimed)
        {
            await using var scope = tenants.For(claimed.TenantId);
            try
            {
                await scope.ServiceProvider.GetRequiredService<ImportProcessor>().RunAsync(claimed.Id, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Import {ImportId} failed", claimed.Id);
                await FailAsync(claimed, e, cancellationToken);
            }
        }
    }

    private async Task<ImportJob?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
        var now = time.GetUtcNow();
        var candidates = await db.Set<ImportJob>().IgnoreQueryFilters()
            .Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running)
            .OrderBy(j => j.CreatedAt)
            .Take(20)
            .ToListAsync(cancellationToken);
        foreach (var job in candidates.Where(j => j.IsClaimable(now, StaleAfter)))
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(job.TenantId, null);
            job.Claim(now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return job;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node took it first.
                return null;
            }
        }

        return null;
    }

    private async Task FailAsync(ImportJob claimed, Exception error, CancellationToken cancellationToken)
    {
        await using var scope = tenants.For(claimed.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
        var job = await db.Set<ImportJob>().SingleAsync(j => j.Id == claimed.Id, cancellationToken);
        job.Fail(error.GetType().Name + ": " + error.Message, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }
}
