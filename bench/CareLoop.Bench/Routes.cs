using CareLoop.Modules.Network.Contracts;
using System.Diagnostics;
using System.Globalization;
using CareLoop.Modules.Network.Features.PlanRoutes;

namespace CareLoop.Bench;

/// <summary>
/// The issue-6 route-quality benchmark. <c>routes --seed N</c> generates the issue's instance from the seed
/// (500 jobs, 50 engineers with their own homes, a 50 × 50 km square, 30 km/h straight-line travel, 45-minute
/// service, 2-hour windows starting on the hour 08:00–16:00, at most 10 jobs each, shift from 08:00, home by
/// 19:30), plans it with the greedy baseline and with OR-Tools (budget <c>--seconds</c>, default 10), verifies both
/// with <see cref="RouteVerifier"/> and prints one CSV line per planner plus the ratio.
/// </summary>
internal static class Routes
{
    private const double CentreLatitude = 31.30; // Suzhou; any city works, the square is what matters
    private const double CentreLongitude = 120.62;
    private const double KmPerDegreeLatitude = 6_371.0088 * Math.PI / 180;

    public static int Run(Options options)
    {
        var seed = options.Int("seed", 1);
        var problem = Generate(seed, options.Int("jobs", 500), options.Int("engineers", 50), options.Int("side-km", 50));
        var travel = new StraightLineTravelTimes(speedKmPerHour: 30, roadFactor: 1.0).Measure(problem.Points);
        var initial = Enum.Parse<InitialRoutes>(options.Get("initial", nameof(InitialRoutes.Greedy)), ignoreCase: true);
        var optimiser = new OrToolsRoutePlanner(new OrToolsRouteOptions
        {
            TimeLimit = TimeSpan.FromSeconds(options.Int("seconds", 10)),
            Initial = initial,
            SolutionLimit = options.Int("solutions", 0) is > 0 and var limit ? limit : null,
            Neighbours = options.Int("neighbours", 0) is > 0 and var n ? n : null,
            SearchParameterOverrides = options.Get("parameters", "") is { Length: > 0 } json ? json : null,
            GuidedLocalSearchLambda = options.Get("lambda", "") is { Length: > 0 } l ? double.Parse(l, CultureInfo.InvariantCulture) : null,
        });

        var greedy = Measure(new GreedyRoutePlanner(), problem, travel, seed);
        var optimised = Measure(optimiser, problem, travel, seed);
        var ratio = optimised.TotalTravelMetres / (double)greedy.TotalTravelMetres;
        Console.WriteLine(Invariant($"ratio,seed={seed},initial={initial},travel={ratio:F3},unassigned={optimised.Unassigned.Count}-vs-{greedy.Unassigned.Count},") + Invariant(
                                    $"target={(ratio <= 0.65 && optimised.Unassigned.Count <= greedy.Unassigned.Count ? "met" : "missed")}"));
        return 0;
    }

    public static DayRouteProblem Generate(int seed, int jobs, int engineers, int sideKm)
    {
        var random = new Random(seed);
        GeoPoint Anywhere()
        {
            var north = (random.NextDouble() - 0.5) * sideKm;
            var east = (random.NextDouble() - 0.5) * sideKm;
            return new GeoPoint(
                CentreLatitude + (north / KmPerDegreeLatitude),
                CentreLongitude + (east / (KmPerDegreeLatitude * Math.Cos(double.DegreesToRadians(CentreLatitude)))));
        }

        var team = Enumerable.Range(1, engineers)
            .Select(i => new RouteEngineer($"E{i:D3}", Anywhere(), TimeSpan.FromHours(8), new TimeSpan(19, 30, 0), new TimeSpan(19, 30, 0), 10))
            .ToList();
        var work = Enumerable.Range(1, jobs)
            .Select(i =>
            {
                var location = Anywhere();
                var from = TimeSpan.FromHours(8 + random.Next(0, 9)); // 08:00 … 16:00
                return new RouteJob($"J{i:D4}", location, from, from + TimeSpan.FromHours(2), TimeSpan.FromMinutes(45));
            })
            .ToList();
        return new DayRouteProblem(team, work);
    }

    private static DayRoutePlan Measure(IRoutePlanner planner, DayRouteProblem problem, TravelMatrix travel, int seed)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var plan = planner.Plan(problem, travel);
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var violations = RouteVerifier.Verify(problem, travel, plan);
        var reasons = string.Join(' ', plan.Unassigned.GroupBy(u => u.Reason).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}:{g.Count()}"));
        Console.WriteLine(Invariant($"{planner.Name},seed={seed},travel_km={plan.TotalTravelKm:F1},assigned={plan.AssignedCount},unassigned={plan.Unassigned.Count},") + Invariant(
                                    $"engineers_used={plan.Routes.Count(r => r.Stops.Count > 0)},wall_s={watch.Elapsed.TotalSeconds:F2},cpu_s={cpu.TotalSeconds:F2},violations={violations.Count},reasons=[{reasons}]"));
        foreach (var v in violations.Take(5))
        {
            Console.WriteLine($"  violation {v.Code} engineer={v.EngineerId} job={v.JobId}: {v.Detail}");
        }

        return violations.Count == 0 ? plan : throw new InvalidOperationException($"{planner.Name} produced an invalid plan.");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
