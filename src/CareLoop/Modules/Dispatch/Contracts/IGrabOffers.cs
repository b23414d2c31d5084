using System.Security.Claims;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.Dispatch.Contracts;

/// <summary>
/// Grab mode as other modules (the engineer's phone) may use it: the open offers made to the signed-in engineer and
/// grabbing one, with the rules of <c>GET /api/v1/dispatch/grab-pool</c> and its grab endpoint (409 <c>offer_gone</c>
/// when somebody was faster or the offer expired).
/// </summary>
public interface IGrabOffers
{
    Task<Result<IReadOnlyList<PoolOffer>>> OpenForAsync(ClaimsPrincipal engineer, CancellationToken cancellationToken);

    /// <summary>Grabs the offer: the order is assigned to the engineer. Commits its own transaction, with whatever the caller staged in the unit of work.</summary>
    Task<Result<Guid>> GrabAsync(ClaimsPrincipal engineer, Guid offerId, CancellationToken cancellationToken);
}

public sealed record PoolOffer(Guid OfferId, Guid WorkOrderId, string WorkOrderNumber, string? RegionCode, DateTimeOffset ExpiresAt);
