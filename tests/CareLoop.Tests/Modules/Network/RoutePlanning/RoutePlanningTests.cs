using CareLoop.Modules.Network.Features.PlanRoutes;
using static CareLoop.Tests.Modules.Network.RoutePlanning.RoutePlanningScenarios;

namespace CareLoop.Tests.Modules.Network.RoutePlanning;

/// <summary>Both planners on the edge cases; every plan is checked by <see cref="RouteVerifier"/>.</summary>
public sealed class RoutePlanningTests
{
    public static TheoryData<string> Planners => new("greedy", "or-tools");

    [Theory, MemberData(nameof(Planners))]
    public void Jobs_are_visited_in_window_order_with_times_the_travel_source_gives(string planner)
    {
        var problem = new DayRouteProblem(
            [Engineer("e1", At(0, 0))],
            [Job("late", At(5, 0), 14, 16), Job("early", At(3, 0), 9, 11, minutes: 60)]);

        var (plan, travel) = PlanVerified(planner, problem);

        var route = plan.Routes.Single();
        Assert.Equal(["early", "late"], route.Stops.Select(s => s.JobId));
        Assert.Empty(plan.Unassigned);
        Assert.Equal(H(9), route.Stops[0].Arrival); // leaves home just in time for the window
        Assert.Equal(route.Departure + TimeSpan.FromSeconds(travel.Seconds(problem.StartPoint(0), problem.JobPoint(1))), route.Stops[0].Arrival);
        Assert.Equal(H(10), route.Stops[0].ServiceEnd);
        Assert.Equal(H(14), route.Stops[1].ServiceStart); // waits for the window
        Assert.True(route.Stops[1].Waiting > TimeSpan.Zero);
        Assert.Equal(route.Stops[1].ServiceEnd + TimeSpan.FromSeconds(route.ReturnLegSeconds), route.ReturnAt);
        Assert.InRange(route.TravelKm, 2 * 5 * 1.3 * 0.99, 2 * 5 * 1.3 * 1.01);
    }

    [Theory, MemberData(nameof(Planners))]
    public void Impossible_windows_are_reported_as_unreachable(string planner)
    {
        var problem = new DayRouteProblem(
            [Engineer("e1", At(0, 0))],
            [Job("backwards", At(1, 0), 11, 10), Job("too-far-too-soon", At(9, 9), 8, 8.1), Job("fine", At(1, 1), 10, 12)]);

        var (plan, _) = PlanVerified(planner, problem);

        Assert.Equal(UnassignedReasons.WindowUnreachable, ReasonOf(plan, "backwards"));
        Assert.Equal(UnassignedReasons.WindowUnreachable, ReasonOf(plan, "too-far-too-soon"));
        Assert.Equal("e1", EngineerOf(plan, "fine"));
    }

    [Theory, MemberData(nameof(Planners))]
    public void More_jobs_than_capacity_leaves_the_rest_for_lack_of_capacity(string planner)
    {
        var problem = new DayRouteProblem(
            [Engineer("e1", At(0, 0), capacity: 2), Engineer("idle", At(1, 0), capacity: 0)],
            Enumerable.Range(1, 5).Select(i => Job($"j{i}", At(i, 0), 8 + (2 * (i - 1)), 10 + (2 * (i - 1)))).ToList());

        var (plan, _) = PlanVerified(planner, problem);

        Assert.Equal(2, plan.Routes[0].Stops.Count);
        Assert.Empty(plan.Routes[1].Stops);
        Assert.Equal(3, plan.Unassigned.Count);
        Assert.All(plan.Unassigned, u => Assert.Equal(UnassignedReasons.NoCapacity, u.Reason));
    }

    [Theory, MemberData(nameof(Planners))]
    public void Skilled_and_pinned_jobs_go_only_to_their_engineers(string planner)
    {
        var problem = new DayRouteProblem(
            [Engineer("near", At(0, 0), skills: ["floor-washer"]), Engineer("far", At(8, 8), skills: ["Water-Purifier"])],
            [
                Job("purifier", At(0.5, 0), 9, 11, skill: "water-purifier"),
                Job("washer", At(8, 7.5), 9, 11, skill: "floor-washer"),
                Job("pinned", At(0, 0.5), 12, 14, pinnedTo: "far"),
                Job("boiler", At(1, 1), 9, 11, skill: "boiler"),
                Job("pinned-away", At(1, 1), 9, 11, pinnedTo: "on-leave"),
            ]);

        var (plan, _) = PlanVerified(planner, problem);

        Assert.Equal("far", EngineerOf(plan, "purifier"));
        Assert.Equal("near", EngineerOf(plan, "washer"));
        Assert.Equal("far", EngineerOf(plan, "pinned"));
        Assert.Equal(UnassignedReasons.NoSkilledEngineer, ReasonOf(plan, "boiler"));
        Assert.Equal(UnassignedReasons.PinnedEngineerAbsent, ReasonOf(plan, "pinned-away"));
    }

    [Theory, MemberData(nameof(Planners))]
    public void Without_engineers_every_job_is_unassigned(string planner)
    {
        var problem = new DayRouteProblem([], [Job("j1", At(0, 0), 9, 11), Job("j2", At(1, 0), 9, 11, skill: "x")]);

        var (plan, _) = PlanVerified(planner, problem);

        Assert.Empty(plan.Routes);
        Assert.All(plan.Unassigned, u => Assert.Equal(UnassignedReasons.NoEngineer, u.Reason));
        Assert.Equal(2, plan.Unassigned.Count);
    }

    [Theory, MemberData(nameof(Planners))]
    public void Without_jobs_every_engineer_stays_home(string planner)
    {
        var problem = new DayRouteProblem([Engineer("e1", At(0, 0)), Engineer("e2", At(3, 3))], []);

        var (plan, _) = PlanVerified(planner, problem);

        Assert.All(plan.Routes, r => Assert.Empty(r.Stops));
        Assert.All(plan.Routes, r => Assert.Equal(r.Departure, r.ReturnAt));
        Assert.Equal(0, plan.TotalTravelMetres);
        Assert.Empty(plan.Unassigned);
    }

    [Theory, MemberData(nameof(Planners))]
    public void An_engineer_whose_shift_ends_before_every_window_gets_nothing(string planner)
    {
        var early = Engineer("early", At(0, 0), shiftStart: 5, shiftEnd: 7.5, returnBy: 8);
        var jobs = new[] { Job("j1", At(0.5, 0), 8, 10), Job("j2", At(0, 0.5), 9, 11) };

        var (alone, _) = PlanVerified(planner, new DayRouteProblem([early], jobs));
        var (withColleague, _) = PlanVerified(planner, new DayRouteProblem([early, Engineer("day", At(5, 5))], jobs));

        Assert.All(alone.Unassigned, u => Assert.Equal(UnassignedReasons.OutsideShift, u.Reason));
        Assert.Equal(2, alone.Unassigned.Count);
        Assert.Empty(withColleague.Routes[0].Stops);
        Assert.Equal(2, withColleague.Routes[1].Stops.Count);
    }

    [Theory, MemberData(nameof(Planners))]
    public void Service_ends_by_shift_end_and_the_engineer_is_home_by_return_time(string planner)
    {
        // Shift ends 17:00, home by 18:00: a 16:30–17:30 window with 45 minutes of service cannot be done.
        var problem = new DayRouteProblem(
            [Engineer("e1", At(0, 0), shiftEnd: 17, returnBy: 18) with { End = At(2, 0) }],
            [Job("last", At(1, 0), 16.5, 17.5), Job("ok", At(1, 0), 15, 16)]);

        var (plan, _) = PlanVerified(planner, problem);

        Assert.Equal(UnassignedReasons.OutsideShift, ReasonOf(plan, "last"));
        Assert.Equal("e1", EngineerOf(plan, "ok"));
    }

    [Fact]
    public void Invalid_input_throws()
    {
        Assert.Throws<ArgumentException>(() => new DayRouteProblem([Engineer("e", At(0, 0)), Engineer("e", At(0, 0))], []));
        Assert.Throws<ArgumentException>(() => new DayRouteProblem([Engineer("e", At(0, 0), shiftStart: 10, shiftEnd: 9)], []));
        Assert.Throws<ArgumentException>(() => new DayRouteProblem([Engineer("e", At(0, 0), capacity: -1)], []));
        Assert.Throws<ArgumentException>(() => new DayRouteProblem([], [Job("j", At(0, 0), 9, 10, minutes: -5)]));
    }
}
