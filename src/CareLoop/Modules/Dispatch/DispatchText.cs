using System.Globalization;
using Microsoft.Extensions.Localization;

namespace CareLoop.Modules.Dispatch;

/// <summary>
/// People's words for dispatch codes (outcomes, triggers, queue reasons, exclusion rules) and for the board's
/// countdowns. The API speaks codes (<c>no_candidate</c>, <c>out_of_area</c>); the pages show these labels.
/// </summary>
public static class DispatchText
{
    public static string Outcome(this IStringLocalizer t, string outcome) => Label(t, "Dispatch.Outcome.", outcome);

    public static string Trigger(this IStringLocalizer t, string trigger) => Label(t, "Dispatch.Trigger.", trigger);

    /// <summary>A queue reason (<c>no_candidate</c>, <c>grab_timeout</c>…) or an exclusion rule (<c>out_of_area</c>…).</summary>
    public static string Reason(this IStringLocalizer t, string reason) => Label(t, "Dispatch.Reason.", reason);

    /// <summary>The board's views name kinds and states in camelCase (<c>onSiteRepair</c>); the resources in PascalCase.</summary>
    public static string Kind(this IStringLocalizer t, string kind) => Label(t, "WorkOrders.Kind.", Pascal(kind));

    public static string State(this IStringLocalizer t, string state) => Label(t, "WorkOrders.State.", Pascal(state));

    public static string Priority(this IStringLocalizer t, string priority) => Label(t, "WorkOrders.Priority.", Pascal(priority));

    /// <summary>"剩 1 小时 20 分" before the deadline, "超时 35 分钟" after it.</summary>
    public static string Countdown(this IStringLocalizer t, DateTimeOffset due, DateTimeOffset now)
    {
        var left = due - now;
        var span = left.Duration();
        var text = span.TotalDays >= 1 ? t["Dispatch.DaysHours", (int)span.TotalDays, span.Hours].Value
            : span.TotalHours >= 1 ? t["Dispatch.HoursMinutes", (int)span.TotalHours, span.Minutes].Value
            : t["Dispatch.MinutesOnly", Math.Max(1, (int)Math.Ceiling(span.TotalMinutes))].Value;
        return left >= TimeSpan.Zero ? t["Dispatch.DueIn", text] : t["Dispatch.Overdue", text];
    }

    /// <summary>A 0–1 score part as a whole percentage.</summary>
    public static string Percent(double part) => Math.Round(part * 100).ToString("0", CultureInfo.InvariantCulture);

    private static string Label(IStringLocalizer t, string prefix, string code)
    {
        var text = t[prefix + code];
        return text.ResourceNotFound ? code : text.Value;
    }

    private static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
