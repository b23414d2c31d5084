using System.Globalization;

namespace CareLoop.Modules.Outreach.Features.Policy;

/// <summary>Consecutive dates shown as one <c>from..to</c> line, as the policy page reads them back.</summary>
public static class DateRanges
{
    public static IReadOnlyList<string> Compress(IEnumerable<string> dates)
    {
        var days = dates.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        var lines = new List<string>();
        for (var i = 0; i < days.Count;)
        {
            var j = i;
            while (j + 1 < days.Count && days[j + 1] == days[j].AddDays(1))
            {
                j++;
            }

            lines.Add(i == j ? Text(days[i]) : $"{Text(days[i])}..{Text(days[j])}");
            i = j + 1;
        }

        return lines;
    }

    private static string Text(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
