using System.Security.Claims;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Problems;

namespace CareLoop.Modules.Dispatch.Features.PlanRoutes;

public static class RoutePlanEndpoints
{
    public static void MapRoutePlans(this RouteGroupBuilder dispatch)
    {
        var plans = dispatch.MapGroup("/route-plans");
        plans.MapPost("", async (ComputeRoutePlanRequest body, ClaimsPrincipal user, ComputeRoutePlanHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.DispatchRead)
            .WithSummary("Compute a station's day-route plan: { stationId, date, pins?: [{ workOrderId, engineerId }] }. Stored as proposed (earlier proposals of the day are superseded); jobs left out carry a reason code (no_location, no_capacity, window_unreachable…).");
        plans.MapGet("/{id:guid}", async (Guid id, RoutePlanQueries queries, HttpContext http, CancellationToken ct) =>
                (await queries.GetAsync(id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.DispatchRead)
            .WithSummary("A stored plan: status (proposed, accepted, superseded), the engineers' routes with arrival times, every job with its planned engineer or reason.");
        plans.MapPost("/{id:guid}/accept", async (Guid id, ClaimsPrincipal user, AcceptRoutePlanHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.DispatchAssign)
            .WithSummary("Apply a proposed plan: assignments (decision trigger route_plan) and planned arrivals. 409 route_plan_stale with the changed orders' numbers (stale) when any job changed since; 409 route_plan_not_proposed when accepted or superseded.");
    }
}
