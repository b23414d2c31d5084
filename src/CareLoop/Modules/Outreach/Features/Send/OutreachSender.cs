using System.Text.Json;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Modules.Outreach.Domain;
using CareLoop.Modules.Outreach.Features.Policy;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Outreach.Features.Send;

/// <summary>
/// <see cref="IOutreach"/>: checks the message, decides it by the contact policy and stores it in the outbox, once per
/// tenant and dedup key (a unique index settles a race between nodes). Nothing is sent here: the delivery job sends
/// queued messages after this commit, and deferred ones when their slot comes (docs/adr/0026).
/// </summary>
public sealed class OutreachSender(CareLoopDbContext db, ContactPolicyService policy, ICustomerDirectory customers, TimeProvider time) : IOutreach
{
    public const string UnknownTemplate = "unknown_template";
    public const string MissingParameter = "missing_parameter";

    public async Task EnsureTemplateAsync(string key, string text, string providerTemplateId, CancellationToken cancellationToken)
    {
        if (await db.Set<MessageTemplate>().AnyAsync(t => t.Key == key, cancellationToken))
        {
            return;
        }

        var unknown = TemplateText.Placeholders(text).Where(p => !OutreachPlaceholders.Known.Contains(p)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Template {key} uses unknown placeholders: {string.Join(", ", unknown)}", nameof(text));
        }

        var template = MessageTemplate.Create(key, ContactChannel.Sms, time.GetUtcNow());
        template.Change(key, ContactChannel.Sms, text, providerTemplateId, null);
        db.Add(template);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(template).State = EntityState.Detached; // another node registered it first
        }
    }

    public async Task<IReadOnlyList<string>> TemplateKeysAsync(string prefix, CancellationToken cancellationToken) =>
        (await db.Set<MessageTemplate>().AsNoTracking().Where(t => t.Key.StartsWith(prefix)).Select(t => t.Key).Distinct().ToListAsync(cancellationToken))
            .Order(StringComparer.Ordinal).ToList();

    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<Result<OutreachReceipt>> SendAsync(OutreachMessage message, CancellationToken cancellationToken)
    {
        if (await ExistingAsync(message.DedupKey, cancellationToken) is { } existing)
        {
            return existing.Receipt(duplicate: true);
        }

        var v = new Validation().Required("dedupKey", message.DedupKey).MaxLength("dedupKey", message.DedupKey?.Trim(), 200)
            .Required("templateKey", message.TemplateKey);
        if (!Enum.IsDefined(message.Purpose))
        {
            v.Add("purpose", ErrorCodes.InvalidFormat);
        }

        var parameters = message.Parameters ?? new Dictionary<string, string>();
        var templates = await db.Set<MessageTemplate>().AsNoTracking().Where(t => t.Key == (message.TemplateKey ?? "").Trim()).ToListAsync(cancellationToken);
        if (templates.Count == 0 && !string.IsNullOrWhiteSpace(message.TemplateKey))
        {
            v.Add("templateKey", UnknownTemplate, message.TemplateKey.Trim());
        }

        var missing = templates.SelectMany(t => t.Placeholders()).Distinct().Where(p => !parameters.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            v.Add("parameters", MissingParameter, string.Join(", ", missing));
        }

        var profile = await customers.ContactProfileAsync(message.CustomerId, cancellationToken);
        if (profile is null)
        {
            v.Add("customerId", ErrorCodes.UnknownCustomer);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        ArgumentNullException.ThrowIfNull(profile);

        var now = time.GetUtcNow();
        var row = OutboundMessage.Create(message, JsonSerializer.Serialize(parameters, ReadableJson), now);
        var facts = await policy.FactsAsync(message.CustomerId, now, null, cancellationToken);
        var decision = ContactRules.Decide(facts!, message.Purpose, message.PreferredChannel ?? ContactRules.AutomaticChannel(profile), now);
        if (decision.Channel is { } channel && channel != ContactChannel.Phone && templates.All(t => t.Channel != channel))
        {
            decision = decision with { Allowed = false, DeferredUntil = null, ReasonCode = ContactReasons.NoTemplate };
        }

        row.Decide(decision, now);
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request or node stored the same key first: forget ours and answer with theirs.
            db.Entry(row).State = EntityState.Detached;
            if (await ExistingAsync(message.DedupKey, cancellationToken) is { } winner)
            {
                return winner.Receipt(duplicate: true);
            }

            throw;
        }

        return row.Receipt(duplicate: false);
    }

    private Task<OutboundMessage?> ExistingAsync(string? dedupKey, CancellationToken cancellationToken)
    {
        var key = (dedupKey ?? "").Trim();
        return db.Set<OutboundMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.DedupKey == key, cancellationToken);
    }
}
