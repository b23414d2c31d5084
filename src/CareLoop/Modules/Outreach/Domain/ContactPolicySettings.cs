using System.Globalization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Outreach.Domain;

/// <summary>
/// A tenant's contact policy: when customers may be contacted (windows of the local day, the same every day), the
/// dates nobody is contacted (public holidays, as data), and how often one customer may be contacted unasked
/// (reminders and marketing together per day and per week; call attempts per day). Defaults until first saved.
/// </summary>
public sealed class ContactPolicySettings : ITenantOwned, IVersioned
{
    public const string TimeZoneId = "Asia/Shanghai";

    private List<string> _allowedHours = ["09:00-20:00"];
    private List<string> _noContactDates = [];

    private ContactPolicySettings()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>Windows of the local day as <c>HH:mm-HH:mm</c>, ordered, none overlapping.</summary>
    public IReadOnlyList<string> AllowedHours => _allowedHours;

    /// <summary>Local dates (<c>yyyy-MM-dd</c>) on which no reminder or marketing contact is made.</summary>
    public IReadOnlyList<string> NoContactDates => _noContactDates;

    /// <summary>Unasked contacts (reminders and marketing, on any channel) per customer per local day.</summary>
    public int UnsolicitedPerDay { get; private set; } = 1;

    /// <summary>Unasked contacts per customer per week (Monday to Sunday, local).</summary>
    public int UnsolicitedPerWeek { get; private set; } = 3;

    /// <summary>Call attempts per customer (their number) per local day, answered or not.</summary>
    public int CallAttemptsPerDay { get; private set; } = 5;

    public long Version { get; set; }

    public static ContactPolicySettings Defaults(Guid tenantId) => new()
    {
        Id = tenantId,
        TenantId = tenantId,
        _noContactDates = ChinaPublicHolidays.Days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
    };

    public void Update(IEnumerable<ContactWindow> hours, IEnumerable<DateOnly> noContactDates, int perDay, int perWeek, int callAttempts)
    {
        _allowedHours = hours.OrderBy(h => h.Start).Select(h => h.ToString()).ToList();
        _noContactDates = noContactDates.Distinct().Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        UnsolicitedPerDay = perDay;
        UnsolicitedPerWeek = perWeek;
        CallAttemptsPerDay = callAttempts;
    }

    public IReadOnlyList<ContactWindow> Windows() => _allowedHours.Select(h => ContactWindow.TryParse(h, out var w) ? w : null).OfType<ContactWindow>().ToList();

    public IReadOnlySet<DateOnly> Dates() =>
        _noContactDates.Select(d => DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null)
            .OfType<DateOnly>().ToHashSet();

    public static TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}

/// <summary>One allowed window of the local day, <c>[Start, End)</c>; a window never runs past midnight.</summary>
public sealed record ContactWindow(TimeOnly Start, TimeOnly End)
{
    public static bool TryParse(string? text, out ContactWindow window)
    {
        window = null!;
        var parts = (text ?? "").Replace('–', '-').Replace('~', '-').Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TryParseEnd(parts[1], out var end))
        {
            return false;
        }

        window = new ContactWindow(start, end);
        return true;
    }

    /// <summary>Inverted or empty (<c>20:00-09:00</c>, <c>09:00-09:00</c>): a window must end after it starts on the same day.</summary>
    public bool IsInverted => End <= Start;

    public bool Overlaps(ContactWindow other) => Start < other.End && other.Start < End;

    public bool Contains(TimeOnly time) => time >= Start && time < End;

    public override string ToString() =>
        $"{Start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{(End == TimeOnly.MaxValue ? "24:00" : End.ToString("HH:mm", CultureInfo.InvariantCulture))}";

    private static bool TryParseEnd(string text, out TimeOnly end)
    {
        if (text == "24:00")
        {
            end = TimeOnly.MaxValue;
            return true;
        }

        return TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out end);
    }
}
