namespace CareLoop.Modules.Outreach.Domain;

/// <summary>
/// The seed of a new tenant's no-contact dates: the days off of China's public holidays. 2026 follows the State
/// Council's schedule (国办发明电〔2025〕7号); 2027's schedule is not published yet, so its statutory days are seeded
/// (the 2024 rules: 除夕 and 初一–初三, 5.1–5.2, 10.1–10.3) and a tenant edits the list when it is. Data, not logic:
/// the list is the tenant's and is edited on the contact-policy page.
/// </summary>
public static class ChinaPublicHolidays
{
    private static readonly (string From, string To, string Name)[] Ranges =
    [
        ("2026-01-01", "2026-01-03", "元旦"),
        ("2026-02-15", "2026-02-23", "春节"),
        ("2026-04-04", "2026-04-06", "清明节"),
        ("2026-05-01", "2026-05-05", "劳动节"),
        ("2026-06-19", "2026-06-21", "端午节"),
        ("2026-09-25", "2026-09-27", "中秋节"),
        ("2026-10-01", "2026-10-07", "国庆节"),
        ("2027-01-01", "2027-01-01", "元旦"),
        ("2027-02-05", "2027-02-08", "春节"),
        ("2027-04-05", "2027-04-05", "清明节"),
        ("2027-05-01", "2027-05-02", "劳动节"),
        ("2027-06-09", "2027-06-09", "端午节"),
        ("2027-09-15", "2027-09-15", "中秋节"),
        ("2027-10-01", "2027-10-03", "国庆节"),
    ];

    public static IReadOnlyList<DateOnly> Days { get; } = Ranges
        .SelectMany(r => Expand(DateOnly.Parse(r.From, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(r.To, System.Globalization.CultureInfo.InvariantCulture)))
        .ToList();

    private static IEnumerable<DateOnly> Expand(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}
