using System.Security.Claims;
using System.Text.Json;
using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Dispatch.Domain;
using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Dispatch.Features.PlanRoutes;

/// <summary>Plan a station's day; <paramref name="Pins"/> keep jobs with the engineer the dispatcher chose.</summary>
public sealed record ComputeRoutePlanRequest(Guid? StationId, DateOnly? Date, IReadOnlyList<PlanPin>? Pins = null);

public sealed record PlanPin(Guid WorkOrderId, Guid EngineerId);

/// <summary>A stored plan with its totals.</summary>
public sealed record RoutePlanView(
    Guid Id, string Status, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? AcceptedAt, string? AcceptedBy,
    int AssignedCount, int UnassignedCount, double TravelKm, RoutePlanDocument Plan);

/// <summary>A station someone can plan (one with engineers), for the page's picker.</summary>
public sealed record PlanStation(Guid Id, string Name, int Engineers);

/// <summary>
/// Computes a station's day-route plan (docs/adr/0017, "In the product"): the station's active engineers on shift,
/// the open on-site jobs booked (or preferred) for that local day that are assigned to them and not started on site,
/// or unassigned in their districts; OR-Tools within <c>Dispatch:RoutePlanSeconds</c>. Stores the plan as proposed and
/// supersedes the station's earlier proposals for the day.
/// </summary>
public sealed class ComputeRoutePlanHandler(
    CareLoopDbContext db, ITenantContext tenant, INetwork network, IWorkOrderDesk desk, ICustomerDirectory customers, ICatalog catalog,
    IDayRoutePlanning planning, IConfiguration configuration, TimeProvider time)
{
    /// <summary>How long after the shift's end an engineer may still be driving home (the last service ends by the shift's end).</summary>
    public static readonly TimeSpan ReturnAllowance = TimeSpan.FromHours(1);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>States of a job the plan may hand to another engineer; accepted or scheduled jobs stay with theirs.</summary>
    private static readonly WorkOrderState[] Movable = [WorkOrderState.Created, WorkOrderState.Declined, WorkOrderState.Reopened, WorkOrderState.Assigned];

    private static readonly WorkOrderState[] NotOnSiteYet = [.. Movable, WorkOrderState.Accepted, WorkOrderState.Scheduled];

    public async Task<Result<RoutePlanView>> HandleAsync(ClaimsPrincipal actor, ComputeRoutePlanRequest request, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (request.StationId is null)
        {
            v.Add("stationId", ErrorCodes.Required);
        }

        if (request.Date is null)
        {
            v.Add("date", ErrorCodes.Required);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var snapshot = await network.SnapshotAsync(cancellationToken);
        var staff = snapshot.Engineers.Where(e => e.StationId == request.StationId && e.IsActive).ToList();
        if (staff.Count == 0)
        {
            return new Validation().Add("stationId", ErrorCodes.NotFound).ToError()!;
        }

        var date = request.Date!.Value;
        var midnight = TimeDisplay.ToUtc(date, TimeOnly.MinValue);
        var station = staff[0];
        var engineers = new List<(DispatchableEngineer Who, PlanningEngineer Input, string From)>();
        foreach (var e in staff.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (e.ShiftOn(date) is not { } shift || (e.Home ?? e.Station) is not { } start)
            {
                continue; // off that day, or nowhere to start from
            }

            var end = shift.End > shift.Start ? shift.End.ToTimeSpan() : shift.End.ToTimeSpan() + TimeSpan.FromDays(1);
            engineers.Add((e, new PlanningEngineer(e.UserId, start, shift.Start.ToTimeSpan(), end, end + ReturnAllowance, e.DailyCapacity, e.Skills.ToList()),
                e.Home is null ? "station" : "home"));
        }

        var jobs = await JobsAsync(staff, engineers.Select(e => e.Who.UserId).ToHashSet(), date, midnight, cancellationToken);
        var pins = (request.Pins ?? []).GroupBy(p => p.WorkOrderId).ToDictionary(g => g.Key, g => g.Last().EngineerId);
        var inputs = jobs.Where(j => j.Latitude is not null).Select(j => new PlanningJob(
            j.Id, new GeoPoint(j.Latitude!.Value, j.Longitude!.Value), j.WindowStart, j.WindowEnd, TimeSpan.FromMinutes(j.ServiceMinutes), j.Skill,
            j.PinnedEngineerId ?? (pins.TryGetValue(j.Id, out var pin) ? pin : null))).ToList();
        var budget = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Dispatch:RoutePlanSeconds", 5.0), 0.2, 60));
        var planned = await planning.PlanAsync(engineers.Select(e => e.Input).ToList(), inputs, budget, cancellationToken);

        var routes = planned.Routes.ToDictionary(r => r.EngineerId);
        var engineerOf = planned.Routes.SelectMany(r => r.Stops.Select(s => (s.JobId, r.EngineerId))).ToDictionary(x => x.JobId, x => x.EngineerId);
        var misses = planned.Unassigned.ToDictionary(u => u.JobId, u => u.Reason);
        var pinnedOf = inputs.ToDictionary(i => i.Id, i => i.PinnedEngineerId);
        var document = new RoutePlanDocument(
            request.StationId!.Value, station.StationName, date, station.Station?.Latitude, station.Station?.Longitude, planned.Planner,
            engineers.Select(e =>
            {
                var r = routes[e.Who.UserId];
                return new PlanEngineer(e.Who.UserId, e.Who.Name, e.Input.Start.Latitude, e.Input.Start.Longitude, e.From, e.Input.ShiftStart, e.Input.ShiftEnd,
                    e.Input.ReturnBy, e.Input.Capacity, e.Input.Skills.Order(StringComparer.Ordinal).ToList(), r.Departure, r.ReturnAt, r.ReturnLegMetres, r.ReturnLegSeconds,
                    r.Stops.Select(s => new PlanStop(s.JobId, s.Arrival, s.ServiceStart, s.ServiceEnd, s.LegMetres, s.LegSeconds)).ToList());
            }).ToList(),
            jobs.Select(j => j with
            {
                PinnedEngineerId = pinnedOf.GetValueOrDefault(j.Id),
                EngineerId = engineerOf.TryGetValue(j.Id, out var who) ? who : null,
                Reason = j.Latitude is null ? PlanReasons.NoLocation : misses.GetValueOrDefault(j.Id),
            }).OrderBy(j => j.WindowStart).ThenBy(j => j.Number, StringComparer.Ordinal).ToList());

        var now = time.GetUtcNow();
        var earlier = await db.Set<RoutePlan>()
            .Where(p => p.StationId == document.StationId && p.Date == date && p.Status == RoutePlanStatus.Proposed).ToListAsync(cancellationToken);
        earlier.ForEach(p => p.Supersede());
        var plan = RoutePlan.Propose(tenant.RequireTenantId(), document.StationId, date, JsonSerializer.Serialize(document, Json), actor.UserId(), actor.DisplayName(), now);
        db.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return RoutePlanQueries.View(plan, document);
    }

    /// <summary>The day's jobs: held by these engineers and not started on site, or waiting in the station's districts.</summary>
    private async Task<List<PlanJob>> JobsAsync(
        IReadOnlyList<DispatchableEngineer> staff, HashSet<Guid> onShift, DateOnly date, DateTimeOffset midnight, CancellationToken cancellationToken)
    {
        var districts = staff.SelectMany(e => e.Districts).Distinct().ToList();
        var held = await desk.AssignedToAsync(staff.Select(e => e.UserId).ToList(), cancellationToken);
        var waiting = await desk.UnassignedAsync(null, 2000, cancellationToken);
        var facts = held.Where(f => NotOnSiteYet.Contains(f.State))
            .Concat(waiting.Where(f => f.RegionCode is { } region && districts.Any(d => region.StartsWith(d, StringComparison.Ordinal))))
            .Where(f => f.IsOnSite && f.AppointmentStart is { } s && f.AppointmentEnd is not null && TimeDisplay.DateOf(s) == date)
            .DistinctBy(f => f.Id).ToList();
        var names = await customers.NamesAsync(facts.Select(f => f.CustomerId).Distinct().ToList(), cancellationToken);
        var categories = new Dictionary<Guid, string?>();
        var jobs = new List<PlanJob>();
        foreach (var f in facts)
        {
            var location = await customers.AddressOfJobAsync(f.AddressId, f.CustomerId, cancellationToken);
            var hasPoint = location is { Latitude: not null, Longitude: not null };
            string? skill = null;
            if (f.UnitId is { } unitId && await customers.FindUnitAsync(unitId, cancellationToken) is { } unit)
            {
                if (!categories.TryGetValue(unit.ModelId, out skill))
                {
                    skill = categories[unit.ModelId] = (await catalog.FindModelAsync(unit.ModelId, cancellationToken))?.CategoryCode;
                }
            }

            var windowStart = f.AppointmentStart!.Value - midnight;
            var windowEnd = Clamp(f.AppointmentEnd!.Value - midnight);
            Guid? pinned = f.AssigneeId is { } holder && !Movable.Contains(f.State) && onShift.Contains(holder) ? holder : null;
            if (f.AssigneeId is { } absent && !Movable.Contains(f.State) && !onShift.Contains(absent))
            {
                pinned = absent; // accepted by an engineer who is off that day: the engine says pinned_engineer_absent
            }

            jobs.Add(new PlanJob(f.Id, f.Number, char.ToLowerInvariant(f.Kind.ToString()[0]) + f.Kind.ToString()[1..], f.Version,
                char.ToLowerInvariant(f.State.ToString()[0]) + f.State.ToString()[1..], f.AssigneeId, names.GetValueOrDefault(f.CustomerId) ?? "",
                hasPoint ? location!.Latitude : null, hasPoint ? location!.Longitude : null, windowStart, windowEnd,
                (int)ServiceDurations.Of(f.Kind).TotalMinutes, skill, pinned, null, null));
        }

        return jobs;
    }

    /// <summary>The engine plans up to two days after midnight (a late shift's return).</summary>
    private static TimeSpan Clamp(TimeSpan offset) => offset < TimeSpan.Zero ? TimeSpan.Zero : offset > TimeSpan.FromDays(2) ? TimeSpan.FromDays(2) : offset;
}
