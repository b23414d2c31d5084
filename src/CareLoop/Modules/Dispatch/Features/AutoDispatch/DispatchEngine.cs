using CareLoop.Modules.Dispatch.Domain;
using CareLoop.Modules.Network.Contracts;
using CareLoop.Platform.Localization;

namespace CareLoop.Modules.Dispatch.Features.AutoDispatch;

/// <summary>
/// A job as the engine sees it. <paramref name="Category"/> null: the order has no unit (a repair call without a
/// registered product), so neither the contract's categories nor skills can be checked. <paramref name="Urgency"/>
/// is 0–1 (priority and time left on the SLA).
/// </summary>
public sealed record DispatchJob(
    Guid WorkOrderId, string District, string? Category, GeoPoint? Location, DateOnly Day, TimeOnly? WindowStart, TimeOnly? WindowEnd, bool IsToday,
    double Urgency, IReadOnlyList<Guid> PastEngineers, IReadOnlyCollection<Guid> Decliners);

/// <summary>
/// One engineer in an explanation: the hard rule that excluded them (<see cref="Excluded"/>, with a detail such as the
/// missing certificate) or their score parts (each 0–1) and the weighted total (0–100).
/// </summary>
public sealed record CandidateView(
    Guid EngineerId, string Name, string Station, string? Excluded, string? Detail, double? DistanceKm, int Load, int Capacity,
    double Distance, double LoadScore, double Urgency, double Rating, double Affinity, double Total);

/// <summary>
/// What a decision saw: the candidates (best first, then the excluded), how many engineers were outside the job's area,
/// and the weights; <see cref="DecidedInMs"/> is the time from reading the order to the decision, its own write excluded.
/// </summary>
public sealed record DispatchExplanation(
    string District, string? Category, DateOnly Day, double Urgency, int OutOfArea, IReadOnlyList<CandidateView> Candidates, DispatchWeights Weights,
    double? DecidedInMs = null)
{
    public CandidateView? Best => Candidates.Count > 0 && Candidates[0].Excluded is null ? Candidates[0] : null;

    public IEnumerable<CandidateView> Eligible => Candidates.Where(c => c.Excluded is null);
}

public sealed record DispatchWeights(int Distance, int Load, int Urgency, int Rating, int Affinity, int MaxDistanceKm);

/// <summary>Why an engineer was not eligible (the explanation's and the API's codes).</summary>
public static class Exclusions
{
    public const string Inactive = "inactive";
    public const string OutOfArea = "out_of_area";
    public const string NoContract = "no_contract";
    public const string Skill = "skill";
    public const string Certificate = "certificate";
    public const string OffShift = "off_shift";
    public const string TooFar = "too_far";
    public const string Capacity = "capacity";
    public const string Declined = "declined";
}

/// <summary>
/// The dispatch rules, pure and in memory (no database): hard rules first, in a fixed order, the first one failed
/// being the reason given; then a weighted score over distance (haversine, or the pluggable
/// <see cref="ITravelDistance"/>), the day's load, urgency, rating and repeat-customer affinity.
/// </summary>
public static class DispatchEngine
{
    /// <summary>Rating assumed for an engineer nobody has rated yet (neither rewarded nor punished).</summary>
    private const double UnratedScore = 0.6;

    /// <summary>Engineers whose area covers the district: listed, or within their service radius of the job.</summary>
    public static List<DispatchableEngineer> InArea(DispatchJob job, NetworkSnapshot snapshot, ITravelDistance distance)
    {
        var found = new List<DispatchableEngineer>();
        foreach (var e in snapshot.Engineers)
        {
            if (Covers(e, job, distance))
            {
                found.Add(e);
            }
        }

        return found;
    }

    /// <summary>
    /// Checks each engineer against the hard rules and scores the eligible ones; the list comes back best first
    /// (total, then lighter load, then nearer), the excluded after them.
    /// </summary>
    public static DispatchExplanation Evaluate(
        DispatchJob job, IReadOnlyList<DispatchableEngineer> engineers, IReadOnlyDictionary<Guid, int> loads, DispatchSettings settings,
        ITravelDistance distance, int outOfArea)
    {
        var weights = new DispatchWeights(settings.DistanceWeight, settings.LoadWeight, settings.UrgencyWeight, settings.RatingWeight, settings.AffinityWeight, settings.MaxDistanceKm);
        var certificates = job.Category is null ? [] : settings.CertificatesFor(job.Category).ToList();
        var weightSum = Math.Max(1, weights.Distance + weights.Load + weights.Urgency + weights.Rating + weights.Affinity);
        var views = new List<CandidateView>(engineers.Count);
        foreach (var e in engineers)
        {
            var load = loads.GetValueOrDefault(e.UserId);
            var origin = Origin(e, job);
            double? km = origin is { } from && job.Location is { } to ? distance.Km(from, to) : null;
            var (excluded, detail) = Exclude(e, job, certificates, load, km, weights, distance);
            if (excluded is not null)
            {
                views.Add(new CandidateView(e.UserId, e.Name, e.StationName, excluded, detail, Round(km), load, e.DailyCapacity, 0, 0, 0, 0, 0, 0));
                continue;
            }

            // Unknown position (job or engineer not geocoded): neutral, neither near nor far.
            var closeness = km is { } d ? Math.Max(0, 1 - d / Math.Max(1, weights.MaxDistanceKm)) : 0.5;
            var lightness = e.DailyCapacity <= 0 ? 0 : 1 - (double)load / e.DailyCapacity;
            var urgency = job.Urgency * closeness; // an urgent job wants whoever gets there first
            var rating = e.Rating > 0 ? e.Rating / 5 : UnratedScore;
            var affinity = AffinityOf(e.UserId, job.PastEngineers);
            var total = (weights.Distance * closeness + weights.Load * lightness + weights.Urgency * urgency + weights.Rating * rating + weights.Affinity * affinity) * 100 / weightSum;
            views.Add(new CandidateView(e.UserId, e.Name, e.StationName, null, null, Round(km), load, e.DailyCapacity,
                Round3(closeness), Round3(lightness), Round3(urgency), Round3(rating), Round3(affinity), Math.Round(total, 2)));
        }

        var ordered = views
            .OrderBy(v => v.Excluded is null ? 0 : 1)
            .ThenByDescending(v => v.Total)
            .ThenBy(v => v.Capacity == 0 ? 1 : (double)v.Load / v.Capacity)
            .ThenBy(v => v.DistanceKm ?? double.MaxValue)
            .ThenBy(v => v.EngineerId)
            .ToList();
        return new DispatchExplanation(job.District, job.Category, job.Day, Math.Round(job.Urgency, 3), outOfArea, ordered, weights);
    }

    private static (string? Code, string? Detail) Exclude(
        DispatchableEngineer e, DispatchJob job, List<string> certificates, int load, double? km, DispatchWeights weights, ITravelDistance distance)
    {
        if (!e.IsActive)
        {
            return (Exclusions.Inactive, null);
        }

        if (job.Decliners.Contains(e.UserId))
        {
            return (Exclusions.Declined, null);
        }

        if (!Covers(e, job, distance))
        {
            return (Exclusions.OutOfArea, job.District);
        }

        if (e.Contract is null || !(job.Category is null
                ? e.Contract.IsActive && (e.Contract.EndsOn is null || job.Day <= e.Contract.EndsOn) && e.Contract.Districts.Any(d => job.District.StartsWith(d, StringComparison.Ordinal))
                : e.Contract.Covers(job.District, job.Category, job.Day)))
        {
            return (Exclusions.NoContract, e.Contract?.ProviderName);
        }

        if (job.Category is not null && !e.Skills.Contains(job.Category))
        {
            return (Exclusions.Skill, job.Category);
        }

        foreach (var kind in certificates)
        {
            if (!e.HoldsCertificate(kind, job.Day))
            {
                return (Exclusions.Certificate, kind);
            }
        }

        var shift = e.ShiftOn(job.Day);
        if (shift is null)
        {
            return (Exclusions.OffShift, job.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (job.WindowStart is { } start && job.WindowEnd is { } end && (end <= shift.Start || start >= shift.End))
        {
            return (Exclusions.OffShift, shift.ToString());
        }

        if (km is { } d && d > weights.MaxDistanceKm && !(e.ServiceRadiusKm is { } radius && d <= radius))
        {
            return (Exclusions.TooFar, Math.Round(d, 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (load >= e.DailyCapacity)
        {
            return (Exclusions.Capacity, $"{load}/{e.DailyCapacity}");
        }

        return (null, null);
    }

    /// <summary>The engineer's area covers the job: the district is listed, or the job lies within the service radius of home.</summary>
    private static bool Covers(DispatchableEngineer e, DispatchJob job, ITravelDistance distance) =>
        e.Districts.Contains(job.District) ||
        (e.ServiceRadiusKm is { } radius && e.Home is { } home && job.Location is { } at && distance.Km(home, at) <= radius);

    /// <summary>Where the engineer sets out from: today's check-in position for a job today, else home, else the station.</summary>
    private static GeoPoint? Origin(DispatchableEngineer e, DispatchJob job) =>
        job.IsToday && e.LastKnown is { } last && e.LastLocatedAt is { } at && TimeDisplay.DateOf(at) == job.Day ? last : e.Home ?? e.Station;

    /// <summary>1 for the engineer who served the customer last, less for earlier ones, 0 for a stranger.</summary>
    private static double AffinityOf(Guid engineer, IReadOnlyList<Guid> past)
    {
        for (var i = 0; i < past.Count; i++)
        {
            if (past[i] == engineer)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    private static double? Round(double? km) => km is { } d ? Math.Round(d, 2) : null;

    private static double Round3(double value) => Math.Round(value, 3);
}

/// <summary>Distance between two points for dispatch; straight line by default, a road-distance provider can replace it.</summary>
public interface ITravelDistance
{
    double Km(GeoPoint from, GeoPoint to);
}

/// <summary>Great-circle (haversine) distance.</summary>
public sealed class StraightLineDistance : ITravelDistance
{
    public double Km(GeoPoint from, GeoPoint to) => from.KmTo(to);
}
