using CareLoop.Platform.Tenancy;

namespace CareLoop.Platform.Outbox;

public enum OutboxState
{
    Pending = 0,
    Delivered = 1,
    Dead = 2,
}

/// <summary>An event stored in the same transaction as the change that raised it.</summary>
public sealed class OutboxMessage : ITenantOwned
{
    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>Stable event name (the event type's full name) used to find its handlers.</summary>
    public string Type { get; private set; } = "";

    public string Payload { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    public OutboxState State { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public string? LockedBy { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public static OutboxMessage Create(Guid tenantId, string type, string payload, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        Type = type,
        Payload = payload,
        OccurredAt = now,
        NextAttemptAt = now,
        State = OutboxState.Pending,
    };

    public void MarkDelivered(DateTimeOffset now)
    {
        State = OutboxState.Delivered;
        DeliveredAt = now;
        LockedUntil = null;
        LockedBy = null;
        LastError = null;
    }

    public void MarkFailed(string error, DateTimeOffset now, int maxAttempts)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        LockedUntil = null;
        LockedBy = null;
        if (Attempts >= maxAttempts)
        {
            State = OutboxState.Dead;
            return;
        }

        // 1 s, 2 s, 4 s ... capped at 10 minutes.
        var delay = TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, Attempts - 1)));
        NextAttemptAt = now + delay;
    }

    /// <summary>An admin gives a dead message another round of attempts.</summary>
    public bool Retry(DateTimeOffset now)
    {
        if (State != OutboxState.Dead)
        {
            return false;
        }

        State = OutboxState.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        return true;
    }
}

/// <summary>Proof that a handler has processed a message: its unique key makes each handler's effect happen once.</summary>
public sealed class OutboxDelivery
{
    private OutboxDelivery()
    {
    }

    public Guid MessageId { get; private set; }

    public string Handler { get; private set; } = "";

    public DateTimeOffset DeliveredAt { get; private set; }

    public static OutboxDelivery Create(Guid messageId, string handler, DateTimeOffset now) =>
        new() { MessageId = messageId, Handler = handler, DeliveredAt = now };
}
