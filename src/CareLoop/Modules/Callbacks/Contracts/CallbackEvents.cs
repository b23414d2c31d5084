using CareLoop.Platform.Outbox;

namespace CareLoop.Modules.Callbacks.Contracts;

/// <summary>
/// The customer confirmed on the satisfaction callback (or by the survey link) that the job was done: the gate for
/// paying the engineer. Integration event through the outbox; Settlement posts the commission from it.
/// </summary>
/// <param name="Csat">1–5 when the customer gave one.</param>
/// <param name="Nps">0–10 when the customer gave one.</param>
public sealed record CallbackConfirmed(
    Guid CallbackId, Guid WorkOrderId, string WorkOrderNumber, Guid? EngineerId, int? Csat, int? Nps, DateTimeOffset ConfirmedAt) : IDomainEvent;

/// <summary>
/// The callback found a problem with the job (it was not done, or not well). <paramref name="Complaint"/> is true when
/// the customer complains about the engineer or the service: Settlement posts the complaint penalty from it.
/// </summary>
public sealed record CallbackProblemFound(
    Guid CallbackId, Guid WorkOrderId, string WorkOrderNumber, Guid? EngineerId, bool Complaint, Guid? FollowUpWorkOrderId, DateTimeOffset FoundAt) : IDomainEvent;
