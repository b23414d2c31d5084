using System.Text.RegularExpressions;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Lifecycle.Domain;

public enum TemplateKind
{
    /// <summary>The consumable reminder: <c>OffsetDays</c> before the due date (the reminder window, 7 by default).</summary>
    ConsumableReminder = 1,

    /// <summary><c>OffsetDays</c> before the main-unit warranty ends (30 by default).</summary>
    WarrantyExpiry = 2,

    /// <summary><c>OffsetDays</c> after installation (3 and 14 by default).</summary>
    UsageTip = 3,
}

/// <summary>A tenant's lifecycle message: when (days before or after its anchor) and what it says, with placeholders.</summary>
public sealed partial class LifecycleTemplate : ITenantOwned
{
    /// <summary>The placeholders a body may use; anything else in braces is refused on save.</summary>
    public static readonly IReadOnlySet<string> Placeholders = new HashSet<string> { "customer", "model", "items", "due", "price" };

    public const string ReminderKey = "consumable-reminder";

    private LifecycleTemplate()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Key { get; private set; } = "";

    public TemplateKind Kind { get; private set; }

    public int OffsetDays { get; private set; }

    public string Body { get; private set; } = "";

    public bool IsActive { get; private set; } = true;

    public DateTimeOffset UpdatedAt { get; private set; }

    public static LifecycleTemplate Create(Guid tenantId, string key, TemplateKind kind, int offsetDays, string body, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), TenantId = tenantId, Key = key.Trim().ToLowerInvariant(), Kind = kind, OffsetDays = offsetDays, Body = body.Trim(), UpdatedAt = now,
    };

    public void Change(int offsetDays, string body, bool isActive, DateTimeOffset now)
    {
        OffsetDays = offsetDays;
        Body = body.Trim();
        IsActive = isActive;
        UpdatedAt = now;
    }

    /// <summary>The placeholders of <paramref name="body"/> that are not known, in order of appearance.</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string body) =>
        PlaceholderPattern().Matches(body).Select(m => m.Groups[1].Value).Where(p => !Placeholders.Contains(p)).Distinct().ToList();

    /// <summary>The defaults a tenant starts with (created on first use).</summary>
    public static IEnumerable<LifecycleTemplate> Defaults(Guid tenantId, DateTimeOffset now) =>
    [
        Create(tenantId, ReminderKey, TemplateKind.ConsumableReminder, 7, "{customer}，您的{model}的{items}将于{due}到期，建议及时更换（{price}）。", now),
        Create(tenantId, "warranty-expiry", TemplateKind.WarrantyExpiry, 30, "{customer}，您的{model}保修将于{due}到期，可咨询延保服务。", now),
        Create(tenantId, "tip-day-3", TemplateKind.UsageTip, 3, "{customer}，感谢使用{model}，这里有几条使用小贴士。", now),
        Create(tenantId, "tip-day-14", TemplateKind.UsageTip, 14, "{customer}，{model}使用两周了，保养建议请查收。", now),
    ];

    [GeneratedRegex(@"\{([^{}]*)\}", RegexOptions.CultureInvariant, 100)]
    private static partial Regex PlaceholderPattern();
}
