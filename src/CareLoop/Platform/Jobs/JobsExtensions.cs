using CareLoop.Platform.Outbox;
using CareLoop.Platform.Persistence;
using Quartz;

namespace CareLoop.Platform.Jobs;

public static class JobsExtensions
{
    /// <summary>
    /// Quartz.NET with the provider's job store (docs/adr/0004). Modules add their jobs with
    /// <c>services.Configure&lt;QuartzOptions&gt;</c> or <c>services.AddQuartz(q => q.AddJob…)</c>.
    /// </summary>
    public static IServiceCollection AddCareLoopJobs(this IServiceCollection services, DatabaseProvider provider, IConfiguration configuration)
    {
        var outbox = configuration.GetSection(OutboxOptions.Section).Get<OutboxOptions>() ?? new OutboxOptions();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                // Every node of one deployment shares the name (the clustered store keys rows by it).
                s.InstanceName = configuration["Jobs:SchedulerName"] ?? "CareLoop";
                s.GenerateInstanceId = true;
            });
            q.UseDefaultThreadPool(4);
            provider.ConfigureJobStore(q);
            if (outbox.Enabled)
            {
                q.AddJob<DeliverOutboxJob>(j => j.WithIdentity(DeliverOutboxJob.Key).StoreDurably());
                q.AddTrigger(t => t
                    .ForJob(DeliverOutboxJob.Key)
                    .WithIdentity("deliver-outbox-trigger", "platform")
                    .StartNow()
                    .WithSimpleSchedule(s => s
                        .WithInterval(TimeSpan.FromMilliseconds(outbox.PollIntervalMilliseconds))
                        .RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            }
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
        return services;
    }
}
