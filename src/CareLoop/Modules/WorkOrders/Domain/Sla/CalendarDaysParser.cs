using System.Globalization;

namespace CareLoop.Modules.WorkOrders.Domain.Sla;

/// <summary>One rejected line of a calendar file: 1-based line number, a stable code, and an English explanation.</summary>
public sealed record CalendarLineError(int Line, string Code, string Message);

/// <summary>
/// What a calendar file says: special days (an empty list of hours is a day off) and the lines it could not read.
/// Callers usually refuse the whole file when <see cref="Errors"/> is not empty.
/// </summary>
public sealed record CalendarDaysParseResult(
    IReadOnlyDictionary<DateOnly, IReadOnlyList<WorkingHours>> Days,
    IReadOnlyList<CalendarLineError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads special days — public holidays and make-up working days (调休) — from a plain text file, so the yearly
/// State Council calendar is uploaded as data, not shipped as code. One date per line, <c>#</c> starts a comment:
/// <code>
/// 2026-10-01 off                 # National Day
/// 2026-10-10 work 09:00-18:00    # make-up working Saturday
/// 2026-10-11 work 09:00-12:00 13:00-17:00
/// </code>
/// Bad lines come back as <see cref="CalendarLineError"/> values; user data never throws.
/// </summary>
public static class CalendarDaysParser
{
    public const string BadDate = "calendar.bad_date";
    public const string MissingKind = "calendar.missing_kind";
    public const string UnknownKind = "calendar.unknown_kind";
    public const string HoursOnDayOff = "calendar.hours_on_day_off";
    public const string MissingHours = "calendar.missing_hours";
    public const string BadHours = "calendar.bad_hours";
    public const string OverlappingHours = "calendar.overlapping_hours";
    public const string DuplicateDate = "calendar.duplicate_date";

    public static CalendarDaysParseResult Parse(string text)
    {
        var days = new Dictionary<DateOnly, IReadOnlyList<WorkingHours>>();
        var lineOfDate = new Dictionary<DateOnly, int>();
        var errors = new List<CalendarLineError>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var content = lines[i].Split('#', 2)[0];
            var tokens = content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0)
            {
                continue;
            }

            var (date, hours, error) = ParseLine(tokens);
            if (error is not null)
            {
                errors.Add(new CalendarLineError(number, error.Value.Code, error.Value.Message));
            }
            else if (lineOfDate.TryGetValue(date, out var earlier))
            {
                errors.Add(new CalendarLineError(number, DuplicateDate, Invariant($"{tokens[0]} is already defined on line {earlier}.")));
            }
            else
            {
                days[date] = hours;
                lineOfDate[date] = number;
            }
        }

        return new CalendarDaysParseResult(days, errors);
    }

    private static (DateOnly Date, IReadOnlyList<WorkingHours> Hours, (string Code, string Message)? Error) ParseLine(string[] tokens)
    {
        if (!DateOnly.TryParseExact(tokens[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Fail(BadDate, $"'{tokens[0]}' is not a date like 2026-10-01.");
        }

        if (tokens.Length < 2)
        {
            return Fail(MissingKind, $"Expected 'off' or 'work' after {tokens[0]}.");
        }

        switch (tokens[1].ToUpperInvariant())
        {
            case "OFF" when tokens.Length > 2:
                return Fail(HoursOnDayOff, $"A day off takes no hours, found '{string.Join(' ', tokens[2..])}'.");
            case "OFF":
                return (date, [], null);
            case "WORK" when tokens.Length == 2:
                return Fail(MissingHours, $"A working day needs its hours, e.g. '{tokens[0]} work 09:00-18:00'.");
            case "WORK":
                var hours = new List<WorkingHours>();
                foreach (var token in tokens[2..])
                {
                    if (!WorkingHours.TryParse(token, out var range))
                    {
                        return Fail(BadHours, $"'{token}' is not a time range like 09:00-18:00 (end after start, at most 24:00).");
                    }

                    hours.Add(range);
                }

                return WorkingHours.TryOrder(hours, out var ordered)
                    ? (date, ordered, null)
                    : Fail(OverlappingHours, $"The hours {string.Join(' ', tokens[2..])} overlap.");
            default:
                return Fail(UnknownKind, $"'{tokens[1]}' is neither 'off' nor 'work'.");
        }
    }

    private static (DateOnly, IReadOnlyList<WorkingHours>, (string, string)?) Fail(string code, string message) =>
        (default, [], (code, message));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
