using CareLoop.Modules.Field.Domain;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CareLoop.Modules.Field.Features.ForgetOldReceipts;

/// <summary>
/// How long exactly-once receipts are kept and when they are swept (<c>Field:Receipts:*</c>). The retention must stay
/// longer than any phone keeps an unsent form: a receipt deleted before its resend arrives lets that resend act again.
/// </summary>
public sealed class ReceiptRetentionOptions
{
    public const string Section = "Field:Receipts";

    /// <summary>A week at least: a shorter setting is refused at start, never silently raised.</summary>
    public const int MinRetentionDays = 7;

    /// <summary>Days a receipt is kept after its action (30: a month, far beyond a phone's offline queue).</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Quartz cron in Asia/Shanghai time; by default every night at 03:30.</summary>
    public string Cron { get; set; } = "0 30 3 * * ?";

    /// <summary>Rows per DELETE, so one sweep never holds a long lock on a busy table.</summary>
    public int BatchSize { get; set; } = 1000;
}

/// <summary>
/// Deletes receipts older than the retention, tenant by tenant, in set-based batches (<c>ExecuteDelete</c> of the
/// oldest <see cref="ReceiptRetentionOptions.BatchSize"/> rows at a time); nothing is loaded into memory.
/// </summary>
public sealed class ReceiptSweeper(TenantScopes tenants, IOptions<ReceiptRetentionOptions> options, TimeProvider time, ILogger<ReceiptSweeper> logger)
{
    /// <summary>Returns how many receipts were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow().AddDays(-settings.RetentionDays);
        var batch = settings.BatchSize;
        var deleted = 0;
        foreach (var tenantId in await tenants.TenantsWithAsync<ActionReceipt>(r => r.CreatedAt < cutoff, cancellationToken))
        {
            await using var scope = tenants.For(tenantId);
            var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
            int removed;
            do
            {
                removed = await db.Set<ActionReceipt>()
                    .Where(r => r.CreatedAt < cutoff)
                    .OrderBy(r => r.CreatedAt)
                    .Take(batch)
                    .ExecuteDeleteAsync(cancellationToken);
                deleted += removed;
            }
            while (removed == batch);
        }

        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} exactly-once receipts older than {Cutoff}", deleted, cutoff);
        }

        return deleted;
    }
}

/// <summary>The nightly sweep of old exactly-once receipts (ADR 0020), on <see cref="ReceiptRetentionOptions.Cron"/>.</summary>
[DisallowConcurrentExecution]
public sealed class ForgetOldReceiptsJob(ReceiptSweeper sweeper) : IJob
{
    public static readonly JobKey Key = new("forget-old-receipts", "field");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await sweeper.SweepAsync(cancellationToken);
}
