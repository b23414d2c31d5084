using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Field.Domain;
using CareLoop.Modules.Field.Features.ExactlyOnce;
using CareLoop.Modules.Field.Features.FieldSettings;
using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Field.Features.CheckIn;

/// <summary>
/// Arrived on site, at the version the engineer saw, with the phone's position when it gave one (WGS-84; no position is
/// allowed and flagged). <c>accuracy</c> is the phone's radius in metres.
/// </summary>
public sealed record CheckInRequest(long? ExpectedVersion, double? Latitude = null, double? Longitude = null, double? Accuracy = null, string? IdempotencyKey = null);

/// <summary>A check-in as the phone and the staff page show it.</summary>
public sealed record CheckInView(DateTimeOffset At, CheckInFlag Flag, int? DistanceMeters, int ThresholdMeters, double? Latitude, double? Longitude);

public sealed record CheckedIn(Guid WorkOrderId, WorkOrderState State, CheckInView CheckIn, bool Replayed);

/// <summary>
/// Checks the engineer in on site through the work-order rules, once per key, and records how far they were from the
/// job's address (<see cref="CheckInRecord"/>, saved with the move): farther than the tenant's threshold is flagged
/// "far", no position "no location"; neither is refused.
/// </summary>
public sealed class CheckInHandler(
    IEngineerJobs jobs, ICustomerDirectory customers, FieldSettingsHandler settings, ExactlyOnceActions once, CareLoopDbContext db, TimeProvider time)
{
    public const string Action = "checkIn";

    public async Task<Result<CheckedIn>> HandleAsync(ClaimsPrincipal actor, Guid workOrderId, CheckInRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.MobileUse) || actor.UserId() is not { } me)
        {
            return Error.Forbidden();
        }

        var key = request.IdempotencyKey?.Trim();
        var v = ExactlyOnceActions.CheckKey(new Validation(), key);
        if (request.ExpectedVersion is null)
        {
            v.Add("expectedVersion", ErrorCodes.Required);
        }

        if (request.Latitude is < -90 or > 90 || request.Latitude is not null && double.IsNaN(request.Latitude.Value))
        {
            v.Add("latitude", ErrorCodes.OutOfRange, -90, 90);
        }

        if (request.Longitude is < -180 or > 180 || request.Longitude is not null && double.IsNaN(request.Longitude.Value))
        {
            v.Add("longitude", ErrorCodes.OutOfRange, -180, 180);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        if (await jobs.FindMineAsync(actor, workOrderId, cancellationToken) is not { } job)
        {
            return Error.NotFound();
        }

        var done = await once.RunAsync(me, key!, Action, workOrderId, async receipt =>
        {
            var address = await customers.AddressOfJobAsync(job.AddressId, job.CustomerId, cancellationToken);
            double? km = request is { Latitude: { } lat, Longitude: { } lng } && address is { Latitude: { } aLat, Longitude: { } aLng }
                ? new GeoPoint(lat, lng).KmTo(new GeoPoint(aLat, aLng))
                : null;
            var threshold = (await settings.GetAsync(cancellationToken)).FarCheckInMeters;
            var accuracy = request.Accuracy is { } a && a is >= 0 and < 1_000_000 ? (int?)Math.Round(a) : null;
            db.Add(CheckInRecord.Judge(workOrderId, me, time.GetUtcNow(), request.Latitude, request.Longitude, accuracy, km, threshold));
            receipt.Settle(nameof(WorkOrderState.OnSite));
            var moved = await jobs.MoveAsync(actor, workOrderId, new EngineerMove("checkIn", request.ExpectedVersion!.Value, Latitude: request.Latitude, Longitude: request.Longitude), cancellationToken);
            if (!moved.IsSuccess)
            {
                foreach (var staged in db.ChangeTracker.Entries<CheckInRecord>().Where(e => e.State == EntityState.Added).ToList())
                {
                    staged.State = EntityState.Detached;
                }

                return moved.Error!;
            }

            return moved.Value!.State.ToString();
        }, cancellationToken);
        if (!done.IsSuccess)
        {
            return done.Error!;
        }

        var latest = await LatestAsync(workOrderId, cancellationToken);
        var state = Enum.TryParse<WorkOrderState>(done.Value!.Outcome, out var s) ? s : WorkOrderState.OnSite;
        return new CheckedIn(workOrderId, state, latest!, done.Value.Replayed);
    }

    /// <summary>The order's latest check-in (the phone's own job, or any order for staff who see it), null before one.</summary>
    public async Task<CheckInView?> LatestAsync(Guid workOrderId, CancellationToken cancellationToken) =>
        await HistoryAsync(workOrderId, cancellationToken) is { Count: > 0 } history ? history[0] : null;

    /// <summary>The order's check-ins, newest first.</summary>
    public async Task<IReadOnlyList<CheckInView>> HistoryAsync(Guid workOrderId, CancellationToken cancellationToken)
    {
        var records = await db.Set<CheckInRecord>().AsNoTracking().Where(c => c.WorkOrderId == workOrderId).ToListAsync(cancellationToken);
        return records.OrderByDescending(c => c.At)
            .Select(c => new CheckInView(c.At, c.Flag, c.DistanceMeters, c.ThresholdMeters, c.Latitude, c.Longitude)).ToList();
    }
}
