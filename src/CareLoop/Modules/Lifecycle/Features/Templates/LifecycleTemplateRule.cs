using CareLoop.Modules.Lifecycle.Domain;
using CareLoop.Modules.Outreach.Contracts;

namespace CareLoop.Modules.Lifecycle.Features.Templates;

/// <summary>
/// Lifecycle's say in the Outreach template store: a <c>lifecycle.*</c> key must read <c>lifecycle.{reminder|warranty|tip}.{days}</c>
/// with 1–365 days, and its text may use only what the daily run fills for that kind (refused on save, naming them).
/// </summary>
public sealed class LifecycleTemplateRule : ITemplateKeyRule
{
    /// <summary>The same code (and message) as Outreach's own placeholder check: the list offered is what this kind fills.</summary>
    private const string UnknownPlaceholder = "unknown_placeholder";

    public string Prefix => LifecycleTemplateKeys.Prefix;

    public string HintResource => "Lifecycle.TemplatesHint";

    public IReadOnlyList<TemplateRuleIssue> Check(string key, IReadOnlyCollection<string> placeholders)
    {
        if (!LifecycleTemplateKeys.TryParse(key, out var kind, out var days))
        {
            return [new TemplateRuleIssue("key", LifecycleErrors.TemplateKey, LifecycleTemplateKeys.Grammar)];
        }

        var issues = new List<TemplateRuleIssue>();
        if (days is < LifecycleTemplateKeys.MinDays or > LifecycleTemplateKeys.MaxDays)
        {
            issues.Add(new TemplateRuleIssue("key", LifecycleErrors.TemplateDays, LifecycleTemplateKeys.MinDays, LifecycleTemplateKeys.MaxDays));
        }

        var fills = LifecycleTemplateKeys.Fills(kind);
        var unfilled = placeholders.Where(p => !fills.Contains(p)).ToList();
        if (unfilled.Count > 0)
        {
            issues.Add(new TemplateRuleIssue("text", UnknownPlaceholder, string.Join(", ", unfilled.Select(p => "{" + p + "}")),
                string.Join(" ", fills.Order(StringComparer.Ordinal).Select(p => "{" + p + "}"))));
        }

        return issues;
    }
}
