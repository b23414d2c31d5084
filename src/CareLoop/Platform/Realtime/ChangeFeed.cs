using System.Collections.Concurrent;

namespace CareLoop.Platform.Realtime;

/// <summary>What changed: the record's id and its new version (a page reloads when it holds an older one).</summary>
public sealed record ChangeNotice(Guid Id, long Version, string What);

/// <summary>
/// Live updates for staff pages: a handler publishes after its commit, pages showing the record subscribe.
/// Topics are tenant-scoped by construction (<see cref="Topic"/>). In-process (docs/adr/0011): several nodes need the
/// Redis adapter behind this same interface.
/// </summary>
public interface IChangeFeed
{
    IDisposable Subscribe(string topic, Func<ChangeNotice, Task> handler);

    void Publish(string topic, ChangeNotice notice);
}

public static class ChangeTopics
{
    public static string Topic(Guid tenantId, string kind, Guid? id = null) => id is null ? $"{tenantId:N}/{kind}" : $"{tenantId:N}/{kind}/{id:N}";
}

public sealed class InProcessChangeFeed(ILogger<InProcessChangeFeed> logger) : IChangeFeed
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<ChangeNotice, Task>>> _topics = new();

    public IDisposable Subscribe(string topic, Func<ChangeNotice, Task> handler)
    {
        var key = Guid.NewGuid();
        _topics.GetOrAdd(topic, _ => new())[key] = handler;
        return new Subscription(() =>
        {
            if (_topics.TryGetValue(topic, out var handlers))
            {
                handlers.TryRemove(key, out _);
            }
        });
    }

    /// <summary>Fire and forget: a slow or broken page never holds up the request that made the change.</summary>
    public void Publish(string topic, ChangeNotice notice)
    {
        if (!_topics.TryGetValue(topic, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers.Values)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await handler(notice);
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "A live-update subscriber of {Topic} failed", topic);
                }
            });
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
