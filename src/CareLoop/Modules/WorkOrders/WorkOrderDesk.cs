using System.Security.Claims;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Features.CreateWorkOrder;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders;

/// <summary><see cref="IWorkOrderDesk"/>: opening goes through <see cref="CreateWorkOrderHandler"/>, so the rules are the API's.</summary>
internal sealed class WorkOrderDesk(CreateWorkOrderHandler create, CareLoopDbContext db) : IWorkOrderDesk
{
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

    public async Task<IReadOnlyList<WorkOrderSummary>> SummariesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? []
            : await db.Set<WorkOrder>().AsNoTracking().Where(w => ids.Contains(w.Id))
                .Select(w => new WorkOrderSummary(w.Id, w.Number, w.Kind, w.State, w.CreatedAt))
                .ToListAsync(cancellationToken);
}
