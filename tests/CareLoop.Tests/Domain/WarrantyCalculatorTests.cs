using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Catalog.Domain;

namespace CareLoop.Tests.Domain;

public sealed class WarrantyCalculatorTests
{
    private static readonly WarrantyPolicy Vacuum = new(24, 6, WarrantyStartRule.DeliveryDatePlusDays, 7, true, [new ComponentWarranty("motor", 60)]);

    [Fact]
    public void E_commerce_cover_starts_n_days_after_delivery_and_each_scope_ends_the_day_before_its_anniversary()
    {
        var covers = WarrantyCalculator.Covers(Vacuum, new WarrantyFacts(null, new DateOnly(2026, 11, 11), null));

        Assert.Equal(new DateOnly(2026, 11, 18), covers[0].Start);
        Assert.Equal(new WarrantyCover(WarrantyScopes.MainUnit, new DateOnly(2026, 11, 18), new DateOnly(2028, 11, 17)), covers[0]);
        Assert.Equal(new DateOnly(2027, 5, 17), covers.Single(c => c.Scope == WarrantyScopes.WearParts).End);
        Assert.Equal(new DateOnly(2031, 11, 17), covers.Single(c => c.Scope == "motor").End);
    }

    [Fact]
    public void Invoice_and_manufacture_rules_use_their_own_dates()
    {
        var invoice = WarrantyPolicy.Standard;
        var noProof = new WarrantyPolicy(12, 3, WarrantyStartRule.ManufactureDatePlusMonths, 3, false, []);
        var facts = new WarrantyFacts(new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 5), new DateOnly(2025, 10, 1));

        Assert.Equal(new DateOnly(2026, 1, 31), WarrantyCalculator.Start(invoice, facts));
        Assert.Equal(new DateOnly(2027, 1, 30), WarrantyCalculator.Covers(invoice, facts)[0].End);
        Assert.Equal(new DateOnly(2026, 1, 1), WarrantyCalculator.Start(noProof, facts));
    }

    [Fact]
    public void Without_the_date_its_rule_needs_there_is_no_cover()
    {
        Assert.Empty(WarrantyCalculator.Covers(Vacuum, new WarrantyFacts(new DateOnly(2026, 1, 1), null, null)));
    }

    [Theory]
    [InlineData("2026-11-24", "2026-11-24", 1)]
    [InlineData("2026-11-24", "2026-11-20", 5)]
    [InlineData("2026-11-24", "2026-11-25", 0)]
    public void Days_remaining_count_today_and_never_go_negative(string end, string today, int expected) =>
        Assert.Equal(expected, WarrantyScopes.DaysRemaining(DateOnly.Parse(end), DateOnly.Parse(today)));

    [Fact]
    public void A_model_checks_serials_against_its_pattern_and_rejects_invalid_patterns()
    {
        var model = ProductModel.Create(Guid.NewGuid(), "rv-x20", "X20", Guid.NewGuid(), DateTimeOffset.UnixEpoch);
        model.Describe("X20", model.CategoryId, null, null, true, "RVX20[0-9]{8}");

        Assert.Equal("RV-X20", model.Sku);
        Assert.True(model.AcceptsSerial("RVX2012345678"));
        Assert.False(model.AcceptsSerial("RVX20123"));
        Assert.False(model.AcceptsSerial("XRVX2012345678"));
        Assert.False(ProductModel.IsValidPattern("([0-9"));
    }
}
