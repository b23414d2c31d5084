using CareLoop.Modules.Catalog.Contracts;

namespace CareLoop.Modules.Catalog.Domain;

/// <summary>The dates a unit's warranty starts from, as far as they are known.</summary>
public sealed record WarrantyFacts(DateOnly? InvoiceDate, DateOnly? DeliveryDate, DateOnly? ManufactureDate);

public sealed record WarrantyCover(string Scope, DateOnly Start, DateOnly End);

/// <summary>Pure warranty arithmetic: where the clock starts and when each cover ends.</summary>
public static class WarrantyCalculator
{
    /// <summary>The start date by the policy's rule; null when the fact the rule needs is missing.</summary>
    public static DateOnly? Start(WarrantyPolicy policy, WarrantyFacts facts) => policy.StartRule switch
    {
        WarrantyStartRule.InvoiceDate => facts.InvoiceDate,
        WarrantyStartRule.DeliveryDatePlusDays => facts.DeliveryDate?.AddDays(policy.StartOffset),
        WarrantyStartRule.ManufactureDatePlusMonths => facts.ManufactureDate?.AddMonths(policy.StartOffset),
        _ => null,
    };

    /// <summary>Main unit, wear parts and each component. A cover ends the day before the same date N months later.</summary>
    public static IReadOnlyList<WarrantyCover> Covers(WarrantyPolicy policy, WarrantyFacts facts)
    {
        if (Start(policy, facts) is not { } start)
        {
            return [];
        }

        var covers = new List<WarrantyCover>
        {
            new(WarrantyScopes.MainUnit, start, EndOf(start, policy.MainUnitMonths)),
            new(WarrantyScopes.WearParts, start, EndOf(start, policy.WearPartsMonths)),
        };
        covers.AddRange(policy.Components.Select(c => new WarrantyCover(c.Component, start, EndOf(start, c.Months))));
        return covers;
    }

    private static DateOnly EndOf(DateOnly start, int months) => months <= 0 ? start.AddDays(-1) : start.AddMonths(months).AddDays(-1);
}
