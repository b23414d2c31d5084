using System.Text.Json;
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
public sealed class OutreachSender(CareLoopDbContext db, ContactPolicyService policy, TimeProvider time) : IOutreach
{
    public const string UnknownTemplate = "unknown_template";
    public const string MissingParameter = "missing_parameter";

    public async Task EnsureTemplateAsync(string key, string text, string providerTemplateId, CancellationToken cancellationToken)
    {
        if (await db.Set<MessageTemplate>().AnyAsync(t => t.Key == key, cancellationToken))
        {
            return;
        }

        var unknown = TemplateText.Unknown(text);
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

    public async Task<Result<OutreachReceipt>> SendAsync(OutreachMessage message, CancellationToken cancellationToken) =>
        (await SendManyAsync([message], cancellationToken))[0];

    /// <summary>
    /// Reads what every message needs at once (earlier messages by key, templates, the customers' policy facts), decides
    /// each in order (a message counts against the caps of the next one to the same customer) and stores them in one
    /// commit. When another node stored one of the keys first, each message is retried alone and answers with the winner.
    /// </summary>
    public async Task<IReadOnlyList<Result<OutreachReceipt>>> SendManyAsync(IReadOnlyList<OutreachMessage> messages, CancellationToken cancellationToken)
    {
        var keys = messages.Select(m => (m.DedupKey ?? "").Trim()).Where(k => k.Length > 0).Distinct().ToList();
        var existing = (await db.Set<OutboundMessage>().AsNoTracking().Where(m => keys.Contains(m.DedupKey)).ToListAsync(cancellationToken))
            .ToDictionary(m => m.DedupKey, StringComparer.Ordinal);
        var templateKeys = messages.Select(m => (m.TemplateKey ?? "").Trim()).Distinct().ToList();
        var templates = (await db.Set<MessageTemplate>().AsNoTracking().Where(t => templateKeys.Contains(t.Key)).ToListAsync(cancellationToken)).ToLookup(t => t.Key);
        var now = time.GetUtcNow();
        var facts = await policy.FactsManyAsync(messages.Select(m => m.CustomerId).Distinct().ToList(), now, null, cancellationToken);

        var results = new Result<OutreachReceipt>[messages.Count];
        var rows = new List<(int Index, OutboundMessage Row)>();
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var key = (message.DedupKey ?? "").Trim();
            if (existing.TryGetValue(key, out var earlier))
            {
                results[i] = earlier.Receipt(duplicate: true);
                continue;
            }

            var ofKey = templates[(message.TemplateKey ?? "").Trim()].ToList();
            var customer = facts.GetValueOrDefault(message.CustomerId);
            if (Invalid(message, ofKey, customer is not null) is { } invalid)
            {
                results[i] = invalid;
                continue;
            }

            ArgumentNullException.ThrowIfNull(customer);

            var row = OutboundMessage.Create(message, JsonSerializer.Serialize(message.Parameters ?? new Dictionary<string, string>(), ReadableJson), now);
            var decision = ContactRules.Decide(customer, message.Purpose, message.PreferredChannel ?? ContactRules.AutomaticChannel(customer.Customer), now);
            if (decision.Channel is { } channel && channel != ContactChannel.Phone && ofKey.All(t => t.Channel != channel))
            {
                decision = decision with { Allowed = false, DeferredUntil = null, ReasonCode = ContactReasons.NoTemplate };
            }

            row.Decide(decision, now);
            rows.Add((i, row));
            existing[key] = row; // the same key twice in one call: the second is its duplicate
            if (row.Channel is { } counted && row.Status is OutreachStatuses.Queued or OutreachStatuses.Deferred)
            {
                facts[message.CustomerId] = customer with { Contacts = [.. customer.Contacts, new CountedContact(row.DueAt, row.Purpose, counted)] };
            }
        }

        db.AddRange(rows.Select(r => r.Row));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request or node stored one of the keys first: forget ours; alone, answer with theirs.
            foreach (var (_, row) in rows)
            {
                db.Entry(row).State = EntityState.Detached;
            }

            if (messages.Count > 1)
            {
                var one = new List<Result<OutreachReceipt>>(messages.Count);
                foreach (var message in messages)
                {
                    one.Add((await SendManyAsync([message], cancellationToken))[0]);
                }

                return one;
            }

            if (await ExistingAsync(messages[0].DedupKey, cancellationToken) is { } winner)
            {
                return [winner.Receipt(duplicate: true)];
            }

            throw;
        }

        foreach (var (index, row) in rows)
        {
            results[index] = row.Receipt(duplicate: false);
        }

        return results;
    }

    private static Error? Invalid(OutreachMessage message, List<MessageTemplate> templates, bool knownCustomer)
    {
        var v = new Validation().Required("dedupKey", message.DedupKey).MaxLength("dedupKey", message.DedupKey?.Trim(), 200)
            .Required("templateKey", message.TemplateKey);
        if (!Enum.IsDefined(message.Purpose))
        {
            v.Add("purpose", ErrorCodes.InvalidFormat);
        }

        if (templates.Count == 0 && !string.IsNullOrWhiteSpace(message.TemplateKey))
        {
            v.Add("templateKey", UnknownTemplate, message.TemplateKey.Trim());
        }

        var parameters = message.Parameters ?? new Dictionary<string, string>();
        var missing = templates.SelectMany(t => t.Placeholders()).Distinct().Where(p => !parameters.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            v.Add("parameters", MissingParameter, string.Join(", ", missing));
        }

        if (!knownCustomer)
        {
            v.Add("customerId", ErrorCodes.UnknownCustomer);
        }

        return v.ToError();
    }

    private Task<OutboundMessage?> ExistingAsync(string? dedupKey, CancellationToken cancellationToken)
    {
        var key = (dedupKey ?? "").Trim();
        return db.Set<OutboundMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.DedupKey == key, cancellationToken);
    }
}
