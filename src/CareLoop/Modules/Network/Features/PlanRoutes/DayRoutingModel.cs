using Google.OrTools.ConstraintSolver;

namespace CareLoop.Modules.Network.Features.PlanRoutes;

/// <summary>
/// The day as an OR-Tools vehicle routing problem with time windows, in seconds and metres.
/// Nodes: each engineer's start, each engineer's end, then every job somebody could do alone.
/// <list type="bullet">
/// <item>"time" dimension: transit = service at the origin + drive; a job's cumul (service start) ranges over its
/// window, slack is waiting; a start's cumul over [shift start, return-by], an end's over [shift start, return-by].
/// The drive into an engineer's end is at least return-by − shift end, so the last service ends by shift end.</item>
/// <item>"jobs" dimension: one per job, capped by each engineer's capacity.</item>
/// <item>Arc cost: metres driven. Each job is a disjunction whose penalty exceeds any insertion's detour, so the search serves
/// as many jobs as it can first and only then shortens the drive.</item>
/// <item>Skills, pins and reachability: a job's vehicle variable allows only the engineers who could do it alone.</item>
/// </list>
/// </summary>
internal sealed class DayRoutingModel : IDisposable
{
    private readonly int _engineers;
    private readonly int[] _jobOfNode;

    private DayRoutingModel(RoutingIndexManager manager, RoutingModel model, int engineers, int[] jobOfNode)
    {
        Manager = manager;
        Model = model;
        _engineers = engineers;
        _jobOfNode = jobOfNode;
    }

    public RoutingIndexManager Manager { get; }

    public RoutingModel Model { get; }

    public static DayRoutingModel Build(DayRouteProblem problem, TravelMatrix travel, JobEligibility eligibility)
    {
        var engineers = problem.Engineers.Count;
        var candidates = Enumerable.Range(0, problem.Jobs.Count).Where(j => eligibility.ReasonNobodyCan(j) is null).ToArray();
        var nodes = (2 * engineers) + candidates.Length;
        var points = Enumerable.Range(0, 2 * engineers).Concat(candidates.Select(problem.JobPoint)).ToArray();
        var jobOfNode = Enumerable.Repeat(-1, 2 * engineers).Concat(candidates).ToArray();

        var manager = new RoutingIndexManager(nodes, engineers,
            Enumerable.Range(0, engineers).ToArray(), Enumerable.Range(engineers, engineers).ToArray());
        var model = new RoutingModel(manager, ModelParameters());
        var built = new DayRoutingModel(manager, model, engineers, jobOfNode);

        var (seconds, metres) = built.Matrices(problem, travel, points);
        model.SetArcCostEvaluatorOfAllVehicles(model.RegisterTransitMatrix(metres));
        built.AddTime(problem, seconds);
        built.AddCapacity(problem);
        built.AddJobs(problem, travel, eligibility);
        return built;
    }

    /// <summary>
    /// OR-Tools' routing compresses the solver's trail with zlib by default, to save memory on huge models. A day's
    /// model is small; without compression the benchmark's search reached the same 300 solutions in 4.2 instead of
    /// 6.2 CPU-seconds (docs/benchmarks.md).
    /// </summary>
    private static RoutingModelParameters ModelParameters()
    {
        var parameters = operations_research_constraint_solver.DefaultRoutingModelParameters();
        parameters.SolverParameters.CompressTrail = ConstraintSolverParameters.Types.TrailCompression.NoCompression;
        parameters.SolverParameters.CheckSolutionPeriod = 100; // the routing filters already check every move; CP re-checks every 100th
        return parameters;
    }

    /// <summary>The job index at a routing index, or -1 for a start or end.</summary>
    public int JobAt(long index) => _jobOfNode[Manager.IndexToNode(index)];

    /// <summary>Routing indices of the given per-engineer job routes (for an initial assignment).</summary>
    public long[][] Indices(IReadOnlyList<List<int>> routes)
    {
        var nodeOfJob = new Dictionary<int, int>();
        for (var node = 2 * _engineers; node < _jobOfNode.Length; node++)
        {
            nodeOfJob[_jobOfNode[node]] = node;
        }

        return routes.Select(r => r.Select(j => Manager.NodeToIndex(nodeOfJob[j])).ToArray()).ToArray();
    }

    public void Dispose()
    {
        Model.Dispose();
        Manager.Dispose();
    }

    private (long[][] Seconds, long[][] Metres) Matrices(DayRouteProblem problem, TravelMatrix travel, int[] points)
    {
        var n = points.Length;
        var seconds = new long[n][];
        var metres = new long[n][];
        for (var a = 0; a < n; a++)
        {
            seconds[a] = new long[n];
            metres[a] = new long[n];
            var service = _jobOfNode[a] >= 0 ? DaySeconds.Of(problem.Jobs[_jobOfNode[a]].ServiceDuration) : 0;
            for (var b = 0; b < n; b++)
            {
                if (a < _engineers && b == a + _engineers)
                {
                    continue; // an unused engineer stays at home: no drive, no time
                }

                long drive = travel.Seconds(points[a], points[b]);
                if (_jobOfNode[a] >= 0 && b >= _engineers && b < 2 * _engineers)
                {
                    var e = problem.Engineers[b - _engineers];
                    drive = Math.Max(drive, DaySeconds.Of(e.ReturnBy) - DaySeconds.Of(e.ShiftEnd));
                }

                seconds[a][b] = service + drive;
                metres[a][b] = travel.Metres(points[a], points[b]);
            }
        }

        return (seconds, metres);
    }

    private void AddTime(DayRouteProblem problem, long[][] seconds)
    {
        long horizon = DaySeconds.Of(ProblemRules.Horizon);
        Model.AddDimension(Model.RegisterTransitMatrix(seconds), horizon, horizon, false, "time");
        var time = Model.GetMutableDimension("time");
        for (var e = 0; e < _engineers; e++)
        {
            var engineer = problem.Engineers[e];
            time.CumulVar(Model.Start(e)).SetRange(DaySeconds.Of(engineer.ShiftStart), DaySeconds.Of(engineer.ReturnBy));
            time.CumulVar(Model.End(e)).SetRange(DaySeconds.Of(engineer.ShiftStart), DaySeconds.Of(engineer.ReturnBy));
        }

        for (var node = 2 * _engineers; node < _jobOfNode.Length; node++)
        {
            var job = problem.Jobs[_jobOfNode[node]];
            time.CumulVar(Manager.NodeToIndex(node)).SetRange(DaySeconds.Of(job.WindowStart), DaySeconds.Of(job.WindowEnd));
        }
    }

    private void AddCapacity(DayRouteProblem problem)
    {
        var demand = _jobOfNode.Select(j => j >= 0 ? 1L : 0L).ToArray();
        var capacities = problem.Engineers.Select(e => (long)e.Capacity).ToArray();
        Model.AddDimensionWithVehicleCapacity(Model.RegisterUnaryTransitVector(demand), 0, capacities, true, "jobs");
    }

    private void AddJobs(DayRouteProblem problem, TravelMatrix travel, JobEligibility eligibility)
    {
        var longest = 0L;
        for (var a = 0; a < travel.Count; a++)
        {
            for (var b = 0; b < travel.Count; b++)
            {
                longest = Math.Max(longest, travel.Metres(a, b));
            }
        }

        var penalty = (2 * longest) + 1; // more than any single detour: serving one more job beats a shorter drive
        for (var node = 2 * _engineers; node < _jobOfNode.Length; node++)
        {
            var index = Manager.NodeToIndex(node);
            Model.AddDisjunction([index], penalty);
            var allowed = eligibility.EngineersFor(_jobOfNode[node]);
            if (allowed.Count < problem.Engineers.Count)
            {
                Model.VehicleVar(index).SetValues([-1, .. allowed.Select(e => (long)e)]);
            }
        }
    }
}
