namespace CareLoop.Platform.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Deliver messages on this node. A node that only serves requests may turn delivery off.</summary>
    public bool Enabled { get; set; } = true;

    public int PollIntervalMilliseconds { get; set; } = 2000;

    public int BatchSize { get; set; } = 50;

    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long a claimed message stays reserved for the node that claimed it.</summary>
    public int LeaseSeconds { get; set; } = 60;
}

/// <summary>Which handlers react to which event name; filled by <see cref="OutboxExtensions.AddOutboxHandler{TEvent,THandler}"/>.</summary>
public sealed class OutboxRegistry
{
    private readonly Dictionary<string, (Type Event, List<OutboxSubscription> Handlers)> _map = new(StringComparer.Ordinal);

    internal void Add(OutboxSubscription subscription)
    {
        var name = OutboxSerializer.NameOf(subscription.Event);
        if (!_map.TryGetValue(name, out var entry))
        {
            entry = (subscription.Event, []);
            _map[name] = entry;
        }

        if (entry.Handlers.All(h => h.Handler != subscription.Handler))
        {
            entry.Handlers.Add(subscription);
        }
    }

    public (Type Event, IReadOnlyList<OutboxSubscription> Handlers)? Find(string eventName) =>
        _map.TryGetValue(eventName, out var entry) ? (entry.Event, entry.Handlers) : null;
}
