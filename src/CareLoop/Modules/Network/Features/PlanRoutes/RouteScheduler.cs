namespace CareLoop.Modules.Network.Features.PlanRoutes;

/// <summary>
/// Turns an engineer's ordered jobs into times: every service as early as its window and the drive allow, and
/// the departure as late as keeps the first arrival (so nobody waits on a doorstep at 08:00 for a 10:00 window).
/// Feasibility is the planner's business; the verifier checks the result.
/// </summary>
internal static class RouteScheduler
{
    public static EngineerRoute Build(DayRouteProblem problem, TravelMatrix travel, int engineer, IReadOnlyList<int> jobs)
    {
        var e = problem.Engineers[engineer];
        var shiftStart = DaySeconds.Of(e.ShiftStart);
        if (jobs.Count == 0)
        {
            return new EngineerRoute(e.Id, e.ShiftStart, [], e.ShiftStart, 0, 0);
        }

        var firstPoint = problem.JobPoint(jobs[0]);
        var firstLeg = travel.Seconds(problem.StartPoint(engineer), firstPoint);
        var firstStart = Math.Max(shiftStart + firstLeg, DaySeconds.Of(problem.Jobs[jobs[0]].WindowStart));
        var departure = firstStart - firstLeg;

        var stops = new List<RouteStop>(jobs.Count);
        var at = departure;
        var from = problem.StartPoint(engineer);
        foreach (var j in jobs)
        {
            var job = problem.Jobs[j];
            var to = problem.JobPoint(j);
            var legSeconds = travel.Seconds(from, to);
            var arrival = at + legSeconds;
            var start = Math.Max(arrival, DaySeconds.Of(job.WindowStart));
            var end = start + DaySeconds.Of(job.ServiceDuration);
            stops.Add(new RouteStop(job.Id, DaySeconds.At(arrival), DaySeconds.At(start), DaySeconds.At(end), travel.Metres(from, to), legSeconds));
            at = end;
            from = to;
        }

        var home = problem.EndPoint(engineer);
        var returnSeconds = travel.Seconds(from, home);
        return new EngineerRoute(e.Id, DaySeconds.At(departure), stops, DaySeconds.At(at + returnSeconds), travel.Metres(from, home), returnSeconds);
    }
}
