using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Modules.Outreach.Domain;
using CareLoop.Modules.Outreach.Features.Policy;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Outreach.Features.History;

public sealed record OptOutRequest(ContactPurpose Purpose, DateTimeOffset? Until, string? Source);

public sealed record CallAttemptRequest(ContactPurpose Purpose);

public sealed record OptOutDto(Guid Id, ContactPurpose Purpose, DateTimeOffset From, DateTimeOffset? Until, string Source, bool Active);

public sealed record ContactDto(DateTimeOffset At, ContactPurpose Purpose, ContactChannel Channel, Guid? MessageId);

public sealed record MessageDto(
    Guid Id, Guid CustomerId, ContactPurpose Purpose, string TemplateKey, string DedupKey, ContactChannel? Channel, string Status, DateTimeOffset DueAt,
    string? ReasonCode, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? RenderedText, string? WireBody, string Parameters, Guid? CampaignId);

public sealed record ContactHistoryDto(Guid CustomerId, string Name, IReadOnlyList<OptOutDto> OptOuts, IReadOnlyList<ContactDto> Contacts, IReadOnlyList<MessageDto> Messages);

/// <summary>A customer's contact history for staff (opt-outs, contacts, messages with their outcome) and the actions on it: opt-out, a call attempt.</summary>
public sealed class ContactHistoryHandler(CareLoopDbContext db, ContactPolicyService policy, ICustomerDirectory customers, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<ContactHistoryDto>> GetAsync(Guid customerId, CancellationToken cancellationToken)
    {
        if (await customers.ContactProfileAsync(customerId, cancellationToken) is not { } profile)
        {
            return Error.NotFound();
        }

        var now = time.GetUtcNow();
        var optOuts = await db.Set<ContactOptOut>().AsNoTracking().Where(o => o.CustomerId == customerId).ToListAsync(cancellationToken);
        var contacts = await db.Set<ContactLogEntry>().AsNoTracking().Where(e => e.CustomerId == customerId).OrderByDescending(e => e.At).Take(200)
            .Select(e => new ContactDto(e.At, e.Purpose, e.Channel, e.MessageId)).ToListAsync(cancellationToken);
        var messages = await MessagesAsync(db.Set<OutboundMessage>().Where(m => m.CustomerId == customerId), 200, cancellationToken);
        return new ContactHistoryDto(customerId, profile.Name,
            optOuts.OrderByDescending(o => o.From).Select(o => new OptOutDto(o.Id, o.Purpose, o.From, o.Until, o.Source, o.Until is null || o.Until > now)).ToList(),
            contacts, messages);
    }

    /// <summary>Newest first.</summary>
    public static async Task<IReadOnlyList<MessageDto>> MessagesAsync(IQueryable<OutboundMessage> query, int take, CancellationToken cancellationToken) =>
        await query.AsNoTracking().OrderByDescending(m => m.CreatedAt).Take(take)
            .Select(m => new MessageDto(m.Id, m.CustomerId, m.Purpose, m.TemplateKey, m.DedupKey, m.Channel, m.Status, m.DueAt, m.ReasonCode, m.CreatedAt, m.SentAt,
                m.RenderedText, m.WireBody, m.Parameters, m.CampaignId))
            .ToListAsync(cancellationToken);

    public async Task<Result<bool>> OptOutAsync(ClaimsPrincipal actor, Guid customerId, OptOutRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CustomersManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation().MaxLength("source", request.Source, 100);
        if (!Enum.IsDefined(request.Purpose))
        {
            v.Add("purpose", ErrorCodes.InvalidFormat);
        }

        if (request.Until is { } until && until <= time.GetUtcNow())
        {
            v.Add("until", ErrorCodes.MustBeFuture);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        if (await customers.ContactProfileAsync(customerId, cancellationToken) is null)
        {
            return Error.NotFound();
        }

        audit.Record("customer.opted-out", "Customer", customerId.ToString(), new { request.Purpose, request.Until, request.Source });
        await policy.OptOutAsync(customerId, request.Purpose, request.Until, string.IsNullOrWhiteSpace(request.Source) ? "staff" : request.Source, cancellationToken);
        return true;
    }

    /// <summary>An agent is about to call: the policy decides; when it allows, the attempt is recorded (it counts against the caps).</summary>
    public async Task<Result<ContactDecision>> CallAttemptAsync(ClaimsPrincipal actor, Guid customerId, CallAttemptRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CustomersManage))
        {
            return Error.Forbidden();
        }

        if (!Enum.IsDefined(request.Purpose))
        {
            return new Validation().Add("purpose", ErrorCodes.InvalidFormat).ToError()!;
        }

        var now = time.GetUtcNow();
        var decision = await policy.DecideAsync(customerId, request.Purpose, ContactChannel.Phone, now, cancellationToken);
        if (decision.ReasonCode == ContactReasons.UnknownCustomer)
        {
            return Error.NotFound();
        }

        if (decision is { Allowed: true, Channel: ContactChannel.Phone })
        {
            await policy.RecordAsync(customerId, request.Purpose, ContactChannel.Phone, now, cancellationToken);
        }

        return decision;
    }
}
