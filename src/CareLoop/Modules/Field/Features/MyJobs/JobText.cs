using System.Globalization;
using CareLoop.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace CareLoop.Modules.Field.Features.MyJobs;

/// <summary>How a job reads on the phone: the appointment in the tenant's zone, short; the SLA badge's words and colour.</summary>
public static class JobText
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(Platform.Tenancy.Tenant.DefaultTimeZone);

    public static string Window(IStringLocalizer t, DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is not { } from)
        {
            return t["Mobile.Job.NotBooked"];
        }

        var local = TimeZoneInfo.ConvertTime(from, Zone);
        var text = local.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
        return end is { } to ? text + "–" + TimeZoneInfo.ConvertTime(to, Zone).ToString("HH:mm", CultureInfo.InvariantCulture) : text;
    }

    public static string Sla(IStringLocalizer t, SlaBadge badge) => t["Mobile.Sla." + badge];

    public static string SlaClass(SlaBadge badge) => badge switch
    {
        SlaBadge.Breached => "m-badge m-badge-bad",
        SlaBadge.AtRisk => "m-badge m-badge-warn",
        _ => "m-badge m-badge-ok",
    };

    public static string Due(DateTimeOffset? due) => due is { } at ? TimeDisplay.Local(at) : "";
}
