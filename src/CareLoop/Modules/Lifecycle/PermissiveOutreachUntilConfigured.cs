using System.Collections.Concurrent;
using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.Lifecycle;

/// <summary>
/// Stands in for the Outreach module until it is registered (Lifecycle adds it with <c>TryAdd</c>, so the real one,
/// added first, wins): every contact is allowed, opt-outs and sends are kept in memory, a dedup key is sent once per
/// process. It knows no quiet hours, caps or holidays: those are the contact policy's, not Lifecycle's.
/// </summary>
public sealed class PermissiveOutreachUntilConfigured(TimeProvider time) : IContactPolicy, IOutreach
{
    private readonly ConcurrentDictionary<string, OutreachReceipt> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset?> _optedOut = new();

    public IReadOnlyCollection<OutreachMessage> Sent => _messages.ToArray();

    private readonly ConcurrentQueue<OutreachMessage> _messages = new();

    public Task<ContactDecision> DecideAsync(Guid customerId, ContactPurpose purpose, ContactChannel channel, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(_optedOut.TryGetValue(customerId, out var until) && (until is null || until > at) && purpose != ContactPurpose.Service
            ? new ContactDecision(false, null, null, "optedOut")
            : new ContactDecision(true, channel, null, null));

    public Task RecordAsync(Guid customerId, ContactPurpose purpose, ContactChannel channel, DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OptOutAsync(Guid customerId, ContactPurpose purpose, DateTimeOffset? until, string source, CancellationToken cancellationToken)
    {
        _optedOut[customerId] = until;
        return Task.CompletedTask;
    }

    public async Task<Result<OutreachReceipt>> SendAsync(OutreachMessage message, CancellationToken cancellationToken)
    {
        var decision = await DecideAsync(message.CustomerId, message.Purpose, message.PreferredChannel ?? ContactChannel.Sms, time.GetUtcNow(), cancellationToken);
        var fresh = false;
        var receipt = _sent.GetOrAdd(message.DedupKey, _ =>
        {
            fresh = true;
            return decision.Allowed
                ? new OutreachReceipt(Guid.CreateVersion7(time.GetUtcNow()), "sent", decision.Channel, null, null, false)
                : new OutreachReceipt(Guid.CreateVersion7(time.GetUtcNow()), "dropped", null, null, decision.ReasonCode, false);
        });
        if (fresh && receipt.Status == "sent")
        {
            _messages.Enqueue(message);
        }

        return fresh ? receipt : receipt with { Duplicate = true };
    }
}
