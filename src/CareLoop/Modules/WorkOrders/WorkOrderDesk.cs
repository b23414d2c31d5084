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

    public async Task<DispatchFacts?> DispatchFactsAsync(Guid id, CancellationToken cancellationToken)
    {
        var order = await db.Set<WorkOrder>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (order is null)
        {
            return null;
        }

        var decliners = await db.Set<TimelineEntry>().AsNoTracking()
            .Where(t => t.WorkOrderId == id && t.Action == DeclineAction && t.ActorId != null)
            .Select(t => t.ActorId!.Value).Distinct().ToListAsync(cancellationToken);
        var past = await db.Set<WorkOrder>().AsNoTracking()
            .Where(w => w.CustomerId == order.CustomerId && w.Id != id && w.AssigneeId != null && w.CompletedAt != null)
            .OrderByDescending(w => w.CompletedAt).Select(w => w.AssigneeId!.Value).Take(20).ToListAsync(cancellationToken);
        return Facts(order, decliners, past.Distinct().ToList());
    }

    public async Task<IReadOnlyDictionary<Guid, int>> LoadsAsync(IReadOnlyCollection<Guid> engineerIds, DateOnly day, CancellationToken cancellationToken)
    {
        if (engineerIds.Count == 0)
        {
            return new Dictionary<Guid, int>();
        }

        var from = TimeDisplay.ToUtc(day, TimeOnly.MinValue);
        var to = TimeDisplay.ToUtc(day.AddDays(1), TimeOnly.MinValue);
        var rows = await db.Set<WorkOrder>().AsNoTracking()
            .Where(w => w.AssigneeId != null && engineerIds.Contains(w.AssigneeId.Value) && Holding.Contains(w.State) &&
                        (w.WindowStart == null ? w.PreferredStart == null || (w.PreferredStart >= from && w.PreferredStart < to) : w.WindowStart >= from && w.WindowStart < to))
            .GroupBy(w => w.AssigneeId!.Value)
            .Select(g => new { Engineer = g.Key, Jobs = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Engineer, r => r.Jobs);
    }

    public async Task<Result<WorkOrderRef>> StageAssignAsync(
        Guid id, long expectedVersion, Guid engineerId, Guid? actorId, string actorName, string? reason, CancellationToken cancellationToken)
    {
        var order = await db.Set<WorkOrder>().Include(w => w.Timeline).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (order is null)
        {
            return Error.NotFound();
        }

        if (order.Version != expectedVersion)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        var actor = new WorkOrderActor(actorId, actorName, new HashSet<string> { Roles.Dispatcher });
        var applied = order.Apply(WorkOrderAction.Assign, new TransitionInput(reason, engineerId), actor, time.GetUtcNow());
        if (!applied.IsSuccess)
        {
            return applied.Error!;
        }

        await sla.TrackAsync(order, cancellationToken);
        return new WorkOrderRef(order.Id, order.Number, order.State);
    }

    public async Task<Result<WorkOrderRef>> StagePlannedArrivalAsync(Guid id, long expectedVersion, DateTimeOffset? arrival, CancellationToken cancellationToken)
    {
        var tracked = db.Set<WorkOrder>().Local.FirstOrDefault(w => w.Id == id);
        var order = tracked ?? await db.Set<WorkOrder>().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (order is null)
        {
            return Error.NotFound();
        }

        if (tracked is null && order.Version != expectedVersion)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        order.PlanArrival(arrival);
        return new WorkOrderRef(order.Id, order.Number, order.State);
    }

    public void AnnounceSaved(Guid id, string action)
    {
        if (db.Set<WorkOrder>().Local.FirstOrDefault(w => w.Id == id) is { } order)
        {
            changes.Publish(ChangeTopics.Topic(order.TenantId, WorkOrderTopics.Order, order.Id), new ChangeNotice(order.Id, order.Version, action));
            changes.Publish(ChangeTopics.Topic(order.TenantId, WorkOrderTopics.List), new ChangeNotice(order.Id, order.Version, action));
        }
    }

    public async Task<IReadOnlyList<DispatchFacts>> UnassignedAsync(string? regionPrefix, int take, CancellationToken cancellationToken)
    {
        var query = db.Set<WorkOrder>().AsNoTracking().Where(w => w.AssigneeId == null && Waiting.Contains(w.State) && OnSite.Contains(w.Kind));
        if (!string.IsNullOrWhiteSpace(regionPrefix))
        {
            query = query.Where(w => w.RegionCode != null && w.RegionCode.StartsWith(regionPrefix.Trim()));
        }

        var orders = await query.OrderBy(w => w.CreatedAt).Take(take).ToListAsync(cancellationToken);
        return orders.Select(o => Facts(o, [], [])).ToList();
    }

    public async Task<IReadOnlyList<DispatchFacts>> AssignedToAsync(IReadOnlyCollection<Guid> engineerIds, CancellationToken cancellationToken)
    {
        if (engineerIds.Count == 0)
        {
            return [];
        }

        var orders = await db.Set<WorkOrder>().AsNoTracking()
            .Where(w => w.AssigneeId != null && engineerIds.Contains(w.AssigneeId.Value) && Holding.Contains(w.State))
            .OrderBy(w => w.CreatedAt).Take(2000).ToListAsync(cancellationToken);
        return orders.Select(o => Facts(o, [], [])).ToList();
    }

    public async Task<SettlementFacts?> SettlementFactsAsync(Guid id, CancellationToken cancellationToken)
    {
        var order = await db.Set<WorkOrder>().AsNoTracking().Include(w => w.Timeline).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (order is null)
        {
            return null;
        }

        var breached = (await sla.ReadAsync(order, cancellationToken)).Any(c => c.Reading.Status == Domain.Sla.SlaStatus.Breached);
        return new SettlementFacts(order.Id, order.Number, order.Kind, order.State, order.CustomerId, order.UnitId, order.AddressId, order.AssigneeId,
            order.CompletedAt, breached, order.IsRepeatRepair);
    }

    public async Task<IReadOnlyList<CompletedJob>> CompletedByAsync(Guid engineerId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        return await db.Set<WorkOrder>().AsNoTracking()
            .Where(w => w.AssigneeId == engineerId && w.CompletedAt != null && w.CompletedAt >= since)
            .OrderByDescending(w => w.CompletedAt)
            .Select(w => new CompletedJob(w.Id, w.Number, w.Kind, w.CompletedAt!.Value))
            .ToListAsync(cancellationToken);
    }

    public async Task<CallbackJob?> CallbackJobAsync(Guid id, CancellationToken cancellationToken)
    {
        var order = await db.Set<WorkOrder>().AsNoTracking().Include(w => w.Timeline).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (order is null)
        {
            return null;
        }

        var photos = await db.Set<WorkOrderAttachment>().AsNoTracking().Where(a => a.WorkOrderId == id && a.Kind == AttachmentKind.Photo)
            .OrderBy(a => a.UploadedAt).Select(a => a.Id).ToListAsync(cancellationToken);
        var charges = await db.Set<ChargeLine>().AsNoTracking().Where(c => c.WorkOrderId == id).OrderBy(c => c.AddedAt).ToListAsync(cancellationToken);
        var steps = order.Timeline.OrderBy(t => t.At).ToList();
        return new CallbackJob(
            order.Id, order.Number, order.Kind, order.State, order.Version, order.CustomerId, order.UnitId, order.AddressId, order.RegionCode, order.Description,
            order.AssigneeId, steps.FirstOrDefault(t => t.Action == "create")?.ActorId, order.CompletedAt, order.IsRepeatRepair, photos,
            charges.Select(c => new CallbackCharge(c.Description, c.Quantity, c.TotalFen, c.Covered)).ToList(),
            steps.Select(t => new CallbackJobStep(t.At, t.Action, t.ActorName, t.Reason)).ToList());
    }

    public async Task<Result<WorkOrderRef>> StageCallbackStepAsync(Guid id, CallbackStep step, string? reason, Guid? actorId, string actorName, CancellationToken cancellationToken)
    {
        var order = db.Set<WorkOrder>().Local.FirstOrDefault(w => w.Id == id)
            ?? await db.Set<WorkOrder>().Include(w => w.Timeline).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (order is null)
        {
            return Error.NotFound();
        }

        var action = step switch
        {
            CallbackStep.RequestCallback => WorkOrderAction.RequestCallback,
            CallbackStep.Close => WorkOrderAction.Close,
            _ => WorkOrderAction.Reopen,
        };
        var actor = new WorkOrderActor(actorId, actorName, new HashSet<string> { Roles.Agent });
        var applied = order.Apply(action, new TransitionInput(reason), actor, time.GetUtcNow());
        if (!applied.IsSuccess)
        {
            return applied.Error!;
        }

        await sla.TrackAsync(order, cancellationToken);
        db.Entry(order).State = EntityState.Modified;
        return new WorkOrderRef(order.Id, order.Number, order.State);
    }

    private const string DeclineAction = "decline";

    /// <summary>States in which an engineer holds the job and has not finished on site: they count against the day's capacity.</summary>
    private static readonly WorkOrderState[] Holding = [WorkOrderState.Assigned, WorkOrderState.Accepted, WorkOrderState.Scheduled, WorkOrderState.OnSite];

    /// <summary>States of an order waiting for an engineer.</summary>
    private static readonly WorkOrderState[] Waiting = [WorkOrderState.Created, WorkOrderState.Declined, WorkOrderState.Reopened];

    private static readonly WorkOrderKind[] OnSite = [WorkOrderKind.Installation, WorkOrderKind.OnSiteRepair, WorkOrderKind.OnSiteGuidance, WorkOrderKind.Maintenance];

    private static DispatchFacts Facts(WorkOrder o, IReadOnlyList<Guid> decliners, IReadOnlyList<Guid> past) => new(
        o.Id, o.Number, o.Kind, o.State, o.Version, o.Priority.ToString().ToLowerInvariant(), o.CustomerId, o.UnitId, o.AddressId, o.RegionCode,
        o.PreferredStart, o.PreferredEnd, o.WindowStart, o.WindowEnd, o.SlaDueAt, o.AssigneeId, o.CreatedAt, decliners, past);
}
