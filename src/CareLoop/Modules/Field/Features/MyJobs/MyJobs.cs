using System.Globalization;
using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Dispatch.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.Field.Features.MyJobs;

public enum SlaBadge
{
    None,
    OnTrack,
    AtRisk,
    Breached,
}

/// <summary>
/// A job card on the phone. <paramref name="Address"/> is the street for the engineer's own jobs; a pool offer shows
/// only the district until it is grabbed. <paramref name="OfferId"/> is set for pool offers.
/// </summary>
public sealed record JobCard(
    Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, long Version, DateTimeOffset? Start, DateTimeOffset? End, string? District,
    string? Address, SlaBadge Sla, DateTimeOffset? SlaDueAt, Guid? OfferId, DateTimeOffset? OfferExpiresAt, double? Latitude = null, double? Longitude = null);

/// <summary>Today: booked for today or earlier, or not booked yet (it needs a call). Upcoming: booked for a later day.</summary>
public sealed record MyJobsView(IReadOnlyList<JobCard> Today, IReadOnlyList<JobCard> Upcoming, IReadOnlyList<JobCard> Pool);

/// <summary>One job in detail; <paramref name="MapLink"/> opens the address in the phone's map app (AMap, else a geo: search).</summary>
public sealed record JobView(JobCard Card, string Description, string? CustomerName, string? MaskedPhone, string? MapLink);

/// <summary>The engineer's jobs and pool offers, and one job's details: own jobs, or offers made to them; nothing else exists.</summary>
public sealed class MyJobsHandler(IEngineerJobs jobs, IGrabOffers pool, ICustomerDirectory customers, IRegionDirectory regions, TimeProvider time)
{
    public async Task<Result<MyJobsView>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.MobileUse))
        {
            return Error.Forbidden();
        }

        var mine = new List<JobCard>();
        foreach (var job in await jobs.MineAsync(actor, cancellationToken))
        {
            mine.Add(await CardAsync(job, null, withAddress: true, cancellationToken));
        }

        var tomorrow = TimeDisplay.ToUtc(TimeDisplay.Today(time).AddDays(1), TimeOnly.MinValue);
        var today = mine.Where(c => c.Start is null || c.Start < tomorrow).ToList();
        var upcoming = mine.Where(c => c.Start >= tomorrow).ToList();
        return new MyJobsView(today, upcoming, await PoolAsync(actor, cancellationToken));
    }

    public async Task<Result<JobView>> FindAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.MobileUse))
        {
            return Error.Forbidden();
        }

        if (await jobs.FindMineAsync(actor, id, cancellationToken) is { } job)
        {
            var card = await CardAsync(job, null, withAddress: true, cancellationToken);
            var customer = await customers.FindAsync(job.CustomerId, cancellationToken);
            var address = await customers.AddressOfJobAsync(job.AddressId, job.CustomerId, cancellationToken);
            return new JobView(card, job.Description, customer?.Name, customer?.MaskedPhone, MapLink(address));
        }

        var offered = (await PoolAsync(actor, cancellationToken)).FirstOrDefault(c => c.Id == id);
        return offered is null ? Error.NotFound() : new JobView(offered, "", null, null, null);
    }

    private async Task<IReadOnlyList<JobCard>> PoolAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var offers = await pool.OpenForAsync(actor, cancellationToken);
        if (!offers.IsSuccess || offers.Value!.Count == 0)
        {
            return [];
        }

        var orders = (await jobs.OfferedAsync(offers.Value.Select(o => o.WorkOrderId).ToList(), cancellationToken)).ToDictionary(j => j.Id);
        var cards = new List<JobCard>();
        foreach (var offer in offers.Value.Where(o => orders.ContainsKey(o.WorkOrderId)))
        {
            cards.Add(await CardAsync(orders[offer.WorkOrderId], offer, withAddress: false, cancellationToken));
        }

        return cards;
    }

    private async Task<JobCard> CardAsync(EngineerJob job, PoolOffer? offer, bool withAddress, CancellationToken cancellationToken)
    {
        var address = withAddress ? await customers.AddressOfJobAsync(job.AddressId, job.CustomerId, cancellationToken) : null;
        var district = address is not null ? address.CityName + address.DistrictName : DistrictName(job.RegionCode);
        return new JobCard(job.Id, job.Number, job.Kind, job.State, job.Version, job.AppointmentStart, job.AppointmentEnd, district, address?.Detail,
            Badge(job), job.SlaDueAt, offer?.OfferId, offer?.ExpiresAt, address?.Latitude, address?.Longitude);
    }

    private string? DistrictName(string? code) =>
        code is null ? null : string.Concat(regions.PathOf(code).Skip(1).Select(r => r.Name)) is { Length: > 0 } name ? name : code;

    private SlaBadge Badge(EngineerJob job)
    {
        var now = time.GetUtcNow();
        return job.SlaDueAt is not { } due ? SlaBadge.None
            : now >= due ? SlaBadge.Breached
            : job.SlaWarnAt is { } warn && now >= warn ? SlaBadge.AtRisk
            : SlaBadge.OnTrack;
    }

    /// <summary>AMap's marker link opens its app (or web page) at the spot; without coordinates, a geo: search for the address.</summary>
    private static string? MapLink(JobAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        var name = Uri.EscapeDataString(address.CityName + address.DistrictName + address.Detail);
        return address is { Latitude: { } lat, Longitude: { } lng }
            ? string.Create(CultureInfo.InvariantCulture, $"https://uri.amap.com/marker?position={lng:0.######},{lat:0.######}&name={name}&callnative=1")
            : $"geo:0,0?q={name}";
    }
}
