namespace CareLoop.Modules.Network.Features.PlanRoutes;

/// <summary>Plans a station's day. Pure and synchronous: the travel matrix is measured first.</summary>
public interface IRoutePlanner
{
    /// <summary>Short name for logs and benchmark output.</summary>
    string Name { get; }

    /// <param name="problem">The engineers on shift and the day's jobs.</param>
    /// <param name="travel">Travel between <paramref name="problem"/>'s <see cref="DayRouteProblem.Points"/>.</param>
    /// <param name="cancellationToken">Stops a long search early; the best plan so far is returned.</param>
    DayRoutePlan Plan(DayRouteProblem problem, TravelMatrix travel, CancellationToken cancellationToken = default);
}

/// <summary>Measure, then plan: the one call a handler needs.</summary>
public static class RoutePlannerExtensions
{
    public static async Task<DayRoutePlan> PlanAsync(
        this IRoutePlanner planner, DayRouteProblem problem, ITravelTimeSource travel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(travel);
        var matrix = await travel.MeasureAsync(problem.Points, cancellationToken);
        return planner.Plan(problem, matrix, cancellationToken);
    }
}
