using System.Globalization;
using CareLoop.Modules.WorkOrders.Contracts;

namespace CareLoop.Modules.Settlement.Domain;

/// <summary>What the rules look at for one confirmed job. <paramref name="EarnedThisMonthFen"/>: the engineer's earnings already posted in the month (for the monthly cap).</summary>
public sealed record JobFacts(WorkOrderKind Kind, string? CategoryCode, double? DistanceKm, int? Csat, bool SlaBreached, long EarnedThisMonthFen, string? CategoryName = null);

/// <summary>One ledger line the rules produce: the rule's code, the signed amount, and the arguments of its explanation.</summary>
public sealed record CommissionLine(string RuleCode, long AmountFen, IReadOnlyList<string> Args);

/// <summary>
/// Evaluates a rule set for one confirmed job, in a fixed order (docs/adr/0025): base (kind × category) → distance band →
/// CSAT-5 bonus → cap per job (on those earnings) → monthly cap (on what is left of the month's room) → SLA-breach penalty.
/// Penalties are never capped. Pure: no I/O, no clock.
/// </summary>
public static class CommissionCalculator
{
    /// <summary>Rule codes of earnings (what the caps limit), in evaluation order.</summary>
    public static readonly IReadOnlySet<string> Earnings = new HashSet<string> { RuleCodes.Base, RuleCodes.Distance, RuleCodes.Csat5Bonus, RuleCodes.JobCap, RuleCodes.MonthlyCap };

    public static IReadOnlyList<CommissionLine> Evaluate(CommissionRules rules, JobFacts job)
    {
        var lines = new List<CommissionLine>();
        if (rules.BaseFor(job.Kind, job.CategoryCode) is { } baseAmount)
        {
            lines.Add(new(RuleCodes.Base, baseAmount.AmountFen, [job.Kind.ToString(), job.CategoryName ?? job.CategoryCode ?? CommissionRules.AnyCategory]));
        }

        if (job.DistanceKm is { } km && rules.BandFor(km) is { AmountFen: > 0 } band)
        {
            lines.Add(new(RuleCodes.Distance, band.AmountFen, [Km(km), Km((double)band.FromKm), Km((double)band.ToKm)]));
        }

        if (job.Csat == 5 && rules.Csat5BonusFen > 0)
        {
            lines.Add(new(RuleCodes.Csat5Bonus, rules.Csat5BonusFen, []));
        }

        var earned = lines.Sum(l => l.AmountFen);
        if (rules.JobCapFen is { } jobCap && earned > jobCap)
        {
            lines.Add(new(RuleCodes.JobCap, jobCap - earned, [Fen(jobCap)]));
            earned = jobCap;
        }

        if (rules.MonthlyCapFen is { } monthCap)
        {
            var room = Math.Max(0, monthCap - Math.Max(0, job.EarnedThisMonthFen));
            if (earned > room)
            {
                lines.Add(new(RuleCodes.MonthlyCap, room - earned, [Fen(monthCap)]));
            }
        }

        if (job.SlaBreached && rules.SlaBreachPenaltyFen > 0)
        {
            lines.Add(new(RuleCodes.SlaBreach, -rules.SlaBreachPenaltyFen, []));
        }

        return lines;
    }

    private static string Km(double km) => km.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Fen(long fen) => new CareLoop.Platform.Results.Money(fen).ToString();
}

/// <summary>Which rule produced a ledger entry; also the resource key of its explanation (<c>Settlement.Rule.{code}</c>).</summary>
public static class RuleCodes
{
    public const string Base = "base";
    public const string Distance = "distance";
    public const string Csat5Bonus = "csat5_bonus";
    public const string JobCap = "job_cap";
    public const string MonthlyCap = "monthly_cap";
    public const string SlaBreach = "sla_breach";
    public const string RepeatRepair = "repeat_repair";
    public const string Complaint = "complaint";
    public const string ProviderSettlement = "provider_settlement";
    public const string Reversal = "reversal";

    public static readonly IReadOnlyList<string> All = [Base, Distance, Csat5Bonus, JobCap, MonthlyCap, SlaBreach, RepeatRepair, Complaint, ProviderSettlement, Reversal];
}
