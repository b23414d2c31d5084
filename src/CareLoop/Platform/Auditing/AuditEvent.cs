using CareLoop.Platform.Tenancy;

namespace CareLoop.Platform.Auditing;

/// <summary>Who did what to which record, when and from where. Written in the same transaction as the change.</summary>
public sealed class AuditEvent : ITenantOwned
{
    private AuditEvent()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; } = "";

    /// <summary>Dotted verb, e.g. <c>user.created</c>, <c>auth.signed-in</c>, <c>customer.phone-revealed</c>.</summary>
    public string Action { get; private set; } = "";

    public string EntityType { get; private set; } = "";

    public string? EntityId { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public string? IpAddress { get; private set; }

    public string? Details { get; private set; }

    public static AuditEvent Create(
        Guid tenantId, Guid? actorId, string actorName, string action, string entityType, string? entityId,
        DateTimeOffset now, string? ipAddress, string? details) => new()
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            ActorId = actorId,
            ActorName = actorName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            OccurredAt = now,
            IpAddress = ipAddress,
            Details = details,
        };
}
