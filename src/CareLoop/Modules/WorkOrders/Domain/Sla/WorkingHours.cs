using System.Globalization;

namespace CareLoop.Modules.WorkOrders.Domain.Sla;

/// <summary>
/// One working interval of a day in the tenant's local time, e.g. 09:00–12:00. <see cref="To"/> may be 24:00
/// (the next midnight), so a day can be worked around the clock.
/// </summary>
public sealed record WorkingHours
{
    private static readonly TimeSpan Midnight = TimeSpan.FromHours(24);

    public WorkingHours(TimeSpan from, TimeSpan to)
    {
        if (from < TimeSpan.Zero || to > Midnight || from >= to)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"Working hours need 00:00 <= from < to <= 24:00, got {from}-{to}.");
        }

        From = from;
        To = to;
    }

    public TimeSpan From { get; }

    public TimeSpan To { get; }

    public TimeSpan Length => To - From;

    /// <summary>Parses a range written in code, e.g. <c>"09:00-18:00"</c>; user data goes through <see cref="TryParse"/>.</summary>
    public static WorkingHours Parse(string text) =>
        TryParse(text, out var hours) ? hours : throw new FormatException($"'{text}' is not a time range like 09:00-18:00.");

    /// <summary>Reads <c>HH:mm-HH:mm</c>; the end must come after the start and may be 24:00.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WorkingHours? hours)
    {
        hours = null;
        var parts = text.Split('-');
        if (parts.Length != 2 || !TryParseClock(parts[0], out var from) || !TryParseClock(parts[1], out var to) || from >= to)
        {
            return false;
        }

        hours = new WorkingHours(from, to);
        return true;
    }

    /// <summary>Sorts a day's intervals by start; false when two of them overlap (touching, like 12:00 and 12:00, is fine).</summary>
    public static bool TryOrder(IEnumerable<WorkingHours> hours, out IReadOnlyList<WorkingHours> ordered)
    {
        var sorted = hours.OrderBy(h => h.From).ToArray();
        ordered = sorted;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].From < sorted[i - 1].To)
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => $"{Format(From)}-{Format(To)}";

    private static string Format(TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}");

    private static bool TryParseClock(string text, out TimeSpan time)
    {
        time = default;
        if (text.Length != 5 || text[2] != ':'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minute)
            || minute > 59 || hour > 24 || (hour == 24 && minute != 0))
        {
            return false;
        }

        time = new TimeSpan(hour, minute, 0);
        return true;
    }
}
