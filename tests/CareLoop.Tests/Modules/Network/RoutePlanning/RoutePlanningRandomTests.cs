using CareLoop.Modules.Network.Features.PlanRoutes;
using static CareLoop.Tests.Modules.Network.RoutePlanning.RoutePlanningScenarios;

namespace CareLoop.Tests.Modules.Network.RoutePlanning;

/// <summary>Seeded random days: every plan is valid, and the optimiser never does worse than its greedy start.</summary>
public sealed class RoutePlanningRandomTests
{
    public static TheoryData<int> Seeds => new(1, 2, 3, 4, 5, 6);

    [Theory, MemberData(nameof(Seeds))]
    public void Random_days_give_valid_plans_and_the_optimiser_beats_or_equals_greedy(int seed)
    {
        var problem = Random(seed, engineers: 6, jobs: 45);

        var (greedy, _) = PlanVerified("greedy", problem);
        var (optimised, _) = PlanVerified("or-tools", problem);

        Assert.True(optimised.AssignedCount >= greedy.AssignedCount, $"served {optimised.AssignedCount} < greedy {greedy.AssignedCount}");
        if (optimised.AssignedCount == greedy.AssignedCount)
        {
            Assert.True(optimised.TotalTravelMetres <= greedy.TotalTravelMetres, $"{optimised.TotalTravelKm} km > greedy {greedy.TotalTravelKm} km");
        }

        // Jobs nobody could do alone get the same reason from both planners.
        var fixedReasons = greedy.Unassigned.Where(u => u.Reason != UnassignedReasons.NoCapacity).ToHashSet();
        Assert.Superset(fixedReasons, optimised.Unassigned.ToHashSet());
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"seed {seed}: greedy {greedy.AssignedCount} jobs {greedy.TotalTravelKm:F1} km, or-tools {optimised.AssignedCount} jobs {optimised.TotalTravelKm:F1} km; " +
            string.Join(", ", optimised.Unassigned.GroupBy(u => u.Reason).Select(g => $"{g.Key} {g.Count()}")));
    }

    [Theory]
    [InlineData(InitialRoutes.CheapestInsertion)]
    [InlineData(InitialRoutes.Both)]
    public void Every_initial_solution_gives_a_valid_plan(InitialRoutes initial)
    {
        var problem = Random(7, engineers: 5, jobs: 40);
        var travel = Travel.Measure(problem.Points);
        var planner = new OrToolsRoutePlanner(new OrToolsRouteOptions { TimeLimit = TimeSpan.FromSeconds(2), SolutionLimit = 200, Initial = initial });

        var plan = planner.Plan(problem, travel, TestContext.Current.CancellationToken);

        Assert.Empty(RouteVerifier.Verify(problem, travel, plan));
        Assert.True(plan.AssignedCount > 0);
    }

    [Fact]
    public async Task Planning_through_the_travel_source_measures_the_problem_points()
    {
        var problem = Random(8, engineers: 3, jobs: 12);

        var plan = await new GreedyRoutePlanner().PlanAsync(problem, Travel, TestContext.Current.CancellationToken);

        Assert.Empty(RouteVerifier.Verify(problem, Travel.Measure(problem.Points), plan));
    }
}
