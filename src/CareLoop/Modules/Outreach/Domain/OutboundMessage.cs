using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Outreach.Domain;

/// <summary>
/// One message to a customer in the notification outbox, unique per tenant and <see cref="DedupKey"/>: queued (due now),
/// deferred (due at the policy's next slot), sending (claimed by one node), then sent, failed, dropped (with the reason)
/// or handed to an agent's call (<see cref="OutreachStatuses.CallRequired"/>). Sent after the commit that stored it.
/// </summary>
public sealed class OutboundMessage : ITenantOwned, IVersioned
{
    private OutboundMessage()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid CustomerId { get; private set; }

    public ContactPurpose Purpose { get; private set; }

    public string TemplateKey { get; private set; } = "";

    /// <summary>The parameters as JSON (an object of strings).</summary>
    public string Parameters { get; private set; } = "{}";

    public string DedupKey { get; private set; } = "";

    public ContactChannel? RequestedChannel { get; private set; }

    public Guid? CampaignId { get; private set; }

    public ContactChannel? Channel { get; private set; }

    public string Status { get; private set; } = OutreachStatuses.Queued;

    /// <summary>When it may go out: now for a queued one, the policy's slot for a deferred one.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public string? ReasonCode { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ClaimedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>The text the customer reads (rendered when sent).</summary>
    public string? RenderedText { get; private set; }

    /// <summary>What went to the provider (the SMS call with the number masked, the WeChat JSON body).</summary>
    public string? WireBody { get; private set; }

    public string? ProviderReceipt { get; private set; }

    public long Version { get; set; }

    public static OutboundMessage Create(OutreachMessage message, string parameters, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CustomerId = message.CustomerId,
        Purpose = message.Purpose,
        TemplateKey = message.TemplateKey.Trim(),
        Parameters = parameters,
        DedupKey = message.DedupKey.Trim(),
        RequestedChannel = message.PreferredChannel,
        CampaignId = message.CampaignId,
        CreatedAt = now,
        DueAt = now,
    };

    public bool IsPending => Status is OutreachStatuses.Queued or OutreachStatuses.Deferred or OutreachStatuses.Sending;

    /// <summary>Applies the policy's answer: queued for now, deferred to its slot, dropped, or left to a call.</summary>
    public void Decide(ContactDecision decision, DateTimeOffset now)
    {
        Channel = decision.Channel ?? Channel;
        ReasonCode = decision.ReasonCode;
        (Status, DueAt) = decision switch
        {
            { Allowed: true, Channel: ContactChannel.Phone } => (OutreachStatuses.CallRequired, now),
            { Allowed: true } => (OutreachStatuses.Queued, now),
            { DeferredUntil: { } slot } => (OutreachStatuses.Deferred, slot),
            _ => (OutreachStatuses.Dropped, DueAt),
        };
    }

    public void Claim(ContactChannel channel, DateTimeOffset now)
    {
        Channel = channel;
        Status = OutreachStatuses.Sending;
        ClaimedAt = now;
    }

    public void Sent(string renderedText, string wireBody, string receipt, DateTimeOffset now)
    {
        Status = OutreachStatuses.Sent;
        SentAt = now;
        RenderedText = renderedText;
        WireBody = wireBody;
        ProviderReceipt = receipt;
        ReasonCode = null;
    }

    public void Fail(string reason, string? wireBody, string? receipt)
    {
        Status = OutreachStatuses.Failed;
        ReasonCode = reason;
        WireBody = wireBody ?? WireBody;
        ProviderReceipt = receipt ?? ProviderReceipt;
    }

    public void Drop(string reason)
    {
        Status = OutreachStatuses.Dropped;
        ReasonCode = reason;
    }

    public OutreachReceipt Receipt(bool duplicate) =>
        new(Id, Status, Channel, Status == OutreachStatuses.Deferred ? DueAt : null, ReasonCode, duplicate);
}
