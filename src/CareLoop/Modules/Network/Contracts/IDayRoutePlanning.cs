namespace CareLoop.Modules.Network.Contracts;

/// <summary>
/// The day-route engine (docs/adr/0017) as other modules see it: dispatch says who works and what must be done, the
/// network plans the routes. Times are offsets from the planning day's local midnight.
/// </summary>
public interface IDayRoutePlanning
{
    /// <summary>Plans with OR-Tools within <paramref name="budget"/>; every plan returned has passed the engine's verifier.</summary>
    Task<PlannedDay> PlanAsync(IReadOnlyList<PlanningEngineer> engineers, IReadOnlyList<PlanningJob> jobs, TimeSpan budget, CancellationToken cancellationToken);
}

/// <summary>An engineer on shift: leaves <paramref name="Start"/> no earlier than the shift start and is back by <paramref name="ReturnBy"/>.</summary>
public sealed record PlanningEngineer(
    Guid Id, GeoPoint Start, TimeSpan ShiftStart, TimeSpan ShiftEnd, TimeSpan ReturnBy, int Capacity, IReadOnlyCollection<string> Skills);

/// <summary>A job whose service must start within [<paramref name="WindowStart"/>, <paramref name="WindowEnd"/>].</summary>
public sealed record PlanningJob(
    Guid Id, GeoPoint Location, TimeSpan WindowStart, TimeSpan WindowEnd, TimeSpan Service, string? Skill, Guid? PinnedEngineerId);

public sealed record PlannedStop(Guid JobId, TimeSpan Arrival, TimeSpan ServiceStart, TimeSpan ServiceEnd, int LegMetres, int LegSeconds);

public sealed record PlannedRoute(
    Guid EngineerId, TimeSpan Departure, IReadOnlyList<PlannedStop> Stops, TimeSpan ReturnAt, int ReturnLegMetres, int ReturnLegSeconds);

/// <summary>A job left out, with the engine's stable reason code (<c>no_capacity</c>, <c>window_unreachable</c>…).</summary>
public sealed record PlannedMiss(Guid JobId, string Reason);

public sealed record PlannedDay(string Planner, IReadOnlyList<PlannedRoute> Routes, IReadOnlyList<PlannedMiss> Unassigned);
