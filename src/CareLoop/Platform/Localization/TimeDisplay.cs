using System.Globalization;
using Microsoft.Extensions.Localization;

namespace CareLoop.Platform.Localization;

/// <summary>Times are stored in UTC and shown in the tenant's zone (Asia/Shanghai unless the tenant says otherwise).</summary>
public static class TimeDisplay
{
    private static readonly TimeZoneInfo DefaultZone = TimeZoneInfo.FindSystemTimeZoneById(Tenancy.Tenant.DefaultTimeZone);

    public static string Local(DateTimeOffset utc, TimeZoneInfo? zone = null) =>
        TimeZoneInfo.ConvertTime(utc, zone ?? DefaultZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Today's date in the tenant's zone (the business day warranty and SLA dates count in).</summary>
    public static DateOnly Today(TimeProvider time, TimeZoneInfo? zone = null) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone ?? DefaultZone).DateTime);

    /// <summary>The calendar date an instant falls on in the tenant's zone (e.g. a purchase date from a paid-at time).</summary>
    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo? zone = null) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone ?? DefaultZone).DateTime);

    public static string Local(DateTimeOffset? utc) => utc is { } value ? Local(value) : "—";

    /// <summary>A wall-clock date and time in the tenant's zone, as the instant it is.</summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo? zone = null)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, (zone ?? DefaultZone).GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Human label of an audit action (<c>Audit.Action.user.created</c>), or the action itself.</summary>
    public static string ActionLabel(this IStringLocalizer localizer, string action)
    {
        var text = localizer["Audit.Action." + action];
        return text.ResourceNotFound ? action : text.Value;
    }
}
