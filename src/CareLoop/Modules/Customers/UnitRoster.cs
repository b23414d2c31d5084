using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers;

/// <summary><see cref="IUnitRoster"/>: one query for the units, one for their owners, one catalog query for the warranty.</summary>
internal sealed class UnitRoster(CareLoopDbContext db, UnitWarranty warranty) : IUnitRoster
{
    public async Task<IReadOnlyList<UnitLifecycleFacts>> RegisteredSinceAsync(DateTimeOffset from, int skip, int take, CancellationToken cancellationToken)
    {
        var units = await db.Set<RegisteredUnit>().AsNoTracking().Include(u => u.Extensions)
            .Where(u => u.RegisteredAt >= from).OrderBy(u => u.RegisteredAt).ThenBy(u => u.Id).Skip(skip).Take(take)
            .ToListAsync(cancellationToken);
        return await FactsOfAsync(units, cancellationToken);
    }

    public async Task<IReadOnlyList<UnitLifecycleFacts>> FactsAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken cancellationToken)
    {
        if (unitIds.Count == 0)
        {
            return [];
        }

        var units = await db.Set<RegisteredUnit>().AsNoTracking().Include(u => u.Extensions).Where(u => unitIds.Contains(u.Id)).ToListAsync(cancellationToken);
        return await FactsOfAsync(units, cancellationToken);
    }

    private async Task<IReadOnlyList<UnitLifecycleFacts>> FactsOfAsync(List<RegisteredUnit> units, CancellationToken cancellationToken)
    {
        if (units.Count == 0)
        {
            return [];
        }

        var ownerIds = units.Select(u => u.CustomerId).Distinct().ToList();
        var owners = (await db.Set<Customer>().AsNoTracking().Include(c => c.Addresses).Where(c => ownerIds.Contains(c.Id)).ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id);
        var covers = await warranty.CoverageAsync(units, cancellationToken);
        return units.Select((u, i) =>
        {
            owners.TryGetValue(u.CustomerId, out var owner);
            var main = covers[i].Covers.FirstOrDefault(c => c.Scope == WarrantyScopes.MainUnit);
            return new UnitLifecycleFacts(
                u.Id, u.CustomerId, u.ModelId, u.InstallDate ?? u.DeliveryDate ?? u.PurchaseDate ?? TimeDisplay.DateOf(u.RegisteredAt), u.RegisteredAt,
                owner?.Addresses.OrderByDescending(a => a.IsDefault).Select(a => a.DistrictCode).FirstOrDefault(), owner?.Tags ?? [], main?.End);
        }).ToList();
    }
}
