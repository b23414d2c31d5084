namespace CareLoop.Modules.Network.Features.PlanRoutes;

/// <summary>
/// Which engineers could do each job if it were their only job of the day, and, for jobs nobody could, why.
/// Both planners route a job only to these engineers; with travel times that obey the triangle inequality a
/// job no engineer can do alone fits no route at all, so the reason holds for any plan.
/// </summary>
internal sealed class JobEligibility
{
    private enum Stage
    {
        WrongEngineer,
        OutsideShift,
        Unreachable,
        NoCapacity,
        Feasible,
    }

    private readonly List<int>[] _engineers;
    private readonly string?[] _reasons;

    private JobEligibility(List<int>[] engineers, string?[] reasons)
    {
        _engineers = engineers;
        _reasons = reasons;
    }

    public static JobEligibility Assess(DayRouteProblem problem, TravelMatrix travel)
    {
        var jobs = problem.Jobs.Count;
        var engineers = new List<int>[jobs];
        var reasons = new string?[jobs];
        for (var j = 0; j < jobs; j++)
        {
            engineers[j] = [];
            var best = Stage.WrongEngineer;
            for (var e = 0; e < problem.Engineers.Count; e++)
            {
                var stage = Assess(problem, travel, j, e);
                best = stage > best ? stage : best;
                if (stage == Stage.Feasible)
                {
                    engineers[j].Add(e);
                }
            }

            reasons[j] = Reason(problem, problem.Jobs[j], best);
        }

        return new JobEligibility(engineers, reasons);
    }

    /// <summary>Engineers who could do the job alone, in problem order.</summary>
    public IReadOnlyList<int> EngineersFor(int job) => _engineers[job];

    /// <summary>Why nobody can do the job, or null when somebody could do it alone.</summary>
    public string? ReasonNobodyCan(int job) => _reasons[job];

    private static Stage Assess(DayRouteProblem problem, TravelMatrix travel, int j, int e)
    {
        var job = problem.Jobs[j];
        var engineer = problem.Engineers[e];
        if ((job.PinnedEngineerId is { } pinned && pinned != engineer.Id) || !engineer.Has(job.RequiredSkill))
        {
            return Stage.WrongEngineer;
        }

        int windowStart = DaySeconds.Of(job.WindowStart), windowEnd = DaySeconds.Of(job.WindowEnd);
        int service = DaySeconds.Of(job.ServiceDuration), shiftStart = DaySeconds.Of(engineer.ShiftStart);
        int shiftEnd = DaySeconds.Of(engineer.ShiftEnd), returnBy = DaySeconds.Of(engineer.ReturnBy);
        var earliest = Math.Max(windowStart, shiftStart);
        if (earliest > windowEnd || earliest + service > shiftEnd)
        {
            return Stage.OutsideShift;
        }

        var start = Math.Max(windowStart, shiftStart + travel.Seconds(problem.StartPoint(e), problem.JobPoint(j)));
        var back = start + service + travel.Seconds(problem.JobPoint(j), problem.EndPoint(e));
        if (start > windowEnd || start + service > shiftEnd || back > returnBy)
        {
            return Stage.Unreachable;
        }

        return engineer.Capacity > 0 ? Stage.Feasible : Stage.NoCapacity;
    }

    private static string? Reason(DayRouteProblem problem, RouteJob job, Stage best)
    {
        if (job.WindowEnd < job.WindowStart)
        {
            return UnassignedReasons.WindowUnreachable;
        }

        return best switch
        {
            Stage.Feasible => null,
            Stage.NoCapacity => UnassignedReasons.NoCapacity,
            Stage.Unreachable => UnassignedReasons.WindowUnreachable,
            Stage.OutsideShift => UnassignedReasons.OutsideShift,
            _ when problem.Engineers.Count == 0 => UnassignedReasons.NoEngineer,
            _ when job.PinnedEngineerId is not null => UnassignedReasons.PinnedEngineerAbsent,
            _ => UnassignedReasons.NoSkilledEngineer,
        };
    }
}

/// <summary>The engine works in whole seconds after the day's midnight.</summary>
internal static class DaySeconds
{
    public static int Of(TimeSpan time) => checked((int)(time.Ticks / TimeSpan.TicksPerSecond));

    public static TimeSpan At(long seconds) => TimeSpan.FromSeconds(seconds);
}
