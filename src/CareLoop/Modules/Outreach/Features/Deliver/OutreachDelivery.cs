using System.Text.Json;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Modules.Outreach.Domain;
using CareLoop.Modules.Outreach.Features.Policy;
using CareLoop.Modules.Outreach.Ports;
using CareLoop.Platform.Messaging;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Security;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CareLoop.Modules.Outreach.Features.Deliver;

/// <summary>
/// Sends one tenant's due messages: each is decided again at the moment it goes (an opt-out or a contact since it was
/// queued wins), claimed by one conditional save (the version token: two nodes never both send it), sent through the
/// SMS or WeChat port, then marked sent and logged for the caps. A message claimed but never marked (the node died
/// mid-send) is failed as <c>deliveryUnknown</c> rather than sent twice: a customer is not contacted twice for one message.
/// </summary>
public sealed class OutreachDelivery(
    CareLoopDbContext db, ContactPolicyService policy, ICustomerDirectory customers, ISmsGateway sms, IWeChatTemplateMessages weChat,
    IOptions<SmsOptions> smsOptions, TimeProvider time, ILogger<OutreachDelivery> logger)
{
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);
    private const int Batch = 200;

    /// <summary>How many messages were sent.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await FailStuckAsync(now, cancellationToken);
        var due = await db.Set<OutboundMessage>().AsNoTracking()
            .Where(m => (m.Status == OutreachStatuses.Queued || m.Status == OutreachStatuses.Deferred) && m.DueAt <= now)
            .OrderBy(m => m.DueAt).Select(m => m.Id).Take(Batch).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            if (await DeliverAsync(id, now, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> DeliverAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var message = await db.Set<OutboundMessage>().SingleAsync(m => m.Id == id, cancellationToken);
        if (message.Status is not (OutreachStatuses.Queued or OutreachStatuses.Deferred))
        {
            return false;
        }

        var facts = await policy.FactsAsync(message.CustomerId, now, message.Id, cancellationToken);
        var profile = facts?.Customer;
        var decision = facts is null
            ? new ContactDecision(false, null, null, ContactReasons.UnknownCustomer)
            : ContactRules.Decide(facts, message.Purpose, message.RequestedChannel ?? message.Channel ?? ContactRules.AutomaticChannel(profile!), now);
        var template = decision.Channel is { } channel
            ? await db.Set<MessageTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Key == message.TemplateKey && t.Channel == channel, cancellationToken)
            : null;
        if (decision is { Allowed: true, Channel: not ContactChannel.Phone } && template is null)
        {
            decision = decision with { Allowed = false, DeferredUntil = null, ReasonCode = ContactReasons.NoTemplate };
        }

        if (!decision.Allowed || decision.Channel == ContactChannel.Phone)
        {
            message.Decide(decision, now);
            await TrySaveAsync(cancellationToken);
            return false;
        }

        message.Claim(decision.Channel!.Value, now);
        if (!await TrySaveAsync(cancellationToken))
        {
            return false; // another node claimed it first
        }

        var parameters = JsonSerializer.Deserialize<Dictionary<string, string>>(message.Parameters) ?? [];
        var (accepted, wire, receipt) = message.Channel == ContactChannel.WeChat
            ? await SendWeChatAsync(message, template!, profile!, parameters, cancellationToken)
            : await SendSmsAsync(message, template!, parameters, cancellationToken);
        if (accepted)
        {
            message.Sent(template!.Render(parameters), wire, receipt, now);
            db.Add(ContactLogEntry.Record(message.CustomerId, message.Purpose, message.Channel!.Value, now, message.Id));
        }
        else
        {
            message.Fail(ContactReasons.GatewayRefused, wire, receipt);
        }

        await db.SaveChangesAsync(cancellationToken);
        return accepted;
    }

    private async Task<(bool, string, string)> SendSmsAsync(OutboundMessage message, MessageTemplate template, Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        if (await customers.PhoneForSendingAsync(message.CustomerId, cancellationToken) is not { } phone)
        {
            return (false, "", ContactReasons.NoChannel);
        }

        var templateParams = template.Placeholders().Where(parameters.ContainsKey).ToDictionary(p => p, p => parameters[p]);
        var request = new SmsRequest(phone, smsOptions.Value.SignName, template.ProviderTemplateId, templateParams, message.Id.ToString("N"));
        var result = await sms.SendAsync(request, cancellationToken);
        var wire = JsonSerializer.Serialize(new
        {
            Action = "SendSms", PhoneNumbers = PhoneNumberRules.Mask(phone), request.SignName, request.TemplateCode,
            TemplateParam = JsonSerializer.Serialize(templateParams), request.OutId,
        }, WireJson);
        return (result.Accepted, wire, result.BizId ?? result.Code);
    }

    private async Task<(bool, string, string)> SendWeChatAsync(
        OutboundMessage message, MessageTemplate template, CustomerContactProfile profile, Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var data = TemplateText.Placeholders(template.Text).Where(parameters.ContainsKey).ToDictionary(p => p, p => parameters[p]);
        var url = template.Url is { Length: > 0 } link ? TemplateText.Render(link, parameters) : null;
        var request = new WeChatTemplateMessage(profile.WeChatOpenId!, template.ProviderTemplateId, url, data, message.Id.ToString("N"));
        var result = await weChat.SendAsync(request, cancellationToken);
        return (result.Accepted, WeChatWire.Body(request), result.MsgId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"{result.ErrCode} {result.ErrMsg}");
    }

    private async Task FailStuckAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stale = now - ClaimLease;
        var stuck = await db.Set<OutboundMessage>().Where(m => m.Status == OutreachStatuses.Sending && m.ClaimedAt < stale).Take(Batch).ToListAsync(cancellationToken);
        foreach (var message in stuck)
        {
            message.Fail(ContactReasons.DeliveryUnknown, null, null);
        }

        if (stuck.Count > 0 && await TrySaveAsync(cancellationToken))
        {
            logger.LogWarning("Outreach: {Count} messages claimed but never confirmed were failed as deliveryUnknown", stuck.Count);
        }
    }

    /// <summary>False when another node changed a row first (its version moved on).</summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static readonly JsonSerializerOptions WireJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>Every 15 s (<c>Outreach:DeliveryIntervalSeconds</c>): each tenant with due or stuck messages runs <see cref="OutreachDelivery"/>.</summary>
[DisallowConcurrentExecution]
public sealed class DeliverOutreachJob(TenantScopes tenants, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new("deliver-outreach", "outreach");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stale = now - OutreachDelivery.ClaimLease;
        foreach (var tenantId in await tenants.TenantsWithAsync<OutboundMessage>(
                     m => ((m.Status == OutreachStatuses.Queued || m.Status == OutreachStatuses.Deferred) && m.DueAt <= now)
                          || (m.Status == OutreachStatuses.Sending && m.ClaimedAt < stale),
                     cancellationToken))
        {
            await using var scope = tenants.For(tenantId);
            await scope.ServiceProvider.GetRequiredService<OutreachDelivery>().RunAsync(cancellationToken);
        }
    }
}
