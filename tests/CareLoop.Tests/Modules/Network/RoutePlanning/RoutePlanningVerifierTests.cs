using CareLoop.Modules.Network.Features.PlanRoutes;
using static CareLoop.Tests.Modules.Network.RoutePlanning.RoutePlanningScenarios;

namespace CareLoop.Tests.Modules.Network.RoutePlanning;

/// <summary>The verifier itself: a valid plan passes, and each kind of tampering is caught by name.</summary>
public sealed class RoutePlanningVerifierTests
{
    private static readonly DayRouteProblem Problem = new(
        [Engineer("e1", At(0, 0), capacity: 3, skills: ["water-purifier"]), Engineer("e2", At(4, 4))],
        [Job("a", At(1, 0), 9, 11, skill: "water-purifier"), Job("b", At(2, 0), 11, 13), Job("c", At(4, 3), 9, 11)]);

    private static readonly TravelMatrix Matrix = Travel.Measure(Problem.Points);

    private static readonly DayRoutePlan Valid = new GreedyRoutePlanner().Plan(Problem, Matrix);

    [Fact]
    public void A_valid_plan_has_no_violations()
    {
        Assert.Empty(RouteVerifier.Verify(Problem, Matrix, Valid));
        Assert.Equal(["a", "b"], Valid.Routes[0].Stops.Select(s => s.JobId));
        Assert.Equal(["c"], Valid.Routes[1].Stops.Select(s => s.JobId));
    }

    [Fact]
    public void Late_arrival_and_short_service_are_caught()
    {
        var late = Shift(Valid.Routes[0].Stops[1], TimeSpan.FromHours(3));
        var shortened = Valid.Routes[0].Stops[0] with { ServiceEnd = Valid.Routes[0].Stops[0].ServiceEnd - TimeSpan.FromMinutes(10) };

        Assert.Contains("outside_window", Codes(WithStops(0, shortened, late)));
        Assert.Contains("service_duration", Codes(WithStops(0, shortened, late)));
        Assert.Contains("arrival_inconsistent", Codes(WithStops(0, shortened, late)));
    }

    [Fact]
    public void Duplicates_omissions_and_unknown_jobs_are_caught()
    {
        var stops = Valid.Routes[0].Stops;
        var duplicated = Valid with { Unassigned = [new UnassignedJob("a", UnassignedReasons.NoCapacity), new UnassignedJob("zzz", UnassignedReasons.NoCapacity)] };
        var missing = Valid with { Routes = [Valid.Routes[0] with { Stops = [stops[0]] }, Valid.Routes[1]] };

        Assert.Contains("job_twice", Codes(duplicated));
        Assert.Contains("unknown_job", Codes(duplicated));
        Assert.Contains("job_missing", Codes(missing));
    }

    [Fact]
    public void Capacity_skills_and_engineers_are_checked()
    {
        var moved = Valid.Routes[0].Stops[0];
        var overloaded = Valid with { Routes = [Valid.Routes[0], Valid.Routes[1] with { Stops = [moved, .. Valid.Routes[1].Stops] }] };
        var tight = new DayRouteProblem([Problem.Engineers[0] with { Capacity = 1 }, Problem.Engineers[1]], Problem.Jobs);
        var stranger = Valid with { Routes = [.. Valid.Routes, Valid.Routes[1] with { EngineerId = "ghost" }] };

        Assert.Contains("missing_skill", Codes(overloaded));
        Assert.Contains("over_capacity", RouteVerifier.Verify(tight, Matrix, Valid).Select(v => v.Code));
        Assert.Contains("unknown_engineer", Codes(stranger));
    }

    [Fact]
    public void Early_departure_late_return_and_made_up_travel_are_caught()
    {
        var route = Valid.Routes[0];
        var early = route with { Departure = H(6) };
        var lateHome = new DayRouteProblem([Problem.Engineers[0] with { ReturnBy = route.ReturnAt - TimeSpan.FromMinutes(1), ShiftEnd = route.ReturnAt - TimeSpan.FromMinutes(1) }, Problem.Engineers[1]], Problem.Jobs);
        var shortcut = route with { ReturnLegMetres = route.ReturnLegMetres / 2 };

        Assert.Contains("departs_before_shift", Codes(Valid with { Routes = [early, Valid.Routes[1]] }));
        Assert.Contains("late_return", RouteVerifier.Verify(lateHome, Matrix, Valid).Select(v => v.Code));
        Assert.Contains("travel_inconsistent", Codes(Valid with { Routes = [shortcut, Valid.Routes[1]] }));
    }

    private static RouteStop Shift(RouteStop stop, TimeSpan by) =>
        stop with { Arrival = stop.Arrival + by, ServiceStart = stop.ServiceStart + by, ServiceEnd = stop.ServiceEnd + by };

    private static DayRoutePlan WithStops(int route, params RouteStop[] stops) =>
        Valid with { Routes = Valid.Routes.Select((r, i) => i == route ? r with { Stops = stops } : r).ToList() };

    private static IEnumerable<string> Codes(DayRoutePlan plan) => RouteVerifier.Verify(Problem, Matrix, plan).Select(v => v.Code);
}
