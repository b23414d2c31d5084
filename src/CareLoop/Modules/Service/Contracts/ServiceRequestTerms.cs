namespace CareLoop.Modules.Service.Contracts;

/// <summary>Where the customer reached us. The names are the API's (camelCase in JSON).</summary>
public enum ServiceChannel
{
    Phone = 1,

    /// <summary>A message on the marketplace order (Tmall, JD, Douyin).</summary>
    PlatformOrder = 2,
    Web = 3,
    WeChat = 4,
    App = 5,
    WalkIn = 6,
}

public enum ServiceRequestKind
{
    Consultation = 1,
    Installation = 2,
    Repair = 3,
    Complaint = 4,
    ReturnExchange = 5,
}

/// <summary>The same scale as work orders' priority, owned here so the modules stay independent.</summary>
public enum ServicePriority
{
    Low = 1,
    Normal = 2,
    High = 3,
    Urgent = 4,
}

public enum ServiceRequestState
{
    Open = 1,
    Resolved = 2,
    Cancelled = 3,
}
