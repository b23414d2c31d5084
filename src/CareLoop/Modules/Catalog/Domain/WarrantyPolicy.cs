namespace CareLoop.Modules.Catalog.Domain;

/// <summary>When the warranty clock of a unit starts (PRODUCT.md §3, issue 3).</summary>
public enum WarrantyStartRule
{
    /// <summary>The invoice (purchase) date.</summary>
    InvoiceDate = 1,

    /// <summary>E-commerce: delivery date plus <see cref="WarrantyPolicy.StartOffset"/> days.</summary>
    DeliveryDatePlusDays = 2,

    /// <summary>No proof of purchase: manufacture date plus <see cref="WarrantyPolicy.StartOffset"/> months.</summary>
    ManufactureDatePlusMonths = 3,
}

/// <summary>Longer cover for one component, e.g. the motor for 60 months.</summary>
public sealed record ComponentWarranty(string Component, int Months);

/// <summary>A model's warranty terms. A value: replaced as a whole when an admin edits it.</summary>
public sealed record WarrantyPolicy(
    int MainUnitMonths,
    int WearPartsMonths,
    WarrantyStartRule StartRule,
    int StartOffset,
    bool TransfersWithOwnership,
    IReadOnlyList<ComponentWarranty> Components)
{
    public static WarrantyPolicy Standard => new(12, 3, WarrantyStartRule.InvoiceDate, 0, true, []);
}
