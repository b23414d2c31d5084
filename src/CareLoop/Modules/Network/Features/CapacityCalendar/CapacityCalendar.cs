using System.Globalization;
using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;

namespace CareLoop.Modules.Network.Features.CapacityCalendar;

/// <summary>One engineer's local day: <c>shift</c> (with hours), <c>leave</c> or <c>off</c>; open jobs against capacity.</summary>
public sealed record CapacityDay(DateOnly Day, string Status, string? Hours, int Assigned, int Capacity);

public sealed record CapacityRow(Guid UserId, string DisplayName, string StationName, int DailyCapacity, bool IsActive, IReadOnlyList<CapacityDay> Days);

/// <summary>A Monday-to-Sunday week of the tenant's engineers.</summary>
public sealed record CapacityWeek(DateOnly From, IReadOnlyList<DateOnly> Days, IReadOnlyList<CapacityRow> Engineers);

public static class CapacityStatus
{
    public const string Shift = "shift";
    public const string Leave = "leave";
    public const string Off = "off";
}

/// <summary>
/// Who works which day of a week and how full they are. Capacity is the profile's daily capacity on a shift day, 0
/// otherwise; the load is the work orders' count of open on-site jobs per engineer and day (<see cref="IWorkOrderDesk.LoadsAsync"/>).
/// </summary>
public sealed class CapacityCalendarHandler(INetwork network, IWorkOrderDesk desk, TimeProvider time)
{
    public async Task<CapacityWeek> HandleAsync(DateOnly? anyDayOfWeek, CancellationToken cancellationToken)
    {
        var from = MondayOf(anyDayOfWeek ?? TimeDisplay.Today(time));
        var days = Enumerable.Range(0, 7).Select(from.AddDays).ToList();
        var engineers = (await network.SnapshotAsync(cancellationToken)).Engineers
            .OrderBy(e => e.StationName, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
        var ids = engineers.Select(e => e.UserId).ToList();
        var loads = new List<IReadOnlyDictionary<Guid, int>>();
        foreach (var day in days)
        {
            loads.Add(await desk.LoadsAsync(ids, day, cancellationToken));
        }

        var rows = engineers.Select(e => new CapacityRow(e.UserId, e.Name, e.StationName, e.DailyCapacity, e.IsActive,
            days.Select((day, i) => Day(e, day, loads[i].GetValueOrDefault(e.UserId))).ToList())).ToList();
        return new CapacityWeek(from, days, rows);
    }

    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static CapacityDay Day(DispatchableEngineer e, DateOnly day, int assigned)
    {
        if (e.Leave.Any(l => l.From <= day && day <= l.To))
        {
            return new CapacityDay(day, CapacityStatus.Leave, null, assigned, 0);
        }

        return e.ShiftOn(day) is { } shift
            ? new CapacityDay(day, CapacityStatus.Shift, string.Create(CultureInfo.InvariantCulture, $"{shift.Start:HH\\:mm}–{shift.End:HH\\:mm}"), assigned, e.DailyCapacity)
            : new CapacityDay(day, CapacityStatus.Off, null, assigned, 0);
    }
}

public static class CapacityCalendarEndpoint
{
    public static void MapCapacityCalendar(this RouteGroupBuilder network) =>
        network.MapGet("/capacity", (DateOnly? week, CapacityCalendarHandler handler, CancellationToken ct) => handler.HandleAsync(week, ct))
            .RequireAuthorization(Permissions.NetworkRead)
            .WithSummary("The capacity calendar of the week containing `week` (default: this week): per engineer and day on shift, on leave or off, and open jobs against capacity.");
}
