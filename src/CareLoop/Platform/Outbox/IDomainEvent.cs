namespace CareLoop.Platform.Outbox;

/// <summary>Something that happened in the domain and that other modules may react to, after the commit.</summary>
public interface IDomainEvent;

/// <summary>An aggregate that records domain events; the DbContext moves them into the outbox on save.</summary>
public interface IHasDomainEvents
{
    IReadOnlyCollection<IDomainEvent> DomainEvents { get; }

    void ClearDomainEvents();
}

/// <summary>Reacts to one kind of event. Runs once per message (docs/adr/0004), in the event's tenant scope.</summary>
public interface IOutboxHandler<in TEvent>
    where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, OutboxContext context, CancellationToken cancellationToken);
}

public sealed record OutboxContext(Guid MessageId, Guid TenantId, DateTimeOffset OccurredAt, int Attempt);
