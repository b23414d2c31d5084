using CareLoop.Modules.WorkOrders.Contracts;

namespace CareLoop.Modules.WorkOrders.Domain.Sla;

/// <summary>Whether a budget is spent only in the tenant's working hours or around the clock (24×7).</summary>
public enum SlaClockMode
{
    BusinessHours = 1,
    AroundTheClock = 2,
}

/// <summary>The promises a work order is measured against.</summary>
public enum SlaTarget
{
    /// <summary>From assignment to the engineer's first contact with the customer.</summary>
    FirstContact = 1,

    /// <summary>Arrival within the booked window: the deadline is the window's end, not a budget.</summary>
    Arrival = 2,

    /// <summary>From creation to completion.</summary>
    Completion = 3,

    /// <summary>Mail-in: from receipt at the repair centre to ship-back.</summary>
    RepairTurnaround = 4,
}

/// <summary>
/// A tenant's SLA budgets for one work-order kind and priority. A null <see cref="Kind"/> or <see cref="Priority"/>
/// matches any, so a policy with both null is the tenant's default; <see cref="SlaPolicyResolver"/> picks the most
/// specific one.
/// </summary>
public sealed record SlaPolicy(
    WorkOrderKind? Kind,
    WorkOrderPriority? Priority,
    TimeSpan FirstContact,
    TimeSpan Completion,
    TimeSpan RepairTurnaround,
    SlaClockMode Mode = SlaClockMode.BusinessHours)
{
    /// <summary>What applies when a tenant defines nothing: 2 h to first contact, 48 h to completion, 72 h turnaround.</summary>
    public static SlaPolicy Default { get; } =
        new(null, null, TimeSpan.FromHours(2), TimeSpan.FromHours(48), TimeSpan.FromHours(72));

    /// <summary>Kind and priority (3) beat kind (2), which beats priority (1), which beats the default (0).</summary>
    public int Specificity => (Kind is null ? 0 : 2) + (Priority is null ? 0 : 1);

    /// <summary>The budget of a target; null for <see cref="SlaTarget.Arrival"/>, whose deadline is the booked window's end.</summary>
    public TimeSpan? BudgetFor(SlaTarget target) => target switch
    {
        SlaTarget.FirstContact => FirstContact,
        SlaTarget.Completion => Completion,
        SlaTarget.RepairTurnaround => RepairTurnaround,
        SlaTarget.Arrival => null,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Unknown SLA target."),
    };

    public bool Matches(WorkOrderKind kind, WorkOrderPriority priority) =>
        (Kind is null || Kind == kind) && (Priority is null || Priority == priority);
}

/// <summary>Chooses the policy for a work order among one tenant's policies.</summary>
public static class SlaPolicyResolver
{
    /// <summary>
    /// The most specific matching policy (kind + priority &gt; kind &gt; priority &gt; default); among equally
    /// specific ones the first listed. Falls back to <see cref="SlaPolicy.Default"/> when nothing matches.
    /// </summary>
    public static SlaPolicy Resolve(IEnumerable<SlaPolicy> tenantPolicies, WorkOrderKind kind, WorkOrderPriority priority)
    {
        SlaPolicy? best = null;
        foreach (var policy in tenantPolicies)
        {
            if (policy.Matches(kind, priority) && (best is null || policy.Specificity > best.Specificity))
            {
                best = policy;
            }
        }

        return best ?? SlaPolicy.Default;
    }
}
