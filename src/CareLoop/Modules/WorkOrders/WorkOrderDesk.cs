using System.Security.Claims;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Features.CreateWorkOrder;
using CareLoop.Modules.WorkOrders.Features.EvaluateSla;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Realtime;
using CareLoop.Platform.Tenancy;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders;

/// <summary><see cref="IWorkOrderDesk"/>: opening goes through <see cref="CreateWorkOrderHandler"/>, so the rules are the API's.</summary>
internal sealed class WorkOrderDesk(
    CreateWorkOrderHandler create, CareLoopDbContext db, ITenantContext tenant, SlaTracker sla, IChangeFeed changes, TimeProvider time) : IWorkOrderDesk
{
    /// <summary>What an order channel may cancel: work that has not started (nobody is on the way).</summary>
    private static readonly WorkOrderState[] NotStarted = [WorkOrderState.Created, WorkOrderState.Assigned, WorkOrderState.Accepted, WorkOrderState.Scheduled, WorkOrderState.Declined];

    public async Task<Result<WorkOrderRef>> OpenAsync(ClaimsPrincipal actor, OpenWorkOrder request, CancellationToken cancellationToken)
    {
        var priority = WorkOrderPriority.Normal;
        if (request.Priority is { } name &&
            (!Enum.TryParse(name, ignoreCase: true, out priority) || !Enum.IsDefined(priority) || int.TryParse(name, out _)))
        {
            return new Validation().Add("priority", ErrorCodes.InvalidFormat).ToError()!;
        }

        var created = await create.HandleAsync(actor, new CreateWorkOrderRequest(request.CustomerId, request.UnitId, request.Kind, priority, request.Description), cancellationToken);
        return created.IsSuccess ? new WorkOrderRef(created.Value!.Id, created.Value.Number, created.Value.State) : created.Error!;
    }

    public async Task<WorkOrderRef> StageAsync(StagedWorkOrder request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var order = WorkOrder.Create(tenant.RequireTenantId(), WorkOrderNumbers.Next(TimeDisplay.Today(time)), request.Kind, WorkOrderPriority.Normal,
            request.CustomerId, request.UnitId, request.RegionCode, request.Description, new WorkOrderActor(null, request.ActorName, new HashSet<string>()), now);
        order.Prefer(request.AddressId, request.PreferredStart is { } start && request.PreferredEnd is { } end ? new AppointmentWindow(start, end) : null);
        await sla.TrackAsync(order, cancellationToken);
        db.Add(order);
        return new WorkOrderRef(order.Id, order.Number, order.State);
    }

    public async Task<IReadOnlyList<Guid>> CancelNotStartedAsync(IReadOnlyCollection<Guid> ids, string actorName, string reason, CancellationToken cancellationToken)
    {
        var orders = await db.Set<WorkOrder>().Include(w => w.Timeline).Where(w => ids.Contains(w.Id) && NotStarted.Contains(w.State)).ToListAsync(cancellationToken);
        var actor = new WorkOrderActor(null, actorName, new HashSet<string> { Roles.Dispatcher });
        var cancelled = new List<Guid>();
        foreach (var order in orders)
        {
            if (order.Apply(WorkOrderAction.Cancel, new TransitionInput(reason), actor, time.GetUtcNow()).IsSuccess)
            {
                await sla.TrackAsync(order, cancellationToken);
                db.Entry(order).State = EntityState.Modified;
                cancelled.Add(order.Id);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var order in orders.Where(o => cancelled.Contains(o.Id)))
        {
            changes.Publish(ChangeTopics.Topic(order.TenantId, WorkOrderTopics.Order, order.Id), new ChangeNotice(order.Id, order.Version, "cancel"));
        }

        return cancelled;
    }

    public async Task<IReadOnlyList<WorkOrderSummary>> SummariesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? []
            : await db.Set<WorkOrder>().AsNoTracking().Where(w => ids.Contains(w.Id))
                .Select(w => new WorkOrderSummary(w.Id, w.Number, w.Kind, w.State, w.CreatedAt))
                .ToListAsync(cancellationToken);
}
