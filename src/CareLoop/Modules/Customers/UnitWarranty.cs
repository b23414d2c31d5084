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
    public async Task<IReadOnlyList<CoverView>> CoversAsync(RegisteredUnit unit, CancellationToken cancellationToken) =>
        (await CoverageAsync([unit], cancellationToken))[0].Covers;

    /// <summary>Many units in one catalog query; in the order given.</summary>
    public async Task<IReadOnlyList<(string? ModelName, IReadOnlyList<CoverView> Covers)>> CoverageAsync(IReadOnlyList<RegisteredUnit> units, CancellationToken cancellationToken)
    {
        if (units.Count == 0)
        {
            return [];
        }

        var today = TimeDisplay.Today(time);
        var coverage = await catalog.CoverageAsync(units.Select(u => new UnitFacts(u.ModelId, u.PurchaseDate, u.DeliveryDate, null)).ToList(), cancellationToken);
        return units.Zip(coverage, (unit, c) => (c.ModelName, (IReadOnlyList<CoverView>)c.Covers
                .Select(cover =>
                {
                    var end = unit.EffectiveEnd(cover.Scope, cover.End, WarrantyScopes.MainUnit);
                    return new CoverView(cover.Scope, cover.Start, end, WarrantyScopes.DaysRemaining(end, today));
                })
                .ToList()))
            .ToList();
    }
}
