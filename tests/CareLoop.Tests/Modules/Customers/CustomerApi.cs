using System.Net.Http.Json;
using System.Text.Json;

namespace CareLoop.Tests.Modules.Customers;

/// <summary>What the customers tests keep asking the API and its problem details.</summary>
internal static class CustomerApi
{
    /// <summary>Today in the demo tenant's time zone (warranty days are counted in it).</summary>
    public static DateOnly Today => TodayBy(TimeProvider.System);

    private static DateOnly TodayBy(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    /// <summary>The next Monday–Friday after today in Shanghai (by the given clock): inside the default working week whenever a test runs.</summary>
    public static DateOnly NextWeekday(TimeProvider? time = null)
    {
        var day = TodayBy(time ?? TimeProvider.System).AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    public static async Task<string> CustomerIdAsync(HttpClient client, string phone) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=" + phone)).GetProperty("items")[0].GetProperty("id").GetString()!;

    public static string UnitId(JsonElement profile, string serial) =>
        profile.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("serialNumber").GetString() == serial).GetProperty("id").GetString()!;

    /// <summary>A validation problem's errors as <c>field:code</c>.</summary>
    public static string[] Fields(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("code").GetString()).ToArray();
}
