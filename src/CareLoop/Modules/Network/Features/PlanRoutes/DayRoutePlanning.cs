using System.Globalization;
using CareLoop.Modules.Network.Contracts;

namespace CareLoop.Modules.Network.Features.PlanRoutes;

/// <summary>
/// <see cref="IDayRoutePlanning"/>: maps the contract onto the pure engine, measures straight-line travel, runs
/// <see cref="OrToolsRoutePlanner"/> off the request thread and verifies the result. A plan the verifier rejects is a
/// bug in the engine, never something to show a dispatcher: it throws.
/// </summary>
internal sealed class DayRoutePlanning(ITravelTimeSource travel) : IDayRoutePlanning
{
    public async Task<PlannedDay> PlanAsync(
        IReadOnlyList<PlanningEngineer> engineers, IReadOnlyList<PlanningJob> jobs, TimeSpan budget, CancellationToken cancellationToken)
    {
        var problem = new DayRouteProblem(
            engineers.Select(e => new RouteEngineer(Id(e.Id), Point(e.Start), e.ShiftStart, e.ShiftEnd, e.ReturnBy, e.Capacity, e.Skills)).ToList(),
            jobs.Select(j => new RouteJob(Id(j.Id), Point(j.Location), j.WindowStart, j.WindowEnd, j.Service, j.Skill, j.PinnedEngineerId is { } p ? Id(p) : null)).ToList());
        var matrix = await travel.MeasureAsync(problem.Points, cancellationToken);
        var planner = new OrToolsRoutePlanner(new OrToolsRouteOptions { TimeLimit = budget });
        var plan = await Task.Run(() => planner.Plan(problem, matrix, cancellationToken), cancellationToken);
        if (RouteVerifier.Verify(problem, matrix, plan) is { Count: > 0 } violations)
        {
            throw new InvalidOperationException("The route engine produced an invalid plan: " + string.Join("; ", violations.Select(v => v.Code + " " + v.Detail)));
        }

        return new PlannedDay(
            plan.Planner,
            plan.Routes.Select(r => new PlannedRoute(Guid.Parse(r.EngineerId), r.Departure,
                r.Stops.Select(s => new PlannedStop(Guid.Parse(s.JobId), s.Arrival, s.ServiceStart, s.ServiceEnd, s.LegMetres, s.LegSeconds)).ToList(),
                r.ReturnAt, r.ReturnLegMetres, r.ReturnLegSeconds)).ToList(),
            plan.Unassigned.Select(u => new PlannedMiss(Guid.Parse(u.JobId), u.Reason)).ToList());
    }

    private static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static GeoPoint Point(Contracts.GeoPoint p) => new(p.Latitude, p.Longitude);
}
