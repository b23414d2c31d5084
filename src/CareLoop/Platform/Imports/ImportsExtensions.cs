using Quartz;

namespace CareLoop.Platform.Imports;

public static class ImportsExtensions
{
    /// <summary>
    /// Registers one kind of background import: its processor, and a <see cref="RunImportsJob{TImport}"/> polling for it
    /// every <c>Imports:PollIntervalMilliseconds</c> (1 s by default) under <paramref name="key"/>.
    /// </summary>
    public static IServiceCollection AddBackgroundImports<TImport, TProcessor>(this IServiceCollection services, IConfiguration configuration, JobKey key)
        where TImport : BackgroundImport
        where TProcessor : class, IImportProcessor<TImport>
    {
        services.AddScoped<IImportProcessor<TImport>, TProcessor>();
        var poll = TimeSpan.FromMilliseconds(configuration.GetValue("Imports:PollIntervalMilliseconds", 1000));
        services.AddQuartz(q =>
        {
            q.AddJob<RunImportsJob<TImport>>(j => j.WithIdentity(key).StoreDurably());
            q.AddTrigger(t => t.ForJob(key).WithIdentity(key.Name + "-trigger", key.Group).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(poll).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        return services;
    }
}
