namespace CareLoop.Modules.Network.Features.PlanRoutes;

/// <summary>A way a plan breaks the problem's rules. <see cref="Code"/> is stable; <see cref="Detail"/> is for people.</summary>
public sealed record RouteViolation(string Code, string? EngineerId, string? JobId, string Detail);

/// <summary>
/// Checks a plan against its problem independently of any planner: every job routed at most once or listed as
/// unassigned, the right engineers (skill, pin), capacity, departure after shift start, arrival within the window
/// (waiting allowed), the full service, service ends by shift end, back by return-by, and every leg's distance and
/// time equal to the travel matrix. An empty list means the plan is valid.
/// </summary>
public static class RouteVerifier
{
    public static IReadOnlyList<RouteViolation> Verify(DayRouteProblem problem, TravelMatrix travel, DayRoutePlan plan)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(travel);
        ArgumentNullException.ThrowIfNull(plan);
        var violations = new List<RouteViolation>();
        var jobIndex = problem.Jobs.Select((j, i) => (j.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var engineerIndex = problem.Engineers.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var routedEngineers = new HashSet<string>(StringComparer.Ordinal);

        foreach (var route in plan.Routes)
        {
            if (!engineerIndex.TryGetValue(route.EngineerId, out var e))
            {
                violations.Add(new("unknown_engineer", route.EngineerId, null, "The route's engineer is not on shift."));
                continue;
            }

            if (!routedEngineers.Add(route.EngineerId))
            {
                violations.Add(new("engineer_routed_twice", route.EngineerId, null, "The engineer has more than one route."));
            }

            new RouteCheck(problem, travel, e, route, jobIndex, violations).Run();
            foreach (var stop in route.Stops)
            {
                seen[stop.JobId] = seen.GetValueOrDefault(stop.JobId) + 1;
            }
        }

        foreach (var job in plan.Unassigned)
        {
            seen[job.JobId] = seen.GetValueOrDefault(job.JobId) + 1;
        }

        foreach (var (id, count) in seen.Where(s => s.Value > 1))
        {
            violations.Add(new("job_twice", null, id, $"The job appears {count} times (routes and unassigned together)."));
        }

        foreach (var job in problem.Jobs.Where(j => !seen.ContainsKey(j.Id)))
        {
            violations.Add(new("job_missing", null, job.Id, "The job is neither routed nor listed as unassigned."));
        }

        foreach (var job in plan.Unassigned.Where(u => !jobIndex.ContainsKey(u.JobId)))
        {
            violations.Add(new("unknown_job", null, job.JobId, "An unassigned job that is not in the problem."));
        }

        return violations;
    }

    /// <summary>Walks one route leg by leg.</summary>
    private sealed class RouteCheck(
        DayRouteProblem problem, TravelMatrix travel, int engineer, EngineerRoute route, Dictionary<string, int> jobIndex, List<RouteViolation> violations)
    {
        private readonly RouteEngineer _engineer = problem.Engineers[engineer];

        public void Run()
        {
            if (route.Departure < _engineer.ShiftStart)
            {
                Add("departs_before_shift", null, $"Departs {route.Departure} before the shift starts at {_engineer.ShiftStart}.");
            }

            if (route.Stops.Count > _engineer.Capacity)
            {
                Add("over_capacity", null, $"{route.Stops.Count} jobs for a capacity of {_engineer.Capacity}.");
            }

            var at = route.Departure;
            var from = problem.StartPoint(engineer);
            foreach (var stop in route.Stops)
            {
                if (!jobIndex.TryGetValue(stop.JobId, out var j))
                {
                    Add("unknown_job", stop.JobId, "The stop's job is not in the problem.");
                    return;
                }

                at = Stop(stop, problem.Jobs[j], from, at);
                from = problem.JobPoint(j);
            }

            var home = problem.EndPoint(engineer);
            var legMetres = route.Stops.Count == 0 ? 0 : travel.Metres(from, home);
            var legSeconds = route.Stops.Count == 0 ? 0 : travel.Seconds(from, home);
            Leg(null, route.ReturnLegMetres, route.ReturnLegSeconds, legMetres, legSeconds);
            if (route.ReturnAt != at + TimeSpan.FromSeconds(legSeconds))
            {
                Add("return_time_inconsistent", null, $"Back at {route.ReturnAt}, but the last service and the drive give {at + TimeSpan.FromSeconds(legSeconds)}.");
            }

            if (route.ReturnAt > _engineer.ReturnBy)
            {
                Add("late_return", null, $"Back at {route.ReturnAt}, after {_engineer.ReturnBy}.");
            }
        }

        private TimeSpan Stop(RouteStop stop, RouteJob job, int from, TimeSpan leftAt)
        {
            var to = problem.JobPoint(jobIndex[stop.JobId]);
            Leg(stop.JobId, stop.LegMetres, stop.LegSeconds, travel.Metres(from, to), travel.Seconds(from, to));
            if (stop.Arrival != leftAt + TimeSpan.FromSeconds(travel.Seconds(from, to)))
            {
                Add("arrival_inconsistent", stop.JobId, $"Arrives {stop.Arrival}, but leaving at {leftAt} the drive gives {leftAt + TimeSpan.FromSeconds(travel.Seconds(from, to))}.");
            }

            if (job.PinnedEngineerId is { } pinned && pinned != _engineer.Id)
            {
                Add("wrong_engineer", stop.JobId, $"Pinned to {pinned}.");
            }

            if (!_engineer.Has(job.RequiredSkill))
            {
                Add("missing_skill", stop.JobId, $"Needs skill '{job.RequiredSkill}'.");
            }

            if (stop.Arrival > job.WindowEnd || stop.ServiceStart > job.WindowEnd || stop.ServiceStart < job.WindowStart)
            {
                Add("outside_window", stop.JobId, $"Arrives {stop.Arrival}, starts {stop.ServiceStart}; window {job.WindowStart}–{job.WindowEnd}.");
            }

            if (stop.ServiceStart < stop.Arrival)
            {
                Add("starts_before_arrival", stop.JobId, $"Starts {stop.ServiceStart} before arriving at {stop.Arrival}.");
            }

            if (stop.ServiceEnd - stop.ServiceStart != job.ServiceDuration)
            {
                Add("service_duration", stop.JobId, $"Service {stop.ServiceEnd - stop.ServiceStart}, the job needs {job.ServiceDuration}.");
            }

            if (stop.ServiceEnd > _engineer.ShiftEnd)
            {
                Add("after_shift", stop.JobId, $"Service ends {stop.ServiceEnd}, after the shift ends at {_engineer.ShiftEnd}.");
            }

            return stop.ServiceEnd;
        }

        private void Leg(string? jobId, int metres, int seconds, int expectedMetres, int expectedSeconds)
        {
            if (metres != expectedMetres || seconds != expectedSeconds)
            {
                Add("travel_inconsistent", jobId, $"Leg {metres} m / {seconds} s, the travel source says {expectedMetres} m / {expectedSeconds} s.");
            }
        }

        private void Add(string code, string? jobId, string detail) => violations.Add(new(code, _engineer.Id, jobId, detail));
    }
}
