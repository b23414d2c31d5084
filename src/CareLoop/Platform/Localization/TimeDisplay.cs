using System.Globalization;
using Microsoft.Extensions.Localization;

namespace CareLoop.Platform.Localization;

/// <summary>Times are stored in UTC and shown in the tenant's zone (Asia/Shanghai unless the tenant says otherwise).</summary>
public static class TimeDisplay
{
    private static readonly TimeZoneInfo DefaultZone = TimeZoneInfo.FindSystemTimeZoneById(Tenancy.Tenant.DefaultTimeZone);

    public static string Local(DateTimeOffset utc, TimeZoneInfo? zone = null) =>
        TimeZoneInfo.ConvertTime(utc, zone ?? DefaultZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Local(DateTimeOffset? utc) => utc is { } value ? Local(value) : "—";

    /// <summary>Human label of an audit action (<c>Audit.Action.user.created</c>), or the action itself.</summary>
    public static string ActionLabel(this IStringLocalizer localizer, string action)
    {
        var text = localizer["Audit.Action." + action];
        return text.ResourceNotFound ? action : text.Value;
    }
}
