using CareLoop.Modules.Callbacks.Domain;
using CareLoop.Platform.Tenancy;
using Quartz;

namespace CareLoop.Modules.Callbacks.Features.AutoClose;

/// <summary>Every minute: in each tenant with callbacks whose retry window ran out, close them by policy and send the survey link.</summary>
[DisallowConcurrentExecution]
public sealed class AutoCloseCallbacksJob(TenantScopes tenants, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new("auto-close-callbacks", "callbacks");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var tenantId in await tenants.TenantsWithAsync<CallbackTask>(c => c.Status == CallbackStatus.Open && c.AutoCloseAt != null && c.AutoCloseAt <= now, cancellationToken))
        {
            await using var scope = tenants.For(tenantId);
            await scope.ServiceProvider.GetRequiredService<CallbackAutoCloser>().CloseDueAsync(now, cancellationToken);
        }
    }
}
