using System.Security.Claims;
using CareLoop.Modules.Callbacks.Features.AutoClose;
using CareLoop.Modules.Callbacks.Features.CreateCallback;
using CareLoop.Modules.Callbacks.Features.Quality;
using CareLoop.Modules.Callbacks.Features.Queue;
using CareLoop.Modules.Callbacks.Features.RecordOutcome;
using CareLoop.Modules.Callbacks.Features.Settings;
using CareLoop.Modules.Callbacks.Features.Survey;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Problems;
using Quartz;

namespace CareLoop.Modules.Callbacks;

/// <summary>
/// Satisfaction callbacks (回访): a task per completed work order for the agent who took the case, the outcomes that
/// close or reopen the order and gate the engineer's pay, retries and auto-close by policy with a survey link by SMS,
/// and supervisors' quality re-checks; see docs/adr/0024.
/// </summary>
public static class CallbacksModule
{
    public static IServiceCollection AddCallbacks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CallbackOptions>(configuration.GetSection(CallbackOptions.Section));
        services.AddScoped<CallbackSettingsHandler>();
        services.AddScoped<CallbackScheduler>();
        services.AddScoped<CreateCallbackHandler>();
        services.AddScoped<CallbackQueries>();
        services.AddScoped<RecordOutcomeHandler>();
        services.AddScoped<CallbackAutoCloser>();
        services.AddScoped<QualityCheckHandler>();
        services.AddScoped<SurveyHandler>();
        services.AddSingleton<SurveyLinks>();
        services.AddOutboxHandler<WorkOrderTransitioned, OpenCallbackOnCompletion>();
        var every = TimeSpan.FromSeconds(configuration.GetValue("Callbacks:AutoCloseIntervalSeconds", 60));
        services.AddQuartz(q =>
        {
            q.AddJob<AutoCloseCallbacksJob>(j => j.WithIdentity(AutoCloseCallbacksJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(AutoCloseCallbacksJob.Key).WithIdentity("auto-close-callbacks-trigger", "callbacks").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(every).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        return services;
    }

    public static RouteGroupBuilder MapCallbacks(this RouteGroupBuilder api)
    {
        var callbacks = api.MapGroup("/callbacks").WithTags("Callbacks");
        callbacks.MapCallbackQueue();
        callbacks.MapCreateCallback();
        callbacks.MapRecordOutcome();
        callbacks.MapQualityCheck();
        api.MapSurveys();
        api.MapGet("/settings/callbacks", async (ClaimsPrincipal user, CallbackSettingsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(user, ct)).ToHttp(http, TypedResults.Ok))
            .WithTags("Callbacks")
            .WithSummary("The tenant's callback policy: due hours after completion (24), unreachable attempts (3) over retry hours (48), survey link hours (72), QC sample percent (10).");
        api.MapPut("/settings/callbacks", async (CallbackSettingsDto body, ClaimsPrincipal user, CallbackSettingsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SaveAsync(user, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SettingsManage).WithTags("Callbacks")
            .WithSummary("Save the callback policy (expects the version read; 409 when someone saved in between).");
        return api;
    }
}
