using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Localization;

namespace CareLoop.Modules.Customers;

public sealed record CoverView(string Scope, DateOnly Start, DateOnly End, int DaysRemaining);

/// <summary>
/// A unit's warranty today: the model's policy (from the catalog) applied to the unit's dates, lengthened by
/// approved extensions and cut short by a transfer the policy does not follow.
/// </summary>
public sealed class UnitWarranty(ICatalog catalog, TimeProvider time)
{
    public async Task<IReadOnlyList<CoverView>> CoversAsync(RegisteredUnit unit, CancellationToken cancellationToken)
    {
        var today = TimeDisplay.Today(time);
        return (await catalog.WarrantyCoversAsync(unit.ModelId, unit.PurchaseDate, unit.DeliveryDate, null, cancellationToken))
            .Select(cover =>
            {
                var end = unit.EffectiveEnd(cover.Scope, cover.End, WarrantyScopes.MainUnit);
                return new CoverView(cover.Scope, cover.Start, end, WarrantyScopes.DaysRemaining(end, today));
            })
            .ToList();
    }
}
