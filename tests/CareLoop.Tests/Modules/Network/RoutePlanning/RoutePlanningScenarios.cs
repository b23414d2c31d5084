using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.Network.Features.PlanRoutes;

namespace CareLoop.Tests.Modules.Network.RoutePlanning;

/// <summary>Small hand-made and seeded random days for the planner tests, on a 20 km city around Suzhou.</summary>
internal static class RoutePlanningScenarios
{
    private const double KmPerDegree = 111.195;
    private static readonly GeoPoint Centre = new(31.30, 120.62);

    public static readonly StraightLineTravelTimes Travel = new(speedKmPerHour: 30, roadFactor: 1.3);

    public static IRoutePlanner Planner(string name) => name switch
    {
        "greedy" => new GreedyRoutePlanner(),
        "or-tools" => new OrToolsRoutePlanner(new OrToolsRouteOptions { TimeLimit = TimeSpan.FromSeconds(2), SolutionLimit = 300 }),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>A point <paramref name="eastKm"/> east and <paramref name="northKm"/> north of the centre.</summary>
    public static GeoPoint At(double eastKm, double northKm) =>
        new(Centre.Latitude + (northKm / KmPerDegree), Centre.Longitude + (eastKm / (KmPerDegree * Math.Cos(double.DegreesToRadians(Centre.Latitude)))));

    public static TimeSpan H(double hours) => TimeSpan.FromMinutes(Math.Round(hours * 60));

    public static RouteEngineer Engineer(string id, GeoPoint home, int capacity = 8, double shiftStart = 8, double shiftEnd = 18, double returnBy = 19, string[]? skills = null) =>
        new(id, home, H(shiftStart), H(shiftEnd), H(returnBy), capacity, skills);

    public static RouteJob Job(string id, GeoPoint where, double from, double to, int minutes = 45, string? skill = null, string? pinnedTo = null) =>
        new(id, where, H(from), H(to), TimeSpan.FromMinutes(minutes), skill, pinnedTo);

    /// <summary>A random day: mixed shifts, capacities, skills, pins and windows (some impossible on purpose).</summary>
    public static DayRouteProblem Random(int seed, int engineers, int jobs)
    {
        var random = new Random(seed);
        string[] allSkills = ["water-purifier", "air-conditioner", "floor-washer"];
        GeoPoint Anywhere() => At((random.NextDouble() - 0.5) * 20, (random.NextDouble() - 0.5) * 20);
        var team = Enumerable.Range(1, engineers).Select(i =>
        {
            var start = 7 + (random.Next(0, 5) * 0.5);
            var end = start + 6 + random.Next(0, 5);
            var skills = allSkills.Where(_ => random.NextDouble() < 0.6).ToArray();
            return Engineer($"e{i}", Anywhere(), random.Next(0, 7), start, end, end + random.Next(0, 3) * 0.5, skills);
        }).ToList();
        var work = Enumerable.Range(1, jobs).Select(i =>
        {
            var from = 6 + random.Next(0, 14);
            var length = random.NextDouble() < 0.05 ? -1 : random.Next(1, 4);
            var skill = random.NextDouble() < 0.4 ? allSkills[random.Next(allSkills.Length)] : null;
            var pinned = random.NextDouble() < 0.05 ? $"e{random.Next(1, engineers + 3)}" : null;
            return Job($"j{i}", Anywhere(), from, from + length, 15 + (random.Next(0, 6) * 15), skill, pinned);
        }).ToList();
        return new DayRouteProblem(team, work);
    }

    public static (DayRoutePlan Plan, TravelMatrix Travel) PlanVerified(string planner, DayRouteProblem problem)
    {
        var travel = Travel.Measure(problem.Points);
        var plan = Planner(planner).Plan(problem, travel, TestContext.Current.CancellationToken);
        var violations = RouteVerifier.Verify(problem, travel, plan);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Select(v => $"{v.Code} {v.EngineerId} {v.JobId}: {v.Detail}")));
        Assert.Equal(problem.Engineers.Select(e => e.Id), plan.Routes.Select(r => r.EngineerId));
        return (plan, travel);
    }

    public static string? ReasonOf(DayRoutePlan plan, string jobId) => plan.Unassigned.SingleOrDefault(u => u.JobId == jobId)?.Reason;

    public static string? EngineerOf(DayRoutePlan plan, string jobId) =>
        plan.Routes.SingleOrDefault(r => r.Stops.Any(s => s.JobId == jobId))?.EngineerId;
}
