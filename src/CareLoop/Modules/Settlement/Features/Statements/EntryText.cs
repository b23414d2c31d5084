using CareLoop.Modules.Settlement.Domain;
using Microsoft.Extensions.Localization;

namespace CareLoop.Modules.Settlement.Features.Statements;

/// <summary>The localized explanation of a ledger entry: which rule produced it, with its arguments (<c>Settlement.Rule.{code}</c>).</summary>
public static class EntryText
{
    public static string Explain(IStringLocalizer text, EntryRow entry)
    {
        // Padded: an explanation never fails on an entry with fewer arguments than its text names (imported or older entries).
        var args = entry.Args.Concat(Enumerable.Repeat("", 3)).Take(Math.Max(3, entry.Args.Count)).ToArray<object>();
        if (entry.RuleCode == RuleCodes.Base && args.Length > 0)
        {
            args[0] = text["WorkOrders.Kind." + args[0]].Value; // the kind in the reader's language
            if (args.Length > 1 && (string)args[1] == CommissionRules.AnyCategory)
            {
                args[1] = text["Settlement.AnyCategory"].Value;
            }
        }
        else if (entry.RuleCode == RuleCodes.Reversal && args.Length > 0)
        {
            args[0] = RuleName(text, (string)args[0]);
        }

        var explanation = text["Settlement.Rule." + entry.RuleCode, args].Value;
        return entry.Reason is { Length: > 0 } reason ? explanation + text["Settlement.Reason", reason].Value : explanation;
    }

    public static string RuleName(IStringLocalizer text, string code) => text["Settlement.RuleName." + code].Value;

    public static string Yuan(long fen) => new CareLoop.Platform.Results.Money(fen).ToString();

    public static string Period(int period) => $"{period / 100}-{period % 100:00}";
}
