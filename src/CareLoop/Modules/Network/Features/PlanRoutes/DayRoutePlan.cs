namespace CareLoop.Modules.Network.Features.PlanRoutes;

/// <summary>
/// One visit on a route. <see cref="Arrival"/> is the estimated arrival; service starts at the window's start
/// when the engineer is early. The leg is the drive from the previous stop (or the start) to here.
/// </summary>
public sealed record RouteStop(
    string JobId, TimeSpan Arrival, TimeSpan ServiceStart, TimeSpan ServiceEnd, int LegMetres, int LegSeconds)
{
    public TimeSpan Waiting => ServiceStart - Arrival;
}

/// <summary>
/// An engineer's day: leave the start at <see cref="Departure"/>, visit <see cref="Stops"/> in order, be back at
/// <see cref="ReturnAt"/>. An engineer without jobs has no stops and no travel.
/// </summary>
public sealed record EngineerRoute(
    string EngineerId, TimeSpan Departure, IReadOnlyList<RouteStop> Stops, TimeSpan ReturnAt, int ReturnLegMetres, int ReturnLegSeconds)
{
    public long TravelMetres => Stops.Sum(s => (long)s.LegMetres) + ReturnLegMetres;

    public long TravelSeconds => Stops.Sum(s => (long)s.LegSeconds) + ReturnLegSeconds;

    public double TravelKm => TravelMetres / 1000.0;

    public double TravelMinutes => TravelSeconds / 60.0;
}

/// <summary>A job left out of the day, with a stable <see cref="UnassignedReasons">reason code</see>.</summary>
public sealed record UnassignedJob(string JobId, string Reason);

/// <summary>The day's routes (one per engineer, in the problem's order) and the jobs that did not fit.</summary>
public sealed record DayRoutePlan(string Planner, IReadOnlyList<EngineerRoute> Routes, IReadOnlyList<UnassignedJob> Unassigned)
{
    public long TotalTravelMetres => Routes.Sum(r => r.TravelMetres);

    public double TotalTravelKm => TotalTravelMetres / 1000.0;

    public int AssignedCount => Routes.Sum(r => r.Stops.Count);
}

/// <summary>Why a job is not on any route. Stable codes: callers map them to localized text.</summary>
public static class UnassignedReasons
{
    /// <summary>There is no engineer on shift at all.</summary>
    public const string NoEngineer = "no_engineer";

    /// <summary>No engineer on shift has the job's required skill.</summary>
    public const string NoSkilledEngineer = "no_skilled_engineer";

    /// <summary>The job is pinned to an engineer who is not on shift (or lacks the skill).</summary>
    public const string PinnedEngineerAbsent = "pinned_engineer_absent";

    /// <summary>No suitable engineer's shift can hold the window and the service, even ignoring travel.</summary>
    public const string OutsideShift = "outside_shift";

    /// <summary>No suitable engineer can reach the window (and get back in time) even with this job alone; also an empty window.</summary>
    public const string WindowUnreachable = "window_unreachable";

    /// <summary>Someone could do it alone, but not together with the other jobs: the day is full.</summary>
    public const string NoCapacity = "no_capacity";
}
