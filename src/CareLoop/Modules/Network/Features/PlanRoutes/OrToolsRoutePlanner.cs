using System.Diagnostics;
using Google.OrTools.ConstraintSolver;
using Google.Protobuf.WellKnownTypes;

namespace CareLoop.Modules.Network.Features.PlanRoutes;

/// <summary>
/// Optimised day routes: Google OR-Tools' routing solver (see <see cref="DayRoutingModel"/>) from the greedy
/// routes and/or parallel cheapest insertion, improved by guided local search until the time budget is spent.
/// Jobs it leaves out get the same reasons as the greedy planner's.
/// </summary>
public sealed class OrToolsRoutePlanner(OrToolsRouteOptions? options = null) : IRoutePlanner
{
    /// <summary>Even when model building used up the budget, the search gets this long to find a first solution.</summary>
    private static readonly TimeSpan MinimumSearch = TimeSpan.FromMilliseconds(100);

    private readonly OrToolsRouteOptions _options = options ?? new OrToolsRouteOptions();

    public string Name => "or-tools";

    public DayRoutePlan Plan(DayRouteProblem problem, TravelMatrix travel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(travel);
        var elapsed = Stopwatch.StartNew(); // the budget covers the whole call, model building included
        NativeHeap.EnsureTuned();
        var eligibility = JobEligibility.Assess(problem, travel);
        var greedy = GreedyRoutePlanner.Assign(problem, travel, eligibility);
        if (Enumerable.Range(0, problem.Jobs.Count).All(j => eligibility.ReasonNobodyCan(j) is not null))
        {
            return ToPlan(problem, travel, eligibility, greedy.Routes); // nothing anybody could do: nothing to optimise
        }

        List<int>[]? best = null;
        if (_options.Initial is InitialRoutes.Greedy or InitialRoutes.Both)
        {
            var share = _options.Initial == InitialRoutes.Both ? 2 : 1;
            best = Better(problem, travel, best, Search(problem, travel, eligibility, greedy.Routes, () => Remaining(elapsed) / share, cancellationToken));
        }

        if (_options.Initial is InitialRoutes.CheapestInsertion or InitialRoutes.Both)
        {
            best = Better(problem, travel, best, Search(problem, travel, eligibility, null, () => Remaining(elapsed), cancellationToken));
        }

        return ToPlan(problem, travel, eligibility, best ?? greedy.Routes);
    }

    private TimeSpan Remaining(Stopwatch elapsed)
    {
        var remaining = _options.TimeLimit - elapsed.Elapsed;
        return remaining > MinimumSearch ? remaining : MinimumSearch;
    }

    /// <param name="budget">Asked once the model is built and closed, so building counts against the budget.</param>
    private List<int>[]? Search(
        DayRouteProblem problem, TravelMatrix travel, JobEligibility eligibility, List<int>[]? initial, Func<TimeSpan> budget, CancellationToken cancellationToken)
    {
        using var routing = DayRoutingModel.Build(problem, travel, eligibility);
        var model = routing.Model;
        var parameters = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        parameters.FirstSolutionStrategy = FirstSolutionStrategy.Types.Value.ParallelCheapestInsertion;
        parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
        parameters.TimeLimit = Duration.FromTimeSpan(_options.TimeLimit); // narrowed to what is left once the model is closed
        if (_options.SolutionLimit is { } limit)
        {
            parameters.SolutionLimit = limit;
        }

        if (_options.Neighbours is { } neighbours && problem.Jobs.Count > 0)
        {
            parameters.LsOperatorNeighborsRatio = Math.Min(1.0, neighbours / (double)problem.Jobs.Count);
            parameters.LsOperatorMinNeighbors = neighbours;
        }

        if (_options.GuidedLocalSearchLambda is { } lambda)
        {
            parameters.GuidedLocalSearchLambdaCoefficient = lambda;
        }

        parameters = SearchParameterOverrides.Apply(parameters, _options.SearchParameterOverrides);
        VoidToVoid stopWhenCancelled = () =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                model.solver().FinishCurrentSearch();
            }
        };
        model.AddAtSolutionCallback(stopWhenCancelled);

        model.CloseModelWithParameters(parameters);
        var start = initial is null ? null : model.ReadAssignmentFromRoutes(routing.Indices(initial), true);
        parameters.TimeLimit = Duration.FromTimeSpan(budget());
        var solution = initial is null ? model.SolveWithParameters(parameters)
            : start is null ? null : model.SolveFromAssignmentWithParameters(start, parameters);

        GC.KeepAlive(stopWhenCancelled);
        return solution is null ? null : Routes(routing, solution, problem.Engineers.Count);
    }

    private static List<int>[] Routes(DayRoutingModel routing, Assignment solution, int engineers)
    {
        var routes = new List<int>[engineers];
        for (var e = 0; e < engineers; e++)
        {
            routes[e] = [];
            for (var index = solution.Value(routing.Model.NextVar(routing.Model.Start(e))); !routing.Model.IsEnd(index);
                 index = solution.Value(routing.Model.NextVar(index)))
            {
                routes[e].Add(routing.JobAt(index));
            }
        }

        return routes;
    }

    private static List<int>[]? Better(DayRouteProblem problem, TravelMatrix travel, List<int>[]? a, List<int>[]? b)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        (int Served, long Metres) Score(List<int>[] routes) =>
            (routes.Sum(r => r.Count), routes.Select((r, e) => RouteScheduler.Build(problem, travel, e, r).TravelMetres).Sum());
        var (sa, sb) = (Score(a), Score(b));
        return sb.Served > sa.Served || (sb.Served == sa.Served && sb.Metres < sa.Metres) ? b : a;
    }

    private DayRoutePlan ToPlan(DayRouteProblem problem, TravelMatrix travel, JobEligibility eligibility, List<int>[] routes)
    {
        var routed = routes.SelectMany(r => r).ToHashSet();
        var unassigned = Enumerable.Range(0, problem.Jobs.Count)
            .Where(j => !routed.Contains(j))
            .Select(j => new UnassignedJob(problem.Jobs[j].Id, eligibility.ReasonNobodyCan(j) ?? UnassignedReasons.NoCapacity))
            .ToList();
        return new DayRoutePlan(Name, routes.Select((r, e) => RouteScheduler.Build(problem, travel, e, r)).ToList(), unassigned);
    }
}
