using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Outreach.Domain;

/// <summary>
/// The customer asked not to be contacted for <see cref="Purpose"/> and every less necessary purpose (an opt-out of
/// reminders also stops marketing; one of service stops everything) from <see cref="From"/> until <see cref="Until"/>
/// (null: for good). Kept, never deleted: the contact history shows it.
/// </summary>
public sealed class ContactOptOut : ITenantOwned
{
    private ContactOptOut()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid CustomerId { get; private set; }

    public ContactPurpose Purpose { get; private set; }

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset? Until { get; private set; }

    public string Source { get; private set; } = "";

    public static ContactOptOut Record(Guid customerId, ContactPurpose purpose, DateTimeOffset from, DateTimeOffset? until, string source) => new()
    {
        Id = Guid.CreateVersion7(from),
        CustomerId = customerId,
        Purpose = purpose,
        From = from,
        Until = until,
        Source = source.Trim(),
    };

    public bool Covers(ContactPurpose purpose, DateTimeOffset at) => purpose >= Purpose && From <= at && (Until is null || Until > at);
}

/// <summary>One contact that happened: a message sent, or an agent's call attempt (answered or not). The caps count these.</summary>
public sealed class ContactLogEntry : ITenantOwned
{
    private ContactLogEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid CustomerId { get; private set; }

    public ContactPurpose Purpose { get; private set; }

    public ContactChannel Channel { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The outbound message it was, when it was one (null: an agent's call).</summary>
    public Guid? MessageId { get; private set; }

    public static ContactLogEntry Record(Guid customerId, ContactPurpose purpose, ContactChannel channel, DateTimeOffset at, Guid? messageId) => new()
    {
        Id = Guid.CreateVersion7(at),
        CustomerId = customerId,
        Purpose = purpose,
        Channel = channel,
        At = at,
        MessageId = messageId,
    };
}

/// <summary>
/// A tenant's message template for one channel: <c>{placeholder}</c> text (only <see cref="OutreachPlaceholders.Known"/>
/// names), and what the provider knows it by: the SMS template code (模板 CODE) or the WeChat template id; for WeChat
/// an optional link the message opens.
/// </summary>
public sealed class MessageTemplate : ITenantOwned, CareLoop.Platform.Persistence.IVersioned
{
    private MessageTemplate()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Key { get; private set; } = "";

    public ContactChannel Channel { get; private set; }

    public string Text { get; private set; } = "";

    public string ProviderTemplateId { get; private set; } = "";

    public string? Url { get; private set; }

    public long Version { get; set; }

    public static MessageTemplate Create(string key, ContactChannel channel, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Key = key,
        Channel = channel,
    };

    public void Change(string key, ContactChannel channel, string text, string providerTemplateId, string? url)
    {
        Key = key;
        Channel = channel;
        Text = text;
        ProviderTemplateId = providerTemplateId;
        Url = url;
    }

    public IReadOnlyList<string> Placeholders() => TemplateText.Placeholders(Text).Concat(TemplateText.Placeholders(Url ?? "")).Distinct().ToList();

    public string Render(IReadOnlyDictionary<string, string> parameters) => TemplateText.Render(Text, parameters);
}

/// <summary>Placeholders in template text: <c>{name}</c>, letters and digits only.</summary>
public static partial class TemplateText
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    public static IReadOnlyList<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value.Trim()).Distinct().ToList();

    /// <summary>The placeholders of <paramref name="text"/> outside <see cref="OutreachPlaceholders.Known"/> (refused on save).</summary>
    public static IReadOnlyList<string> Unknown(string text) =>
        Placeholders(text).Where(p => !OutreachPlaceholders.Known.Contains(p)).ToList();

    public static string Render(string text, IReadOnlyDictionary<string, string> parameters) =>
        Placeholder().Replace(text, m => parameters.TryGetValue(m.Groups[1].Value.Trim(), out var value) ? value : m.Value);
}
