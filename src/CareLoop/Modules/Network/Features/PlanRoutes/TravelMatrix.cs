using CareLoop.Modules.Network.Contracts;

namespace CareLoop.Modules.Network.Features.PlanRoutes;

/// <summary>
/// Travel distance (metres) and time (seconds) between every ordered pair of a problem's
/// <see cref="DayRouteProblem.Points"/>. Need not be symmetric (one-way streets, traffic).
/// </summary>
public sealed class TravelMatrix
{
    private readonly int[] _metres;
    private readonly int[] _seconds;

    public TravelMatrix(int count, int[] metres, int[] seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(metres);
        ArgumentNullException.ThrowIfNull(seconds);
        if (metres.Length != count * count || seconds.Length != count * count)
        {
            throw new ArgumentException("A travel matrix needs count × count entries of metres and of seconds.");
        }

        if (metres.Any(m => m < 0) || seconds.Any(s => s < 0))
        {
            throw new ArgumentException("Travel distances and times must not be negative.");
        }

        Count = count;
        _metres = metres;
        _seconds = seconds;
    }

    public int Count { get; }

    public int Metres(int from, int to) => _metres[(from * Count) + to];

    public int Seconds(int from, int to) => _seconds[(from * Count) + to];
}

/// <summary>
/// Where travel times come from. The default is <see cref="StraightLineTravelTimes"/>; a road-network provider
/// (a routing engine's distance-matrix call) implements the same seam, hence asynchronous and one call per day.
/// </summary>
public interface ITravelTimeSource
{
    ValueTask<TravelMatrix> MeasureAsync(IReadOnlyList<GeoPoint> points, CancellationToken cancellationToken);
}

/// <summary>
/// Great-circle (haversine) distance times a road factor, driven at a constant speed. A road factor of 1.0 is the
/// straight line; about 1.3 approximates a city's streets.
/// </summary>
public sealed class StraightLineTravelTimes : ITravelTimeSource
{

    private readonly double _roadFactor;
    private readonly double _metresPerSecond;

    public StraightLineTravelTimes(double speedKmPerHour = 30, double roadFactor = 1.3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speedKmPerHour);
        ArgumentOutOfRangeException.ThrowIfLessThan(roadFactor, 1.0);
        _roadFactor = roadFactor;
        _metresPerSecond = speedKmPerHour / 3.6;
    }

    public ValueTask<TravelMatrix> MeasureAsync(IReadOnlyList<GeoPoint> points, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Measure(points));

    public TravelMatrix Measure(IReadOnlyList<GeoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        var metres = new int[n * n];
        var seconds = new int[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var m = (int)Math.Round(Haversine(points[i], points[j]) * _roadFactor);
                metres[(i * n) + j] = m;
                seconds[(i * n) + j] = (int)Math.Round(m / _metresPerSecond);
            }
        }

        return new TravelMatrix(n, metres, seconds);
    }

    /// <summary>Great-circle distance in metres (<see cref="GeoPoint.KmTo"/>).</summary>
    public static double Haversine(GeoPoint a, GeoPoint b) => a.KmTo(b) * 1000;
}
