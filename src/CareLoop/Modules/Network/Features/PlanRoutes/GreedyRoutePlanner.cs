namespace CareLoop.Modules.Network.Features.PlanRoutes;

/// <summary>
/// The baseline dispatchers do by hand: take jobs in window order and give each to the nearest engineer (from
/// where they are now) who can still reach it within its window, finish it within the shift and get back in time.
/// </summary>
public sealed class GreedyRoutePlanner : IRoutePlanner
{
    public string Name => "greedy";

    public DayRoutePlan Plan(DayRouteProblem problem, TravelMatrix travel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(travel);
        var (routes, unassigned) = Assign(problem, travel, JobEligibility.Assess(problem, travel));
        return new DayRoutePlan(Name, routes.Select((r, e) => RouteScheduler.Build(problem, travel, e, r)).ToList(), unassigned);
    }

    /// <summary>The greedy assignment as job indices per engineer; also the optimiser's first solution.</summary>
    internal static (List<int>[] Routes, List<UnassignedJob> Unassigned) Assign(
        DayRouteProblem problem, TravelMatrix travel, JobEligibility eligibility)
    {
        var state = problem.Engineers.Select((e, i) => new Position(problem.StartPoint(i), DaySeconds.Of(e.ShiftStart))).ToArray();
        var routes = problem.Engineers.Select(_ => new List<int>()).ToArray();
        var unassigned = new List<UnassignedJob>();
        foreach (var j in InWindowOrder(problem))
        {
            if (eligibility.ReasonNobodyCan(j) is { } reason)
            {
                unassigned.Add(new UnassignedJob(problem.Jobs[j].Id, reason));
                continue;
            }

            if (Nearest(problem, travel, eligibility.EngineersFor(j), j, state, routes) is not { } chosen)
            {
                unassigned.Add(new UnassignedJob(problem.Jobs[j].Id, UnassignedReasons.NoCapacity));
                continue;
            }

            routes[chosen.Engineer].Add(j);
            state[chosen.Engineer] = new Position(problem.JobPoint(j), chosen.ServiceEnd);
        }

        return (routes, unassigned);
    }

    private static IEnumerable<int> InWindowOrder(DayRouteProblem problem) =>
        Enumerable.Range(0, problem.Jobs.Count)
            .OrderBy(j => problem.Jobs[j].WindowStart)
            .ThenBy(j => problem.Jobs[j].WindowEnd)
            .ThenBy(j => j);

    private static Choice? Nearest(
        DayRouteProblem problem, TravelMatrix travel, IReadOnlyList<int> candidates, int j, Position[] state, List<int>[] routes)
    {
        var job = problem.Jobs[j];
        var point = problem.JobPoint(j);
        int windowStart = DaySeconds.Of(job.WindowStart), windowEnd = DaySeconds.Of(job.WindowEnd), service = DaySeconds.Of(job.ServiceDuration);
        Choice? best = null;
        foreach (var e in candidates)
        {
            var engineer = problem.Engineers[e];
            if (routes[e].Count >= engineer.Capacity)
            {
                continue;
            }

            var arrival = state[e].FreeAt + travel.Seconds(state[e].Point, point);
            var end = Math.Max(arrival, windowStart) + service;
            if (arrival > windowEnd || end > DaySeconds.Of(engineer.ShiftEnd) ||
                end + travel.Seconds(point, problem.EndPoint(e)) > DaySeconds.Of(engineer.ReturnBy))
            {
                continue;
            }

            var metres = travel.Metres(state[e].Point, point);
            if (best is not { } b || metres < b.Metres || (metres == b.Metres && arrival < b.Arrival))
            {
                best = new Choice(e, metres, arrival, end);
            }
        }

        return best;
    }

    private readonly record struct Position(int Point, int FreeAt);

    private readonly record struct Choice(int Engineer, int Metres, int Arrival, int ServiceEnd);
}
