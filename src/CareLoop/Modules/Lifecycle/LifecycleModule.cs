using System.Security.Claims;
using CareLoop.Modules.Lifecycle.Features.CallList;
using CareLoop.Modules.Lifecycle.Features.Campaigns;
using CareLoop.Modules.Lifecycle.Features.Reminders;
using CareLoop.Modules.Lifecycle.Features.Schedules;
using CareLoop.Modules.Lifecycle.Features.Templates;
using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Problems;
using Quartz;

namespace CareLoop.Modules.Lifecycle;

/// <summary>
/// Lifecycle: what each registered unit is due for (consumables, warranty expiry, usage tips), the daily reminder
/// run, the call list of consumables past due (待回款) and the campaigns that work it; see docs/adr/0027.
/// </summary>
public static class LifecycleModule
{
    public static IServiceCollection AddLifecycle(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ScheduleSync>();
        services.AddScoped<RecordReplacementHandler>();
        services.AddScoped<DailyLifecycleRun>();
        services.AddScoped<CampaignAudience>();
        services.AddScoped<CampaignsHandler>();
        services.AddScoped<CallListHandler>();
        services.AddSingleton<ITemplateKeyRule, LifecycleTemplateRule>();
        services.AddOutboxHandler<WorkOrderTransitioned, ReplacementOnCompletion>();
        var cron = configuration["Lifecycle:DailyCron"] ?? "0 0 8 * * ?";
        services.AddQuartz(q =>
        {
            q.AddJob<DailyLifecycleJob>(j => j.WithIdentity(DailyLifecycleJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(DailyLifecycleJob.Key).WithIdentity("daily-lifecycle-trigger", "lifecycle")
                .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))));
        });
        return services;
    }

    public static RouteGroupBuilder MapLifecycle(this RouteGroupBuilder api)
    {
        var lifecycle = api.MapGroup("/lifecycle").WithTags("Lifecycle");
        lifecycle.MapGet("/units/{unitId:guid}/schedule", async (Guid unitId, RecordReplacementHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.ScheduleAsync(unitId, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.LifecycleRead)
            .WithSummary("What the unit is due for: each consumable (interval, start, due date, state, last replacement), warranty-expiry and usage-tip milestones.");
        lifecycle.MapPost("/units/{unitId:guid}/replacements", async (Guid unitId, ReplacementRequest body, ClaimsPrincipal user, RecordReplacementHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.RecordAsync(user, unitId, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.LifecycleCall)
            .WithSummary("Record a replacement: { consumableCode, source: purchase | customerSaid, on? }. The interval restarts on that day; an open call-list entry for it closes. (Completed maintenance orders record theirs by themselves.)");
        lifecycle.MapPost("/runs", async (DailyLifecycleRun run, CancellationToken ct) => TypedResults.Ok(await run.RunAsync(ct)))
            .RequireAuthorization(Permissions.LifecycleManage)
            .WithSummary("Run today's lifecycle computation now (the job runs daily at 08:00 Shanghai time): follow new units, send due reminders and milestones, fill the call list. Running it again the same day sends nothing twice.");
        lifecycle.MapGet("/call-list", (Guid? campaignId, bool? mine, bool? all, int? take, ClaimsPrincipal user, CallListHandler handler, CancellationToken ct) =>
                handler.ListAsync(user, campaignId, mine ?? false, all ?? false, take ?? 100, ct))
            .RequireAuthorization(Permissions.LifecycleRead)
            .WithSummary("Entries to call now (consumables past their due date without a replacement), most overdue first; campaignId, mine (assigned to me) and all (closed too) filter.");
        lifecycle.MapGet("/call-list/{id:guid}", async (Guid id, CallListHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.LifecycleRead)
            .WithSummary("One entry: customer summary (masked phone), unit, what is due, catalog price in 分, suggested script, what the contact policy says now, attempt history.");
        lifecycle.MapPost("/call-list/{id:guid}/phone", async (Guid id, ClaimsPrincipal user, CallListHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.RevealPhoneAsync(user, id, ct)).ToHttp(http, phone => TypedResults.Ok(new { phone })))
            .RequireAuthorization(Permissions.LifecycleCall)
            .WithSummary("The customer's phone in full, to dial (audited as customer.phone-revealed).");
        lifecycle.MapPost("/call-list/{id:guid}/attempts", async (Guid id, AttemptRequest body, ClaimsPrincipal user, CallListHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.AttemptAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.LifecycleCall)
            .WithSummary("Record a call: { outcome: informed | boughtOnline | engineerWillBring | declined | unreachable | wrongNumber | optOut | alreadyReplaced, note?, expectedVersion }. The contact policy decides first (422 contact_refused with reasonCode when it refuses); engineerWillBring opens a maintenance order with the consumable as a chargeable line.");
        lifecycle.MapGet("/campaigns", (CampaignsHandler handler, CancellationToken ct) => handler.ListAsync(ct))
            .RequireAuthorization(Permissions.LifecycleRead)
            .WithSummary("Campaigns, newest first, each with its funnel: entries, contacted, reached, bought, revenue (分), opt-outs, open.");
        lifecycle.MapGet("/campaigns/{id:guid}", async (Guid id, CampaignsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.LifecycleRead)
            .WithSummary("One campaign and its funnel.");
        lifecycle.MapPost("/campaigns", async (CampaignRequest body, ClaimsPrincipal user, CampaignsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.CreateAsync(user, body, ct)).ToHttp(http, c => TypedResults.Created($"/api/v1/lifecycle/campaigns/{c.Id}", c)))
            .RequireAuthorization(Permissions.LifecycleManage)
            .WithSummary("Define a campaign: { name, modelId?, regionPrefix?, tag?, dueWithinDays?, warranty: any | inWarranty | outOfWarranty, agents: [userId] }. Matching open entries join it at once and on every daily run.");
        lifecycle.MapPost("/campaigns/{id:guid}/close", async (Guid id, ClaimsPrincipal user, CampaignsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.CloseAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.LifecycleManage)
            .WithSummary("Close a campaign: no more entries join it; its entries stay on the call list.");
        return api;
    }
}
