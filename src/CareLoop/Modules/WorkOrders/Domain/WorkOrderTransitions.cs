using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using static CareLoop.Modules.WorkOrders.Domain.WorkOrderAction;
using static CareLoop.Modules.WorkOrders.Contracts.WorkOrderState;

namespace CareLoop.Modules.WorkOrders.Domain;

/// <summary>
/// One legal move: from a state, by an action, to a state (<c>null</c>: back to the state the order was suspended
/// from), on which path, by which roles, and whether a reason is mandatory.
/// </summary>
public sealed record WorkOrderTransition(WorkOrderState From, WorkOrderAction Action, WorkOrderState? To, WorkOrderFlow Flow, IReadOnlySet<string> Roles, bool NeedsReason = false);

/// <summary>
/// The work-order state machine (PRODUCT.md §3.1) as one table: the domain enforces it, the API and the UI offer
/// what it allows, and <c>docs/work-order-states.md</c> is rendered from it (a test keeps the two equal).
/// </summary>
public static class WorkOrderTransitions
{
    /// <summary>Dispatch: who sends work to engineers.</summary>
    private static readonly HashSet<string> Dispatch = [Roles.Dispatcher, Roles.Supervisor, Roles.TenantAdmin];

    /// <summary>The service desk: agents and their supervisors talk to the customer.</summary>
    private static readonly HashSet<string> Desk = [Roles.Agent, Roles.Supervisor, Roles.TenantAdmin];

    /// <summary>The engineer the order is assigned to (checked separately: an engineer acts only on their own orders).</summary>
    private static readonly HashSet<string> Field = [Roles.Engineer];

    private static readonly HashSet<string> Centre = [Roles.RepairTechnician];

    private static readonly HashSet<string> Logistics = [Roles.WarehouseClerk, Roles.RepairTechnician];

    private static readonly HashSet<string> Quality = [Roles.QualityManager, Roles.Supervisor];

    private static HashSet<string> Any(params HashSet<string>[] sets) => sets.SelectMany(s => s).ToHashSet();

    public static readonly IReadOnlyList<WorkOrderTransition> Table = Build();

    /// <summary>The states nothing leaves except a reopen.</summary>
    public static readonly IReadOnlySet<WorkOrderState> Final = new HashSet<WorkOrderState> { Closed, Cancelled };

    public static WorkOrderFlow FlowOf(WorkOrderKind kind) => kind == WorkOrderKind.MailInRepair ? WorkOrderFlow.MailIn : WorkOrderFlow.OnSite;

    /// <summary>The transition for this action from this state on this kind's path, or null when the action is illegal there.</summary>
    public static WorkOrderTransition? Find(WorkOrderKind kind, WorkOrderState from, WorkOrderAction action) =>
        Table.FirstOrDefault(t => t.From == from && t.Action == action && (t.Flow == WorkOrderFlow.Both || t.Flow == FlowOf(kind)));

    /// <summary>What may be done next from this state on this kind's path (regardless of role).</summary>
    public static IEnumerable<WorkOrderTransition> From(WorkOrderKind kind, WorkOrderState state) =>
        Table.Where(t => t.From == state && (t.Flow == WorkOrderFlow.Both || t.Flow == FlowOf(kind)));

    private static List<WorkOrderTransition> Build()
    {
        var onSite = WorkOrderFlow.OnSite;
        var mailIn = WorkOrderFlow.MailIn;
        var both = WorkOrderFlow.Both;
        var suspendable = Any(Field, Desk, Dispatch, Centre);
        List<WorkOrderTransition> table =
        [
            // On site: 受理 → 派工 → 接单 → 预约 → 上门 → 完工.
            new(Created, Assign, Assigned, onSite, Dispatch),
            new(Assigned, Assign, Assigned, onSite, Dispatch),
            new(Declined, Assign, Assigned, onSite, Dispatch),
            new(Reopened, Assign, Assigned, onSite, Dispatch),
            new(Assigned, Accept, Accepted, onSite, Field),
            new(Assigned, Decline, Declined, onSite, Field, NeedsReason: true),
            new(Accepted, Schedule, Scheduled, onSite, Any(Field, Desk, Dispatch)),
            new(Scheduled, Reschedule, Scheduled, onSite, Any(Field, Desk, Dispatch), NeedsReason: true),
            new(Scheduled, CheckIn, OnSite, onSite, Field),
            new(OnSite, Complete, Completed, onSite, Field),

            // Mail-in: 寄修 — shipped in, received, diagnosed, quoted (out of warranty), repaired, checked, shipped back.
            new(Created, RequestShipment, AwaitingShipment, mailIn, Desk),
            new(Reopened, RequestShipment, AwaitingShipment, mailIn, Desk),
            new(AwaitingShipment, Ship, InTransit, mailIn, Any(Desk, Logistics)),
            new(InTransit, Receive, Received, mailIn, Logistics),
            new(Received, Diagnose, Diagnosing, mailIn, Centre),
            new(Diagnosing, Quote, AwaitingApproval, mailIn, Centre),
            new(Diagnosing, Repair, Repairing, mailIn, Centre),
            new(AwaitingApproval, Approve, Repairing, mailIn, Desk),
            new(AwaitingApproval, ShipBack, ShippedBack, mailIn, Logistics, NeedsReason: true),
            new(Repairing, FinishRepair, QualityCheck, mailIn, Centre),
            new(QualityCheck, FailQualityCheck, Repairing, mailIn, Quality, NeedsReason: true),
            new(QualityCheck, ShipBack, ShippedBack, mailIn, Any(Quality, Logistics)),
            new(ShippedBack, Deliver, Delivered, mailIn, Any(Desk, Logistics)),
            new(Delivered, Complete, Completed, mailIn, Any(Desk, Centre)),

            // Both paths: 回访 → 结案, and reopening a finished order (a repeat visit within 30 days counts against first-time fix).
            new(Completed, RequestCallback, CallbackPending, both, Desk),
            new(CallbackPending, Close, Closed, both, Desk),
            new(Completed, Reopen, Reopened, both, Desk, NeedsReason: true),
            new(CallbackPending, Reopen, Reopened, both, Desk, NeedsReason: true),
            new(Closed, Reopen, Reopened, both, Desk, NeedsReason: true),
            new(Suspended, Resume, null, both, suspendable),
        ];

        // Suspend (waiting for parts or the customer; the SLA clock pauses) from every state where work is under way.
        foreach (var (state, flow) in new[]
                 {
                     (Assigned, onSite), (Accepted, onSite), (Scheduled, onSite), (OnSite, onSite),
                     (Received, mailIn), (Diagnosing, mailIn), (AwaitingApproval, mailIn), (Repairing, mailIn),
                 })
        {
            table.Add(new(state, Suspend, Suspended, flow, suspendable, NeedsReason: true));
        }

        // Cancel before the work is done, always with a reason.
        foreach (var (state, flow) in new[]
                 {
                     (Created, both), (Suspended, both), (Reopened, both), (Assigned, onSite), (Accepted, onSite), (Scheduled, onSite),
                     (Declined, onSite), (AwaitingShipment, mailIn),
                 })
        {
            table.Add(new(state, Cancel, Cancelled, flow, Any(Desk, Dispatch), NeedsReason: true));
        }

        return table;
    }
}
