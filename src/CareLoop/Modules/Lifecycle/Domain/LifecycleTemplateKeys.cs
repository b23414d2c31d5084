using System.Globalization;

namespace CareLoop.Modules.Lifecycle.Domain;

/// <summary>What a lifecycle template says: the consumable reminder, a warranty-expiry notice, a usage tip.</summary>
public enum LifecycleMessageKind
{
    /// <summary><c>lifecycle.reminder.{days}</c>: consumables due within that many days (the reminder window, 7 by default).</summary>
    Reminder = 1,

    /// <summary><c>lifecycle.warranty.{days}</c>: that many days before the main-unit warranty ends (30 by default).</summary>
    Warranty = 2,

    /// <summary><c>lifecycle.tip.{days}</c>: that many days after installation (3 and 14 by default).</summary>
    Tip = 3,
}

/// <summary>One lifecycle template as its key reads: the Outreach template key, what it is for and its day offset.</summary>
public sealed record LifecycleMessage(string Key, LifecycleMessageKind Kind, int Days)
{
    /// <summary>The schedule row a milestone template gives every unit (none for the reminder: it covers the consumables' rows).</summary>
    public ScheduleKind? ScheduleKind => Kind switch
    {
        LifecycleMessageKind.Warranty => Domain.ScheduleKind.WarrantyExpiry,
        LifecycleMessageKind.Tip => Domain.ScheduleKind.UsageTip,
        _ => null,
    };
}

/// <summary>
/// Lifecycle's templates live in the one Outreach template store (docs/adr/0027): their key says when they go out,
/// <c>lifecycle.{reminder|warranty|tip}.{days}</c>, and their text may use only the placeholders the daily run fills.
/// Deleting a key stops that message; adding one (a tip on day 30) gives every unit that milestone on the next run.
/// </summary>
public static class LifecycleTemplateKeys
{
    public const string Prefix = "lifecycle.";

    public const int MinDays = 1;

    public const int MaxDays = 365;

    private static readonly Dictionary<string, LifecycleMessageKind> Names = new Dictionary<string, LifecycleMessageKind>(StringComparer.Ordinal)
    {
        ["reminder"] = LifecycleMessageKind.Reminder,
        ["warranty"] = LifecycleMessageKind.Warranty,
        ["tip"] = LifecycleMessageKind.Tip,
    };

    /// <summary>The key grammar, as the template page and the error message show it.</summary>
    public const string Grammar = "lifecycle.reminder.{days} · lifecycle.warranty.{days} · lifecycle.tip.{days}";

    /// <summary>The defaults a tenant starts with (registered on the first run, SMS; the tenant edits or deletes them like any template).</summary>
    public static readonly IReadOnlyList<(string Key, string Text, string ProviderTemplateId)> Defaults =
    [
        ("lifecycle.reminder.7", "{customerName}您好，您的{items}将于{dueDate}到期，建议及时更换。", "SMS_CARELOOP_CONSUMABLE_REMINDER"),
        ("lifecycle.warranty.30", "{customerName}您好，您的产品保修将于{warrantyEnd}到期，可咨询延保服务。", "SMS_CARELOOP_WARRANTY_EXPIRY"),
        ("lifecycle.tip.3", "{customerName}您好，感谢使用我们的产品，这里有几条使用小贴士。", "SMS_CARELOOP_TIP_DAY_3"),
        ("lifecycle.tip.14", "{customerName}您好，产品已使用两周，保养建议请查收。", "SMS_CARELOOP_TIP_DAY_14"),
    ];

    /// <summary>The key of a message: <c>lifecycle.tip.30</c>.</summary>
    public static string KeyOf(LifecycleMessageKind kind, int days) =>
        Prefix + Names.Single(n => n.Value == kind).Key + "." + days.ToString(CultureInfo.InvariantCulture);

    /// <summary>The placeholders the daily run fills for a kind; a template of that kind may use these only.</summary>
    public static IReadOnlySet<string> Fills(LifecycleMessageKind kind) => kind switch
    {
        LifecycleMessageKind.Reminder => new HashSet<string>(StringComparer.Ordinal) { "customerName", "items", "count", "dueDate", "days" },
        LifecycleMessageKind.Warranty => new HashSet<string>(StringComparer.Ordinal) { "customerName", "warrantyEnd", "dueDate", "days" },
        _ => new HashSet<string>(StringComparer.Ordinal) { "customerName", "days" },
    };

    /// <summary>The message a key stands for, or null when it is not a lifecycle key this module understands.</summary>
    public static LifecycleMessage? Parse(string key) =>
        TryParse(key, out var kind, out var days) && days is >= MinDays and <= MaxDays ? new LifecycleMessage(key, kind, days) : null;

    /// <summary>Splits <c>lifecycle.{kind}.{days}</c>; days may be out of range (the save refuses it, naming the range).</summary>
    public static bool TryParse(string key, out LifecycleMessageKind kind, out int days)
    {
        kind = default;
        days = 0;
        var parts = key.Split('.');
        return parts.Length == 3 && parts[0] + "." == Prefix && Names.TryGetValue(parts[1], out kind) &&
               parts[2].Length is > 0 and <= 4 && parts[2].All(char.IsAsciiDigit) && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out days);
    }
}
