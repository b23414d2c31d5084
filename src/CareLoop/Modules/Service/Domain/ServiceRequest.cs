using CareLoop.Modules.Service.Contracts;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Service.Domain;

/// <summary>
/// A customer's need as it reached the service desk (服务请求): advice, an installation, a repair, a complaint, a
/// return. It is resolved directly (advice given, guide sent) or spawns work orders, which stay linked to it; it is
/// never reopened — a new need is a new request.
/// </summary>
public sealed class ServiceRequest : ITenantOwned, IVersioned
{
    private readonly List<ServiceRequestWorkOrder> _workOrders = [];

    private ServiceRequest()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public ServiceRequestKind Kind { get; private set; }

    public ServiceChannel Channel { get; private set; }

    /// <summary>The channel's own id: the platform order number, the WeChat conversation, the call id.</summary>
    public string? ChannelReference { get; private set; }

    public string Description { get; private set; } = "";

    public Guid CustomerId { get; private set; }

    public Guid? UnitId { get; private set; }

    public ServicePriority Priority { get; private set; }

    /// <summary>The caller's mood as the agent judged it: 1 angry … 5 happy.</summary>
    public int Emotion { get; private set; }

    /// <summary>The agent responsible for the request (the one who took it, by default).</summary>
    public Guid? OwnerId { get; private set; }

    public ServiceRequestState State { get; private set; }

    public string? Resolution { get; private set; }

    public string? CancelReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public long Version { get; set; }

    public IReadOnlyList<ServiceRequestWorkOrder> WorkOrders => _workOrders;

    public bool IsOpen => State == ServiceRequestState.Open;

    public static ServiceRequest Open(
        Guid tenantId, ServiceRequestKind kind, ServiceChannel channel, string? channelReference, string description, Guid customerId, Guid? unitId,
        ServicePriority priority, int emotion, Guid? ownerId, DateTimeOffset now)
    {
        if (emotion is < ServiceRequestRules.MinEmotion or > ServiceRequestRules.MaxEmotion)
        {
            throw new ArgumentOutOfRangeException(nameof(emotion), emotion, "Emotion is rated 1 (angry) to 5 (happy).");
        }

        return new ServiceRequest
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            Kind = kind,
            Channel = channel,
            ChannelReference = string.IsNullOrWhiteSpace(channelReference) ? null : channelReference.Trim(),
            Description = description.Trim(),
            CustomerId = customerId,
            UnitId = unitId,
            Priority = priority,
            Emotion = emotion,
            OwnerId = ownerId,
            State = ServiceRequestState.Open,
            CreatedAt = now,
        };
    }

    /// <summary>Answered without a visit: the resolution says what was done (advice, a guide sent).</summary>
    public Result<ServiceRequestState> Resolve(string resolution, DateTimeOffset now)
    {
        if (NotOpen("resolve") is { } refused)
        {
            return refused;
        }

        Resolution = resolution.Trim();
        ResolvedAt = now;
        State = ServiceRequestState.Resolved;
        return State;
    }

    public Result<ServiceRequestState> Cancel(string reason, DateTimeOffset now)
    {
        if (NotOpen("cancel") is { } refused)
        {
            return refused;
        }

        CancelReason = reason.Trim();
        CancelledAt = now;
        State = ServiceRequestState.Cancelled;
        return State;
    }

    /// <summary>Records a work order opened for this request (the order itself lives in the work-orders module).</summary>
    public Result<ServiceRequestState> LinkWorkOrder(Guid workOrderId, DateTimeOffset now)
    {
        if (NotOpen("createWorkOrder") is { } refused)
        {
            return refused;
        }

        _workOrders.Add(ServiceRequestWorkOrder.Create(Id, workOrderId, now));
        return State;
    }

    /// <summary>Only an open request can change; resolving or cancelling twice is an error, never a silent no-op.</summary>
    public Error? NotOpen(string action) =>
        IsOpen ? null : new Error(ErrorCodes.ServiceRequestNotOpen, 422, null, action, ServiceRequestRules.NameOf(State));
}

/// <summary>A work order opened for a service request: the link lives here, the work-orders module knows nothing of requests.</summary>
public sealed class ServiceRequestWorkOrder
{
    private ServiceRequestWorkOrder()
    {
    }

    public Guid ServiceRequestId { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public DateTimeOffset LinkedAt { get; private set; }

    internal static ServiceRequestWorkOrder Create(Guid requestId, Guid workOrderId, DateTimeOffset at) =>
        new() { ServiceRequestId = requestId, WorkOrderId = workOrderId, LinkedAt = at };
}

public static class ServiceRequestRules
{
    public const int MinEmotion = 1;
    public const int MaxEmotion = 5;
    public const int DefaultEmotion = 3;
    public const int DescriptionMaxLength = 2000;
    public const int ResolutionMaxLength = 2000;
    public const int ReasonMaxLength = 500;
    public const int ChannelReferenceMaxLength = 64;

    /// <summary>The camelCase names the API uses for enum values.</summary>
    public static string NameOf<T>(T value)
        where T : struct, Enum => char.ToLowerInvariant(value.ToString()[0]) + value.ToString()[1..];
}
