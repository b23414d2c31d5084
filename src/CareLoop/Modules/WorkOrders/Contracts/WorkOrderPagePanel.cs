namespace CareLoop.Modules.WorkOrders.Contracts;

/// <summary>
/// A panel another module adds to the work-order page (dispatch decisions, say) without the page knowing the module:
/// <paramref name="Component"/> is a Blazor component with the parameters <c>WorkOrderId</c> (<see cref="Guid"/>) and
/// <c>Version</c> (<see cref="long"/>; a new version means the order changed: reload). Register it as a singleton.
/// </summary>
public sealed record WorkOrderPagePanel(Type Component);
