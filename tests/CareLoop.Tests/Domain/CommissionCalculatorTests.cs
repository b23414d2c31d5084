using CareLoop.Modules.Settlement.Domain;
using CareLoop.Modules.WorkOrders.Contracts;

namespace CareLoop.Tests.Domain;

/// <summary>The commission rules evaluated alone: the order base → distance → bonus → job cap → monthly cap → penalties, and what a rule set may not be.</summary>
public sealed class CommissionCalculatorTests
{
    private static readonly CommissionRules Rules = new(
        [new BaseAmount(WorkOrderKind.Installation, "water-purifier", 8000), new BaseAmount(WorkOrderKind.Installation, "*", 6000)],
        [new DistanceBand(0, 10, 0), new DistanceBand(10, 30, 1500), new DistanceBand(30, 80, 4000)],
        Csat5BonusFen: 1000, SlaBreachPenaltyFen: 2000, RepeatRepairPenaltyFen: 3000, ComplaintPenaltyFen: 5000, JobCapFen: 10000, MonthlyCapFen: 40000, ProviderFeeFen: 0);

    public static TheoryData<string?, double?, int?, bool, long, string> Cases => new()
    {
        { "water-purifier", 5, 4, false, 0, "base:8000" },
        { "floor-washer", 5, 4, false, 0, "base:6000" },                                   // the kind's * row
        { "water-purifier", 10, 4, false, 0, "base:8000 distance:1500" },                   // a band includes its start
        { "water-purifier", 29.99, 4, false, 0, "base:8000 distance:1500" },
        { "water-purifier", 30, 5, false, 0, "base:8000 distance:4000 csat5_bonus:1000 job_cap:-3000" },
        { "water-purifier", 80, 5, false, 0, "base:8000 csat5_bonus:1000" },                // beyond the last band: no allowance
        { "water-purifier", null, null, true, 0, "base:8000 sla_breach:-2000" },            // unknown distance: no allowance
        { "water-purifier", 5, 5, true, 36000, "base:8000 csat5_bonus:1000 monthly_cap:-5000 sla_breach:-2000" }, // penalties are not capped
        { "water-purifier", 5, 5, false, 45000, "base:8000 csat5_bonus:1000 monthly_cap:-9000" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Rules_are_applied_in_order_and_caps_limit_only_earnings(string? category, double? km, int? csat, bool breached, long earned, string expected)
    {
        var lines = CommissionCalculator.Evaluate(Rules, new JobFacts(WorkOrderKind.Installation, category, km, csat, breached, earned));

        Assert.Equal(expected, string.Join(' ', lines.Select(l => $"{l.RuleCode}:{l.AmountFen}")));
    }

    [Fact]
    public void A_rule_set_with_overlapping_or_inverted_bands_negative_amounts_or_duplicate_rows_is_invalid()
    {
        var bad = Rules with
        {
            BaseAmounts = [new BaseAmount(WorkOrderKind.Installation, "water-purifier", 1), new BaseAmount(WorkOrderKind.Installation, "water-purifier", -5)],
            DistanceBands = [new DistanceBand(0, 10, 0), new DistanceBand(9.5m, 12, 0), new DistanceBand(20, 20, 0)],
            MonthlyCapFen = 0,
        };

        var fields = bad.Validate()!.Fields!.Select(f => $"{f.Field}:{f.Code}").ToList();

        Assert.Equal(["baseAmounts[1].categoryCode:duplicate", "baseAmounts[1].amountFen:negative_amount", "distanceBands[1].fromKm:band_overlap", "distanceBands[2].toKm:band_inverted", "monthlyCapFen:must_be_positive"], fields);
        Assert.Null(Rules.Validate());
    }
}
