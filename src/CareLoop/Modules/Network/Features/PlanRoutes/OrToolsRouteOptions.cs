namespace CareLoop.Modules.Network.Features.PlanRoutes;

/// <summary>Where the optimiser's search starts.</summary>
public enum InitialRoutes
{
    /// <summary>OR-Tools' PARALLEL_CHEAPEST_INSERTION.</summary>
    CheapestInsertion,

    /// <summary>The <see cref="GreedyRoutePlanner"/>'s routes, so the result is never worse than greedy.</summary>
    Greedy,

    /// <summary>Both, each with half the time budget; the better plan wins.</summary>
    Both,
}

/// <summary>Knobs of <see cref="OrToolsRoutePlanner"/>. Defaults are what the benchmark in docs/benchmarks.md measured.</summary>
public sealed record OrToolsRouteOptions
{
    /// <summary>Wall-clock budget of the whole search (guided local search runs until it is spent).</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    public InitialRoutes Initial { get; init; } = InitialRoutes.Greedy;

    /// <summary>
    /// Stop after this many improving solutions instead of (or before) the time limit. The search is deterministic
    /// for a given problem and limit, so tests and reproducible runs set it; a time limit depends on the machine.
    /// </summary>
    public long? SolutionLimit { get; init; }

    /// <summary>
    /// Local search operators only move a job next to its nearest this-many jobs (OR-Tools'
    /// <c>ls_operator_neighbors_ratio</c> as a count), so each step is cheaper and a budget buys more of them.
    /// Null: every job is a neighbour (OR-Tools' default).
    /// </summary>
    public int? Neighbours { get; init; }

    /// <summary>Guided local search's penalty weight (OR-Tools' default 0.1).</summary>
    public double? GuidedLocalSearchLambda { get; init; }

    /// <summary>
    /// Expert escape hatch: a JSON object of OR-Tools <c>RoutingSearchParameters</c> fields (protobuf JSON names, e.g.
    /// <c>{"localSearchOperators":{"useCross":"BOOL_FALSE"}}</c>) applied last, over everything above.
    /// </summary>
    public string? SearchParameterOverrides { get; init; }
}
