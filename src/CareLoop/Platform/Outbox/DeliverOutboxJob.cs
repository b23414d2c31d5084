using Quartz;

namespace CareLoop.Platform.Outbox;

/// <summary>Quartz job that drains the outbox; never runs twice at once, even across a cluster.</summary>
[DisallowConcurrentExecution]
public sealed class DeliverOutboxJob(OutboxDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("deliver-outbox", "platform");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // Keep draining while full batches come back, so a burst does not wait for the next trigger.
        for (var round = 0; round < 20; round++)
        {
            if (await dispatcher.DeliverBatchAsync(cancellationToken) == 0)
            {
                return;
            }
        }
    }
}
