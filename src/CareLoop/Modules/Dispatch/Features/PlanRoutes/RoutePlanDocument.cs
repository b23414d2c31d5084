using CareLoop.Modules.WorkOrders.Contracts;

namespace CareLoop.Modules.Dispatch.Features.PlanRoutes;

/// <summary>
/// What a stored plan holds: the inputs the engine saw (so anyone can re-check the routes) and its answer. Times are
/// offsets from the day's local midnight (<c>"hh:mm:ss"</c>); each job keeps the version it was planned on, so
/// accepting can tell what changed since.
/// </summary>
public sealed record RoutePlanDocument(
    Guid StationId, string StationName, DateOnly Date, double? StationLatitude, double? StationLongitude, string Planner,
    IReadOnlyList<PlanEngineer> Engineers, IReadOnlyList<PlanJob> Jobs);

/// <summary>An engineer on shift and their route. <paramref name="StartsFrom"/>: <c>home</c> or <c>station</c>.</summary>
public sealed record PlanEngineer(
    Guid Id, string Name, double StartLatitude, double StartLongitude, string StartsFrom, TimeSpan ShiftStart, TimeSpan ShiftEnd, TimeSpan ReturnBy,
    int Capacity, IReadOnlyList<string> Skills, TimeSpan Departure, TimeSpan ReturnAt, int ReturnLegMetres, int ReturnLegSeconds, IReadOnlyList<PlanStop> Stops)
{
    public long TravelMetres => Stops.Sum(s => (long)s.LegMetres) + ReturnLegMetres;

    public long TravelSeconds => Stops.Sum(s => (long)s.LegSeconds) + ReturnLegSeconds;
}

/// <summary>A visit: arrive, (wait,) serve; the leg is the drive from the previous stop or the start.</summary>
public sealed record PlanStop(Guid JobId, TimeSpan Arrival, TimeSpan ServiceStart, TimeSpan ServiceEnd, int LegMetres, int LegSeconds);

/// <summary>
/// A job of the day as planned: where, its window, how long, the skill it needs, whom it is pinned to (a job already
/// accepted by its engineer, or the dispatcher's pin), the engineer the plan gives it or the reason it has none.
/// </summary>
public sealed record PlanJob(
    Guid Id, string Number, string Kind, long Version, string State, Guid? AssigneeId, string CustomerName, double? Latitude, double? Longitude,
    TimeSpan WindowStart, TimeSpan WindowEnd, int ServiceMinutes, string? Skill, Guid? PinnedEngineerId, Guid? EngineerId, string? Reason);

/// <summary>Why a job is off the plan beyond the engine's own reasons (<c>UnassignedReasons</c>).</summary>
public static class PlanReasons
{
    /// <summary>The job's address has no coordinates: it cannot be put on a map, nor a route.</summary>
    public const string NoLocation = "no_location";
}

/// <summary>
/// How long a visit takes, by kind: one tenant-independent table (a later dispatch setting if tenants need their own).
/// </summary>
public static class ServiceDurations
{
    public static TimeSpan Of(WorkOrderKind kind) => TimeSpan.FromMinutes(kind switch
    {
        WorkOrderKind.Installation => 60,
        WorkOrderKind.OnSiteRepair => 45,
        WorkOrderKind.Maintenance => 30,
        WorkOrderKind.OnSiteGuidance => 30,
        _ => 45,
    });
}
