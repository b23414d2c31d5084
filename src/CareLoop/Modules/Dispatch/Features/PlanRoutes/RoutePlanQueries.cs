using System.Text.Json;
using CareLoop.Modules.Dispatch.Domain;
using CareLoop.Modules.Network.Contracts;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Dispatch.Features.PlanRoutes;

/// <summary>Reading stored plans, and the stations one can plan.</summary>
public sealed class RoutePlanQueries(CareLoopDbContext db, INetwork network)
{
    public async Task<Result<RoutePlanView>> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Set<RoutePlan>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is { } plan
            ? View(plan, Read(plan))
            : Error.NotFound();

    /// <summary>The newest plan of a station's day (any status), or null.</summary>
    public async Task<RoutePlanView?> LatestAsync(Guid stationId, DateOnly date, CancellationToken cancellationToken)
    {
        var plans = await db.Set<RoutePlan>().AsNoTracking().Where(p => p.StationId == stationId && p.Date == date).ToListAsync(cancellationToken);
        return plans.MaxBy(p => p.CreatedAt) is { } plan ? View(plan, Read(plan)) : null;
    }

    public async Task<IReadOnlyList<PlanStation>> StationsAsync(CancellationToken cancellationToken) =>
        (await network.SnapshotAsync(cancellationToken)).Engineers
            .Where(e => e.IsActive && e.StationId is not null)
            .GroupBy(e => e.StationId!.Value)
            .Select(g => new PlanStation(g.Key, g.First().StationName, g.Count()))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    internal static RoutePlanDocument Read(RoutePlan plan) =>
        JsonSerializer.Deserialize<RoutePlanDocument>(plan.Document, ComputeRoutePlanHandler.Json)!;

    internal static RoutePlanView View(RoutePlan plan, RoutePlanDocument document) => new(
        plan.Id, plan.Status.ToString().ToLowerInvariant(), plan.CreatedAt, plan.CreatedByName, plan.AcceptedAt, plan.AcceptedByName,
        document.Engineers.Sum(e => e.Stops.Count), document.Jobs.Count(j => j.EngineerId is null),
        Math.Round(document.Engineers.Sum(e => e.TravelMetres) / 1000.0, 1), document);
}
