using System.Security.Claims;
using CareLoop.Modules.Dispatch.Features.AutoDispatch;
using CareLoop.Modules.Dispatch.Features.Board;
using CareLoop.Modules.Dispatch.Features.Grab;
using CareLoop.Modules.Dispatch.Features.PlanRoutes;
using CareLoop.Modules.Dispatch.Features.Settings;
using CareLoop.Modules.Dispatch.Domain;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Demo;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Quartz;

namespace CareLoop.Modules.Dispatch;

/// <summary>
/// Dispatch: the right engineer for each on-site order, automatically (hard rules, then a weighted score, every
/// decision explained), or by grab mode in the areas that use it, or by a dispatcher on the board; see docs/adr/0016.
/// </summary>
public static class DispatchModule
{
    public static IServiceCollection AddDispatch(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<ITravelDistance, StraightLineDistance>();
        services.AddScoped<DispatchSettingsHandler>();
        services.AddScoped<Dispatcher>();
        services.AddScoped<DispatchBoard>();
        services.AddScoped<GrabPool>();
        services.AddScoped<Contracts.IGrabOffers, GrabOffers>();
        services.AddScoped<ComputeRoutePlanHandler>();
        services.AddScoped<AcceptRoutePlanHandler>();
        services.AddScoped<RoutePlanQueries>();
        services.AddScoped<IDemoSeeder, RouteDayDemoSeeder>();
        services.AddScoped<GrabEscalation>();
        services.AddSingleton(new WorkOrderPagePanel(typeof(DecisionsPanel)));
        services.AddOutboxHandler<WorkOrderCreated, DispatchOnEvents>();
        services.AddOutboxHandler<WorkOrderTransitioned, DispatchOnEvents>();
        services.AddQuartz(q =>
        {
            q.AddJob<EscalateGrabOffersJob>(j => j.WithIdentity(EscalateGrabOffersJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(EscalateGrabOffersJob.Key).WithIdentity("escalate-grab-offers-trigger", "dispatch").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(30)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        return services;
    }

    public static RouteGroupBuilder MapDispatch(this RouteGroupBuilder api)
    {
        var dispatch = api.MapGroup("/dispatch").WithTags("Dispatch");
        dispatch.MapGet("/queue", (string? region, DispatchBoard board, CancellationToken ct) => board.QueueAsync(region, ct))
            .RequireAuthorization(Permissions.DispatchRead)
            .WithSummary("Open on-site orders nobody holds, at-risk first, each with the last dispatch decision's outcome and reason (e.g. no_candidate, grab_timeout).");
        dispatch.MapGet("/engineers", (DateOnly? day, string? region, DispatchBoard board, CancellationToken ct) => board.EngineersAsync(day, region, ct))
            .RequireAuthorization(Permissions.DispatchRead)
            .WithSummary("Engineers with the day's load against capacity, shift, position and open jobs; region: a GB/T 2260 prefix of their districts.");
        dispatch.MapGet("/work-orders/{id:guid}/candidates", async (Guid id, Dispatcher dispatcher, HttpContext http, CancellationToken ct) =>
                (await dispatcher.PreviewAsync(id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.DispatchRead)
            .WithSummary("What automatic dispatch would decide now: every engineer in the job's area, the hard rule that excludes each excluded one, and the score parts of the rest (best first).");
        dispatch.MapGet("/work-orders/{id:guid}/decisions", (Guid id, Dispatcher dispatcher, CancellationToken ct) => dispatcher.HistoryAsync(id, ct))
            .RequireAuthorization(Permissions.WorkOrdersRead)
            .WithSummary("The order's dispatch decisions, newest first, each with its explanation.");
        dispatch.MapPost("/work-orders/{id:guid}/assignment", async (Guid id, AssignmentRequest body, ClaimsPrincipal user, Dispatcher dispatcher, HttpContext http, CancellationToken ct) =>
                (await dispatcher.AssignAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.DispatchAssign)
            .WithSummary("Assign or reassign by hand: { engineerId, expectedVersion, note?, override? }. An engineer a hard rule excludes is refused (422, field engineerId, code dispatch_<rule>) unless a supervisor sets override with a note; a reassignment needs a note.");
        dispatch.MapPost("/work-orders/{id:guid}/auto", async (Guid id, Dispatcher dispatcher, HttpContext http, CancellationToken ct) =>
                (await dispatcher.RetryAsync(id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.DispatchAssign)
            .WithSummary("Run automatic dispatch again for an order waiting in the queue (after the network changed). 409 when the order is not waiting.");
        dispatch.MapGet("/grab-pool", async (ClaimsPrincipal user, GrabPool pool, HttpContext http, CancellationToken ct) => (await pool.MineAsync(user, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.DispatchGrab)
            .WithSummary("The open grab offers made to me (engineers), soonest to expire first.");
        dispatch.MapPost("/offers/{id:guid}/grab", async (Guid id, ClaimsPrincipal user, GrabPool pool, HttpContext http, CancellationToken ct) =>
                (await pool.GrabAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.DispatchGrab)
            .WithSummary("Grab an offered order: the first engineer wins and is assigned; everyone else gets 409 offer_gone.");
        dispatch.MapRoutePlans();

        api.MapGet("/settings/dispatch", (DispatchSettingsHandler handler, CancellationToken ct) => handler.GetAsync(ct))
            .RequireAuthorization(Permissions.DispatchRead).WithTags("Dispatch")
            .WithSummary("The tenant's dispatch policy: automatic on/off, score weights (0–100), max distance, grab-mode areas and timeout, certificates required per category.");
        api.MapPut("/settings/dispatch", async (DispatchSettingsDto body, ClaimsPrincipal user, DispatchSettingsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SaveAsync(user, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SettingsManage).WithTags("Dispatch")
            .WithSummary("Save the dispatch policy (expects the version read; 409 when someone saved in between).");
        return api;
    }
}
