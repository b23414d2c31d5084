using CareLoop.Modules.Network.Contracts;

namespace CareLoop.Modules.Network.Features.PlanRoutes;

/// <summary>
/// An engineer on shift for the day. Times are offsets from the planning day's local midnight, to the second.
/// The engineer leaves <see cref="Start"/> no earlier than <see cref="ShiftStart"/>, finishes every service by
/// <see cref="ShiftEnd"/> and is back at <see cref="End"/> (the start when not given) by <see cref="ReturnBy"/>.
/// </summary>
public sealed record RouteEngineer(
    string Id,
    GeoPoint Start,
    TimeSpan ShiftStart,
    TimeSpan ShiftEnd,
    TimeSpan ReturnBy,
    int Capacity,
    IReadOnlyCollection<string>? Skills = null,
    GeoPoint? End = null)
{
    /// <summary>Where the day ends: <see cref="End"/>, or back where it started.</summary>
    public GeoPoint EndPoint => End ?? Start;

    /// <summary>Skills compare case-insensitively, as <c>EngineerProfile</c> stores them lower-case.</summary>
    public bool Has(string? skill) =>
        skill is null || (Skills?.Contains(skill, StringComparer.OrdinalIgnoreCase) ?? false);
}

/// <summary>
/// A job with an appointment window: service must <em>start</em> within [<see cref="WindowStart"/>,
/// <see cref="WindowEnd"/>] (arriving early means waiting) and lasts <see cref="ServiceDuration"/>.
/// </summary>
public sealed record RouteJob(
    string Id,
    GeoPoint Location,
    TimeSpan WindowStart,
    TimeSpan WindowEnd,
    TimeSpan ServiceDuration,
    string? RequiredSkill = null,
    string? PinnedEngineerId = null);

/// <summary>
/// One station's day: the engineers on shift and the jobs to route. <see cref="Points"/> is the order a
/// <see cref="TravelMatrix"/> for this problem must follow: engineers' starts, engineers' ends, then jobs.
/// </summary>
public sealed class DayRouteProblem
{
    public DayRouteProblem(IReadOnlyList<RouteEngineer> engineers, IReadOnlyList<RouteJob> jobs)
    {
        ProblemRules.Validate(engineers, jobs);
        Engineers = engineers;
        Jobs = jobs;
        Points = [.. engineers.Select(e => e.Start), .. engineers.Select(e => e.EndPoint), .. jobs.Select(j => j.Location)];
    }

    public IReadOnlyList<RouteEngineer> Engineers { get; }

    public IReadOnlyList<RouteJob> Jobs { get; }

    /// <summary>Every location of the problem, in travel-matrix order.</summary>
    public IReadOnlyList<GeoPoint> Points { get; }

    public int StartPoint(int engineer) => engineer;

    public int EndPoint(int engineer) => Engineers.Count + engineer;

    public int JobPoint(int job) => (2 * Engineers.Count) + job;
}

/// <summary>Inputs a caller must never send: these throw rather than produce a plan.</summary>
internal static class ProblemRules
{
    /// <summary>Two days: enough for a late shift's return after midnight.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(2);

    public static void Validate(IReadOnlyList<RouteEngineer> engineers, IReadOnlyList<RouteJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(engineers);
        ArgumentNullException.ThrowIfNull(jobs);
        RequireUniqueIds(engineers.Select(e => e.Id), "engineer");
        RequireUniqueIds(jobs.Select(j => j.Id), "job");
        foreach (var e in engineers)
        {
            RequireTime(e.ShiftStart, e.Id);
            RequireTime(e.ReturnBy, e.Id);
            if (e.ShiftStart > e.ShiftEnd || e.ShiftEnd > e.ReturnBy)
            {
                throw new ArgumentException($"Engineer '{e.Id}': need shift start ≤ shift end ≤ return-by.", nameof(engineers));
            }

            if (e.Capacity < 0)
            {
                throw new ArgumentException($"Engineer '{e.Id}': capacity must not be negative.", nameof(engineers));
            }
        }

        foreach (var j in jobs)
        {
            RequireTime(j.WindowStart, j.Id);
            RequireTime(j.WindowEnd, j.Id);
            RequireTime(j.ServiceDuration, j.Id);
        }
    }

    private static void RequireUniqueIds(IEnumerable<string> ids, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id) || !seen.Add(id))
            {
                throw new ArgumentException($"Every {what} needs a unique, non-empty id ('{id}').");
            }
        }
    }

    private static void RequireTime(TimeSpan time, string id)
    {
        if (time < TimeSpan.Zero || time > Horizon)
        {
            throw new ArgumentException($"'{id}': times must lie between 0 and {Horizon.TotalHours} h after midnight.");
        }
    }
}
