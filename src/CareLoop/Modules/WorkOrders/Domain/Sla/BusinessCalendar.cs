namespace CareLoop.Modules.WorkOrders.Domain.Sla;

/// <summary>
/// A tenant's working time: a time zone, the hours of each weekday, and special days that override them —
/// public holidays (no hours) and make-up working days (调休, a weekend day with hours). Special days are data,
/// usually parsed by <see cref="CalendarDaysParser"/>; no holiday list lives in code.
/// </summary>
public sealed class BusinessCalendar
{
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    private readonly Dictionary<DayOfWeek, IReadOnlyList<WorkingHours>> _week = [];
    private readonly Dictionary<DateOnly, IReadOnlyList<WorkingHours>> _specialDays = [];

    /// <param name="timeZone">The zone the hours are read in; instants in and out are UTC.</param>
    /// <param name="week">Hours per weekday; a missing weekday is off. The week must hold some working time.</param>
    /// <param name="specialDays">Dates whose hours replace the weekday's: an empty list is a day off.</param>
    public BusinessCalendar(
        TimeZoneInfo timeZone,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingHours>> week,
        IReadOnlyDictionary<DateOnly, IReadOnlyList<WorkingHours>>? specialDays = null)
    {
        TimeZone = timeZone;
        foreach (var (day, hours) in week)
        {
            _week[day] = Ordered(hours, day.ToString());
        }

        foreach (var (date, hours) in specialDays ?? new Dictionary<DateOnly, IReadOnlyList<WorkingHours>>())
        {
            _specialDays[date] = Ordered(hours, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        // Without weekly hours a clock could never run out: the walk over days would not end.
        if (!_week.Values.Any(h => h.Count > 0))
        {
            throw new ArgumentException("A business calendar needs working hours on at least one weekday.", nameof(week));
        }
    }

    /// <summary>Monday to Friday, 09:00–18:00.</summary>
    public static IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingHours>> StandardWeek { get; } =
        new Dictionary<DayOfWeek, IReadOnlyList<WorkingHours>>
        {
            [DayOfWeek.Monday] = [WorkingHours.Parse("09:00-18:00")],
            [DayOfWeek.Tuesday] = [WorkingHours.Parse("09:00-18:00")],
            [DayOfWeek.Wednesday] = [WorkingHours.Parse("09:00-18:00")],
            [DayOfWeek.Thursday] = [WorkingHours.Parse("09:00-18:00")],
            [DayOfWeek.Friday] = [WorkingHours.Parse("09:00-18:00")],
        };

    public TimeZoneInfo TimeZone { get; }

    /// <summary>A calendar in a zone looked up by its IANA id (default Asia/Shanghai).</summary>
    public static BusinessCalendar For(
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingHours>> week,
        IReadOnlyDictionary<DateOnly, IReadOnlyList<WorkingHours>>? specialDays = null,
        string timeZoneId = DefaultTimeZoneId) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId), week, specialDays);

    /// <summary>The working hours of a local date: its special-day entry if it has one, otherwise its weekday's.</summary>
    public IReadOnlyList<WorkingHours> HoursOn(DateOnly date) =>
        _specialDays.TryGetValue(date, out var special) ? special
        : _week.TryGetValue(date.DayOfWeek, out var regular) ? regular
        : [];

    public bool IsWorkingDay(DateOnly date) => HoursOn(date).Count > 0;

    /// <summary>Whether the whole span lies inside one working interval of one local day (an appointment window must).</summary>
    public bool IsWithinWorkingHours(DateTimeOffset start, DateTimeOffset end)
    {
        var localStart = TimeZoneInfo.ConvertTime(start, TimeZone);
        var localEnd = TimeZoneInfo.ConvertTime(end, TimeZone);
        var day = DateOnly.FromDateTime(localStart.DateTime);
        var to = localEnd.Date == localStart.Date ? localEnd.TimeOfDay : localEnd.TimeOfDay + TimeSpan.FromDays((localEnd.Date - localStart.Date).TotalDays);
        return HoursOn(day).Any(h => h.From <= localStart.TimeOfDay && to <= h.To);
    }

    /// <summary>
    /// The working periods as UTC instants, in order, from <paramref name="from"/> on (the first one clipped to it).
    /// Endless: the caller stops. One step per local day, whatever the span.
    /// </summary>
    internal IEnumerable<TimeInterval> WorkingPeriodsFrom(DateTimeOffset from)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, TimeZone).DateTime);
        while (true)
        {
            var midnight = date.ToDateTime(TimeOnly.MinValue);
            foreach (var hours in HoursOn(date))
            {
                var start = ToUtc(midnight + hours.From, earliest: true);
                var end = ToUtc(midnight + hours.To, earliest: false);
                if (end > from && end > start)
                {
                    yield return new TimeInterval(start > from ? start : from, end);
                }
            }

            date = date.AddDays(1);
        }
    }

    /// <summary>
    /// Local wall time to UTC across DST: a time skipped by spring-forward reads with the standard offset (so it
    /// lands just after the jump); a time repeated by fall-back takes its first occurrence for a start and its
    /// second for an end, so a working interval never loses the repeated hour.
    /// </summary>
    private DateTimeOffset ToUtc(DateTime local, bool earliest)
    {
        var offset = TimeZone.IsAmbiguousTime(local)
            ? (earliest ? TimeZone.GetAmbiguousTimeOffsets(local).Max() : TimeZone.GetAmbiguousTimeOffsets(local).Min())
            : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local - offset, TimeSpan.Zero);
    }

    private static IReadOnlyList<WorkingHours> Ordered(IReadOnlyList<WorkingHours> hours, string day) =>
        WorkingHours.TryOrder(hours, out var ordered)
            ? ordered
            : throw new ArgumentException($"The working hours of {day} overlap: {string.Join(", ", hours)}.", nameof(hours));
}

/// <summary>A half-open span of time [Start, End) in UTC.</summary>
internal readonly record struct TimeInterval(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;
}
