using CareLoop.Platform.Results;

namespace CareLoop.Modules.Outreach.Contracts;

/// <summary>How a contact reaches the customer.</summary>
public enum ContactChannel
{
    Sms = 1,
    WeChat = 2,
    Phone = 3,
}

/// <summary>
/// Why the customer is contacted. <see cref="Service"/> (visit booked, verification codes, the satisfaction callback)
/// is what the customer asked for: quiet hours apply, marketing caps do not. <see cref="Reminder"/> (a consumable
/// or warranty milestone) and <see cref="Marketing"/> (campaigns, tips) pass every rule of the contact policy.
/// </summary>
public enum ContactPurpose
{
    Service = 1,
    Reminder = 2,
    Marketing = 3,
}

/// <summary>What the contact policy says about one contact at one moment.</summary>
/// <param name="Allowed">True: contact now on <paramref name="Channel"/>.</param>
/// <param name="DeferredUntil">When refused for now (quiet hours, a no-contact date, a cap): the next allowed slot; null when dropped.</param>
/// <param name="ReasonCode">Why it was refused (e.g. <c>quietHours</c>, <c>holiday</c>, <c>dailyCap</c>, <c>optedOut</c>), for the record and the UI.</param>
public sealed record ContactDecision(bool Allowed, ContactChannel? Channel, DateTimeOffset? DeferredUntil, string? ReasonCode);

/// <summary>
/// A message to send through the policy. <paramref name="DedupKey"/> makes sending idempotent (the same key is sent
/// once, however often or on however many nodes it is asked); <paramref name="TemplateKey"/> names a tenant template
/// whose placeholders <paramref name="Parameters"/> fill.
/// </summary>
public sealed record OutreachMessage(
    Guid CustomerId, ContactPurpose Purpose, string TemplateKey, IReadOnlyDictionary<string, string> Parameters, string DedupKey,
    ContactChannel? PreferredChannel = null, Guid? CampaignId = null);

/// <summary>What happened to a message: sent (or queued to send) now, deferred to a slot, or dropped with a reason.</summary>
public sealed record OutreachReceipt(Guid MessageId, string Status, ContactChannel? Channel, DateTimeOffset? DeferredUntil, string? ReasonCode, bool Duplicate);

/// <summary>
/// The one engine every outbound contact passes (PRODUCT.md: contact without harassment): allowed hours, no-contact
/// dates, per-customer caps, do-not-disturb and opt-out, channel preference and fallback, de-duplication.
/// </summary>
public interface IContactPolicy
{
    /// <summary>May <paramref name="customerId"/> be contacted for <paramref name="purpose"/> at <paramref name="at"/> (an agent's call attempt or a send)?</summary>
    Task<ContactDecision> DecideAsync(Guid customerId, ContactPurpose purpose, ContactChannel channel, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Counts a contact that happened (a call attempt by an agent) towards the customer's caps.</summary>
    Task RecordAsync(Guid customerId, ContactPurpose purpose, ContactChannel channel, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The customer asked not to be contacted for <paramref name="purpose"/> (and below) until <paramref name="until"/> (null: for good).</summary>
    Task OptOutAsync(Guid customerId, ContactPurpose purpose, DateTimeOffset? until, string source, CancellationToken cancellationToken);
}

/// <summary>Sends messages to customers through the contact policy and the notification outbox (SMS and WeChat template ports).</summary>
public interface IOutreach
{
    Task<Result<OutreachReceipt>> SendAsync(OutreachMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="SendAsync"/> for many messages at once (a daily run's reminders): the same checks and decisions, read
    /// and stored in a handful of round trips instead of several per message. One answer per message, in order.
    /// </summary>
    Task<IReadOnlyList<Result<OutreachReceipt>>> SendManyAsync(IReadOnlyList<OutreachMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// A module that sends by a key of its own (e.g. Lifecycle's reminders) registers its default SMS template the first
    /// time: <paramref name="text"/> with known placeholders only. A template the tenant already has for the key is kept.
    /// </summary>
    Task EnsureTemplateAsync(string key, string text, string providerTemplateId, CancellationToken cancellationToken);

    /// <summary>The keys of the tenant's templates that start with <paramref name="prefix"/> (each once, whatever its channels), in ordinal order.</summary>
    Task<IReadOnlyList<string>> TemplateKeysAsync(string prefix, CancellationToken cancellationToken);
}

/// <summary>One thing a <see cref="ITemplateKeyRule"/> refuses: a field (<c>key</c> or <c>text</c>), a stable code localized as <c>Field.{code}</c>, its arguments.</summary>
public sealed record TemplateRuleIssue(string Field, string Code, params object[] Args);

/// <summary>
/// A module that sends by templates of its own key family (Lifecycle: <c>lifecycle.tip.3</c>) tells Outreach what such a
/// key means and which placeholders it fills, so the one template store refuses what that module could not send.
/// </summary>
public interface ITemplateKeyRule
{
    /// <summary>The keys this rule owns (e.g. <c>lifecycle.</c>).</summary>
    string Prefix { get; }

    /// <summary>The resource key of a one-line hint the template page shows (the key grammar and the placeholders).</summary>
    string HintResource { get; }

    /// <summary>What is wrong with a template of this family (nothing: empty).</summary>
    IReadOnlyList<TemplateRuleIssue> Check(string key, IReadOnlyCollection<string> placeholders);
}

/// <summary>
/// De-duplication helpers: one reminder per customer per day and purpose covers every item due that day (its
/// <c>items</c> parameter lists them), so a caller keys the message by customer, purpose and local date.
/// </summary>
public static class OutreachDedup
{
    /// <summary>The key of the one message a customer gets for <paramref name="purpose"/> on <paramref name="localDate"/> (e.g. <c>reminder:…:2026-11-24</c>).</summary>
    public static string Daily(Guid customerId, ContactPurpose purpose, DateOnly localDate) =>
        $"{purpose.ToString().ToLowerInvariant()}:{customerId:N}:{localDate:yyyy-MM-dd}";

    /// <summary>Several due items in one parameter value (<c>PP棉滤芯、RO膜</c>), in a stable order.</summary>
    public static string JoinItems(IEnumerable<string> items) =>
        string.Join("、", items.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct().Order(StringComparer.Ordinal));
}

/// <summary>The placeholders a tenant template may use (<c>{customerName}</c>…); anything else is refused on save.</summary>
public static class OutreachPlaceholders
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "customerName", "brand", "product", "model", "serial", "items", "count", "dueDate", "consumable", "price",
        "warrantyEnd", "days", "link", "date", "time", "number", "engineer", "campaign",
    };
}

/// <summary>What <see cref="OutreachReceipt.Status"/> says.</summary>
public static class OutreachStatuses
{
    public const string Queued = "queued";
    public const string Deferred = "deferred";
    public const string Dropped = "dropped";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>The policy chose the phone (an elderly customer, no smartphone): an agent calls, nothing is sent automatically.</summary>
    public const string CallRequired = "callRequired";
}

/// <summary>Why a contact was refused (<see cref="ContactDecision.ReasonCode"/>).</summary>
public static class ContactReasons
{
    public const string OptedOut = "optedOut";
    public const string DoNotDisturb = "doNotDisturb";
    public const string Holiday = "holiday";
    public const string QuietHours = "quietHours";
    public const string DailyCap = "dailyCap";
    public const string WeeklyCap = "weeklyCap";
    public const string CallAttemptCap = "callAttemptCap";
    public const string NoChannel = "noChannel";
    public const string NoTemplate = "noTemplate";
    public const string NoSlot = "noSlot";
    public const string UnknownCustomer = "unknownCustomer";
    public const string DeliveryUnknown = "deliveryUnknown";
    public const string GatewayRefused = "gatewayRefused";
}
