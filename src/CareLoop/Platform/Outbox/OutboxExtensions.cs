namespace CareLoop.Platform.Outbox;

public static class OutboxExtensions
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton(sp => sp.GetRequiredService<OutboxRegistryBuilder>().Build());
        services.AddSingleton<OutboxRegistryBuilder>();
        return services;
    }

    /// <summary>Subscribes a handler to an event; modules call this from their Add&lt;Module&gt;.</summary>
    public static IServiceCollection AddOutboxHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IDomainEvent
        where THandler : class, IOutboxHandler<TEvent>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new OutboxSubscription(
            typeof(TEvent),
            typeof(THandler),
            (handler, domainEvent, context, ct) => ((THandler)handler).HandleAsync((TEvent)domainEvent, context, ct)));
        return services;
    }
}

/// <summary>One handler's subscription to one event, with a typed call (no reflection when delivering).</summary>
public sealed record OutboxSubscription(
    Type Event, Type Handler, Func<object, IDomainEvent, OutboxContext, CancellationToken, Task> Invoke);

internal sealed class OutboxRegistryBuilder(IEnumerable<OutboxSubscription> subscriptions)
{
    public OutboxRegistry Build()
    {
        var registry = new OutboxRegistry();
        foreach (var s in subscriptions)
        {
            registry.Add(s);
        }

        return registry;
    }
}
