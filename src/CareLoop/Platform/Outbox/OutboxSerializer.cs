using System.Text.Json;

namespace CareLoop.Platform.Outbox;

internal static class OutboxSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string NameOf(Type eventType) => eventType.FullName!;

    public static OutboxMessage ToMessage(Guid tenantId, IDomainEvent domainEvent, DateTimeOffset now) =>
        OutboxMessage.Create(
            tenantId,
            NameOf(domainEvent.GetType()),
            JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), Options),
            now);
}
