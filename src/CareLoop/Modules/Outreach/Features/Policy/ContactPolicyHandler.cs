using System.Globalization;
using System.Security.Claims;
using CareLoop.Modules.Outreach.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CareLoop.Modules.Outreach.Features.Policy;

/// <summary>
/// The contact policy as the API and the page edit it. <c>noContactDates</c> lines are a date (<c>2026-10-01</c>) or a
/// range (<c>2026-10-01..2026-10-07</c>); the answer lists single dates.
/// </summary>
public sealed record ContactPolicyDto(
    IReadOnlyList<string> AllowedHours, IReadOnlyList<string> NoContactDates, int UnsolicitedPerDay, int UnsolicitedPerWeek, int CallAttemptsPerDay,
    string TimeZone, long Version);

/// <summary>Reads (defaults until first saved, cached per tenant for a minute) and saves the tenant's contact policy.</summary>
public sealed class ContactPolicyHandler(CareLoopDbContext db, ITenantContext tenant, IMemoryCache cache)
{
    public const string HoursOverlap = "hours_overlap";

    public async Task<ContactPolicySettings> CurrentAsync(CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequireTenantId();
        if (cache.TryGetValue(CacheKey(tenantId), out ContactPolicySettings? cached))
        {
            return cached!;
        }

        var settings = await db.Set<ContactPolicySettings>().AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? ContactPolicySettings.Defaults(tenantId);
        cache.Set(CacheKey(tenantId), settings, TimeSpan.FromMinutes(1));
        return settings;
    }

    public async Task<ContactPolicyDto> GetAsync(CancellationToken cancellationToken) => ToDto(await CurrentAsync(cancellationToken));

    public async Task<Result<ContactPolicyDto>> SaveAsync(ClaimsPrincipal actor, ContactPolicyDto request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettingsManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation()
            .Range("unsolicitedPerDay", request.UnsolicitedPerDay, 0, 20)
            .Range("unsolicitedPerWeek", request.UnsolicitedPerWeek, 0, 100)
            .Range("callAttemptsPerDay", request.CallAttemptsPerDay, 1, 20);
        var windows = Windows(request.AllowedHours ?? [], v);
        var dates = Dates(request.NoContactDates ?? [], v);
        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var tenantId = tenant.RequireTenantId();
        var settings = await db.Set<ContactPolicySettings>().SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = ContactPolicySettings.Defaults(tenantId);
            db.Add(settings);
        }
        else if (settings.Version != request.Version)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        settings.Update(windows, dates, request.UnsolicitedPerDay, request.UnsolicitedPerWeek, request.CallAttemptsPerDay);
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey(tenantId));
        return ToDto(settings);
    }

    /// <summary>Each window parsed; inverted windows and windows overlapping an earlier one are refused by their line.</summary>
    private static List<ContactWindow> Windows(IReadOnlyList<string> lines, Validation v)
    {
        var windows = new List<ContactWindow>();
        if (lines.Count == 0)
        {
            v.Add("allowedHours", ErrorCodes.Required);
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (!ContactWindow.TryParse(lines[i], out var window))
            {
                v.Add($"allowedHours[{i}]", ErrorCodes.InvalidFormat);
            }
            else if (window.IsInverted)
            {
                v.Add($"allowedHours[{i}]", ErrorCodes.EndsBeforeStart);
            }
            else if (windows.FindIndex(w => w.Overlaps(window)) is var other and >= 0)
            {
                v.Add($"allowedHours[{i}]", HoursOverlap, lines[other]);
            }
            else
            {
                windows.Add(window);
                continue;
            }

            windows.Add(new ContactWindow(TimeOnly.MinValue, TimeOnly.MinValue)); // keeps indexes aligned; never overlaps
        }

        return windows.Where(w => !w.IsInverted).ToList();
    }

    private static List<DateOnly> Dates(IReadOnlyList<string> lines, Validation v)
    {
        var dates = new List<DateOnly>();
        for (var i = 0; i < lines.Count; i++)
        {
            var parts = (lines[i] ?? "").Split("..", StringSplitOptions.TrimEntries);
            if (parts.Length is < 1 or > 2 || !TryDate(parts[0], out var from) || !TryDate(parts[^1], out var to) || to < from || to.DayNumber - from.DayNumber > 366)
            {
                v.Add($"noContactDates[{i}]", ErrorCodes.InvalidFormat);
                continue;
            }

            for (var d = from; d <= to; d = d.AddDays(1))
            {
                dates.Add(d);
            }
        }

        if (dates.Distinct().Count() > 1000)
        {
            v.Add("noContactDates", ErrorCodes.OutOfRange, 0, 1000);
        }

        return dates;
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static ContactPolicyDto ToDto(ContactPolicySettings s) =>
        new(s.AllowedHours, s.NoContactDates, s.UnsolicitedPerDay, s.UnsolicitedPerWeek, s.CallAttemptsPerDay, ContactPolicySettings.TimeZoneId, s.Version);

    private static string CacheKey(Guid tenantId) => "contact-policy:" + tenantId;
}
