namespace CareLoop.Modules.Service.Contracts;

/// <summary>The request a work order was opened for, and who owns it (the agent who took the case).</summary>
public sealed record WorkOrderRequest(Guid RequestId, Guid? OwnerId);

/// <summary>
/// What other modules (the satisfaction callback) may ask of service requests: whose case a work order belongs to
/// (ownership: the agent who took the case follows it up), and opening a new request that follows up an earlier one.
/// </summary>
public interface IServiceRequestLinks
{
    /// <summary>The request the order was opened for (the earliest, if several), or null when it was opened without one.</summary>
    Task<WorkOrderRequest?> ForWorkOrderAsync(Guid workOrderId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a new open request to the caller's unit of work without saving: a problem the customer raised on a callback
    /// about work order <paramref name="workOrderNumber"/> (kept as the channel reference, so the two are linked).
    /// </summary>
    Guid StageFollowUp(Guid customerId, Guid? unitId, ServiceRequestKind kind, string description, string workOrderNumber, Guid? ownerId);
}
