using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Modules.Outreach.Domain;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Outreach.Features.Policy;

/// <summary>
/// <see cref="IContactPolicy"/> over the database: loads the facts of one customer (policy, profile, opt-outs, the
/// contacts of the last eight days and the messages still waiting) and asks <see cref="ContactRules"/>.
/// </summary>
public sealed class ContactPolicyService(CareLoopDbContext db, ContactPolicyHandler policies, ICustomerDirectory customers, TimeProvider time) : IContactPolicy
{
    public async Task<ContactDecision> DecideAsync(Guid customerId, ContactPurpose purpose, ContactChannel channel, DateTimeOffset at, CancellationToken cancellationToken) =>
        await FactsAsync(customerId, at, null, cancellationToken) is { } facts
            ? ContactRules.Decide(facts, purpose, channel, at)
            : new ContactDecision(false, null, null, ContactReasons.UnknownCustomer);

    public async Task RecordAsync(Guid customerId, ContactPurpose purpose, ContactChannel channel, DateTimeOffset at, CancellationToken cancellationToken)
    {
        db.Add(ContactLogEntry.Record(customerId, purpose, channel, at, null));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Also drops every message of the customer still waiting for a purpose the opt-out covers (a campaign queued before it included).</summary>
    public async Task OptOutAsync(Guid customerId, ContactPurpose purpose, DateTimeOffset? until, string source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        db.Add(ContactOptOut.Record(customerId, purpose, now, until, source));
        var waiting = await db.Set<OutboundMessage>()
            .Where(m => m.CustomerId == customerId && m.Purpose >= purpose && (m.Status == OutreachStatuses.Queued || m.Status == OutreachStatuses.Deferred))
            .ToListAsync(cancellationToken);
        foreach (var message in waiting.Where(m => until is null || m.DueAt < until))
        {
            message.Drop(ContactReasons.OptedOut);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The facts for a decision at <paramref name="at"/>; <paramref name="exceptMessage"/> is the message being decided (it does not count against itself).</summary>
    public async Task<ContactFacts?> FactsAsync(Guid customerId, DateTimeOffset at, Guid? exceptMessage, CancellationToken cancellationToken) =>
        (await FactsManyAsync([customerId], at, exceptMessage, cancellationToken)).GetValueOrDefault(customerId);

    /// <summary><see cref="FactsAsync"/> for many customers: five queries whatever their number (unknown customers are absent).</summary>
    public async Task<Dictionary<Guid, ContactFacts>> FactsManyAsync(
        IReadOnlyCollection<Guid> customerIds, DateTimeOffset at, Guid? exceptMessage, CancellationToken cancellationToken)
    {
        var profiles = await customers.ContactProfilesAsync(customerIds, cancellationToken);
        if (profiles.Count == 0)
        {
            return [];
        }

        var ids = profiles.Keys.ToList();
        var policy = await policies.CurrentAsync(cancellationToken);
        var since = at.AddDays(-8);
        var optOuts = (await db.Set<ContactOptOut>().AsNoTracking()
            .Where(o => ids.Contains(o.CustomerId) && (o.Until == null || o.Until > since)).ToListAsync(cancellationToken)).ToLookup(o => o.CustomerId);
        var log = await db.Set<ContactLogEntry>().AsNoTracking()
            .Where(e => ids.Contains(e.CustomerId) && e.At >= since)
            .Select(e => new { e.CustomerId, Contact = new CountedContact(e.At, e.Purpose, e.Channel) }).ToListAsync(cancellationToken);
        var waiting = await db.Set<OutboundMessage>().AsNoTracking()
            .Where(m => ids.Contains(m.CustomerId) && m.Id != exceptMessage && m.Channel != null
                && (m.Status == OutreachStatuses.Queued || m.Status == OutreachStatuses.Deferred || m.Status == OutreachStatuses.Sending))
            .Select(m => new { m.CustomerId, Contact = new CountedContact(m.DueAt, m.Purpose, m.Channel!.Value) }).ToListAsync(cancellationToken);
        var contacts = log.Concat(waiting).ToLookup(c => c.CustomerId, c => c.Contact);
        return profiles.ToDictionary(p => p.Key, p => new ContactFacts(policy, p.Value, optOuts[p.Key].ToList(), contacts[p.Key].ToList()));
    }
}
