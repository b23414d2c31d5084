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
}
