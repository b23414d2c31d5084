using System.Security.Claims;
using CareLoop.Modules.Dispatch.Contracts;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.Dispatch.Features.Grab;

/// <summary><see cref="IGrabOffers"/> over <see cref="GrabPool"/>: the same rules as the API.</summary>
internal sealed class GrabOffers(GrabPool pool) : IGrabOffers
{
    public async Task<Result<IReadOnlyList<PoolOffer>>> OpenForAsync(ClaimsPrincipal engineer, CancellationToken cancellationToken)
    {
        var mine = await pool.MineAsync(engineer, cancellationToken);
        return mine.IsSuccess
            ? Result<IReadOnlyList<PoolOffer>>.Success(mine.Value!.Select(o => new PoolOffer(o.Id, o.WorkOrderId, o.WorkOrderNumber, o.RegionCode, o.ExpiresAt)).ToList())
            : mine.Error!;
    }

    public async Task<Result<Guid>> GrabAsync(ClaimsPrincipal engineer, Guid offerId, CancellationToken cancellationToken)
    {
        var grabbed = await pool.GrabAsync(engineer, offerId, cancellationToken);
        return grabbed.IsSuccess ? Result<Guid>.Success(grabbed.Value!.WorkOrderId) : grabbed.Error!;
    }
}
