using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.Settlement.Domain;

/// <summary>The base amount for one work-order kind and product category (<c>*</c>: any category of that kind).</summary>
public sealed record BaseAmount(WorkOrderKind Kind, string CategoryCode, long AmountFen);

/// <summary>An allowance for a job between <paramref name="FromKm"/> (inclusive) and <paramref name="ToKm"/> (exclusive) from the engineer's base.</summary>
public sealed record DistanceBand(decimal FromKm, decimal ToKm, long AmountFen);

/// <summary>
/// A tenant's commission rules (one version of them): base amounts per kind × category, distance allowance bands, the CSAT-5
/// bonus, the penalties (SLA breach, repeat repair within 30 days, complaint; positive amounts, posted negative), caps per job
/// and per engineer per calendar month (null: none), and the fee a contracted provider earns per confirmed job on top of
/// its engineer's commission. See docs/adr/0025.
/// </summary>
public sealed record CommissionRules(
    IReadOnlyList<BaseAmount> BaseAmounts,
    IReadOnlyList<DistanceBand> DistanceBands,
    long Csat5BonusFen,
    long SlaBreachPenaltyFen,
    long RepeatRepairPenaltyFen,
    long ComplaintPenaltyFen,
    long? JobCapFen,
    long? MonthlyCapFen,
    long ProviderFeeFen)
{
    public const string AnyCategory = "*";

    public static readonly CommissionRules Empty = new([], [], 0, 0, 0, 0, null, null, 0);

    /// <summary>Field errors for a rule set to be saved: negative amounts, duplicate base rows, inverted or overlapping bands, caps not positive.</summary>
    public Error? Validate()
    {
        var v = new Validation();
        var seen = new HashSet<(WorkOrderKind, string)>();
        for (var i = 0; i < (BaseAmounts ?? []).Count; i++)
        {
            var b = BaseAmounts![i];
            if (!Enum.IsDefined(b.Kind))
            {
                v.Add($"baseAmounts[{i}].kind", ErrorCodes.InvalidFormat);
            }

            if (string.IsNullOrWhiteSpace(b.CategoryCode))
            {
                v.Add($"baseAmounts[{i}].categoryCode", ErrorCodes.Required);
            }
            else if (!seen.Add((b.Kind, b.CategoryCode.Trim())))
            {
                v.Add($"baseAmounts[{i}].categoryCode", ErrorCodes.Duplicate);
            }

            NotNegative(v, $"baseAmounts[{i}].amountFen", b.AmountFen);
        }

        var bands = DistanceBands ?? [];
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            if (band.FromKm < 0)
            {
                v.Add($"distanceBands[{i}].fromKm", ErrorCodes.OutOfRange, 0, 10000);
            }

            if (band.ToKm <= band.FromKm)
            {
                v.Add($"distanceBands[{i}].toKm", SettlementErrors.BandInverted);
            }

            NotNegative(v, $"distanceBands[{i}].amountFen", band.AmountFen);
            for (var j = 0; j < i; j++)
            {
                var other = bands[j];
                if (band.ToKm > band.FromKm && other.ToKm > other.FromKm && band.FromKm < other.ToKm && other.FromKm < band.ToKm)
                {
                    v.Add($"distanceBands[{i}].fromKm", SettlementErrors.BandOverlap, j + 1);
                }
            }
        }

        NotNegative(v, "csat5BonusFen", Csat5BonusFen);
        NotNegative(v, "slaBreachPenaltyFen", SlaBreachPenaltyFen);
        NotNegative(v, "repeatRepairPenaltyFen", RepeatRepairPenaltyFen);
        NotNegative(v, "complaintPenaltyFen", ComplaintPenaltyFen);
        NotNegative(v, "providerFeeFen", ProviderFeeFen);
        if (JobCapFen is <= 0)
        {
            v.Add("jobCapFen", SettlementErrors.MustBePositive);
        }

        if (MonthlyCapFen is <= 0)
        {
            v.Add("monthlyCapFen", SettlementErrors.MustBePositive);
        }

        return v.ToError();
    }

    /// <summary>The base for the kind and category, else the kind's <c>*</c> row, else none.</summary>
    public BaseAmount? BaseFor(WorkOrderKind kind, string? categoryCode) =>
        BaseAmounts.FirstOrDefault(b => b.Kind == kind && b.CategoryCode == categoryCode) ??
        BaseAmounts.FirstOrDefault(b => b.Kind == kind && b.CategoryCode == AnyCategory);

    public DistanceBand? BandFor(double km) =>
        DistanceBands.FirstOrDefault(b => (double)b.FromKm <= km && km < (double)b.ToKm);

    private static void NotNegative(Validation v, string field, long amount)
    {
        if (amount < 0)
        {
            v.Add(field, SettlementErrors.Negative);
        }
    }
}

/// <summary>Settlement's stable error codes (problem and field codes; localized as <c>Field.{code}</c> / <c>Problem.{code}.*</c>).</summary>
public static class SettlementErrors
{
    public const string BandInverted = "band_inverted";
    public const string BandOverlap = "band_overlap";
    public const string Negative = "negative_amount";
    public const string MustBePositive = "must_be_positive";
    public const string PeriodNotOver = "period_not_over";
    public const string ApproverRequired = "approver_required";
    public const string ApproverIsRequester = "approver_is_requester";
    public const string AlreadyReversed = "already_reversed";
    public const string IllegalStatementMove = "illegal_statement_move";
    public const string CorrectionAmountRange = "correction_amount_range";
}
