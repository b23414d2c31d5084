using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Dispatch.Domain;

public enum RoutePlanStatus
{
    /// <summary>Computed, waiting for the dispatcher.</summary>
    Proposed = 1,

    /// <summary>Applied: assignments and planned arrivals were updated from it.</summary>
    Accepted = 2,

    /// <summary>A newer plan for the same station and day replaced it before it was accepted.</summary>
    Superseded = 3,
}

/// <summary>
/// A station's day-route plan (docs/adr/0017): the inputs and the engine's routes as JSON
/// (<see cref="Features.PlanRoutes.RoutePlanDocument"/>), proposed until a dispatcher accepts it or a newer plan
/// supersedes it. Only a proposed plan may be accepted, once.
/// </summary>
public sealed class RoutePlan : ITenantOwned
{
    private RoutePlan()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid StationId { get; private set; }

    /// <summary>The local day planned.</summary>
    public DateOnly Date { get; private set; }

    public RoutePlanStatus Status { get; private set; }

    public string Document { get; private set; } = "";

    public Guid? CreatedById { get; private set; }

    public string CreatedByName { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public string? AcceptedByName { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public static RoutePlan Propose(Guid tenantId, Guid stationId, DateOnly date, string document, Guid? actorId, string actorName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        StationId = stationId,
        Date = date,
        Status = RoutePlanStatus.Proposed,
        Document = document,
        CreatedById = actorId,
        CreatedByName = actorName,
        CreatedAt = now,
    };

    public void Accept(string actorName, DateTimeOffset now)
    {
        RequireProposed();
        Status = RoutePlanStatus.Accepted;
        AcceptedByName = actorName;
        AcceptedAt = now;
    }

    public void Supersede()
    {
        RequireProposed();
        Status = RoutePlanStatus.Superseded;
    }

    private void RequireProposed()
    {
        if (Status != RoutePlanStatus.Proposed)
        {
            throw new InvalidOperationException($"Route plan {Id} is {Status}, not proposed.");
        }
    }
}
