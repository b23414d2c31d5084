using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Features.EvaluateSla;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Realtime;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders.Features.CreateWorkOrder;

public sealed record CreateWorkOrderRequest(Guid? CustomerId, Guid? UnitId, WorkOrderKind Kind, WorkOrderPriority Priority = WorkOrderPriority.Normal, string? Description = null);

public sealed record CreatedWorkOrder(Guid Id, string Number, WorkOrderState State, long Version);

/// <summary>Opens a work order for a customer (and, for anything but advice, the unit it is about).</summary>
public sealed class CreateWorkOrderHandler(
    CareLoopDbContext db, ITenantContext tenant, ICustomerDirectory customers, SlaTracker sla, DatabaseProvider provider, IAuditLog audit, IChangeFeed changes,
    TimeProvider time)
{
    public async Task<Result<CreatedWorkOrder>> HandleAsync(ClaimsPrincipal actor, CreateWorkOrderRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.WorkOrdersCreate))
        {
            return Error.Forbidden();
        }

        var v = new Validation().Required("description", request.Description).MaxLength("description", request.Description, 2000);
        if (!Enum.IsDefined(request.Kind))
        {
            v.Add("kind", ErrorCodes.InvalidFormat);
        }

        if (!Enum.IsDefined(request.Priority))
        {
            v.Add("priority", ErrorCodes.InvalidFormat);
        }

        var customer = request.CustomerId is { } customerId ? await customers.FindAsync(customerId, cancellationToken) : null;
        if (customer is null)
        {
            v.Add("customerId", request.CustomerId is null ? ErrorCodes.Required : ErrorCodes.UnknownCustomer);
        }

        if (request.UnitId is { } unitId)
        {
            var unit = await customers.FindUnitAsync(unitId, cancellationToken);
            if (unit is null || (request.CustomerId is not null && unit.CustomerId != request.CustomerId))
            {
                v.Add("unitId", ErrorCodes.UnknownUnit);
            }
        }
        else if (request.Kind is not (WorkOrderKind.OnSiteGuidance or WorkOrderKind.VideoGuidance))
        {
            v.Add("unitId", ErrorCodes.Required);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            var order = WorkOrder.Create(tenant.RequireTenantId(), WorkOrderNumbers.Next(TimeDisplay.Today(time)), request.Kind, request.Priority,
                request.CustomerId!.Value, request.UnitId, customer!.DistrictCode, request.Description!, WorkOrderActors.From(actor), now);
            await sla.TrackAsync(order, cancellationToken);
            db.Add(order);
            audit.Record("work-order.created", nameof(WorkOrder), order.Id.ToString(), new { order.Number, order.Kind, order.CustomerId, order.UnitId });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                changes.Publish(ChangeTopics.Topic(order.TenantId, WorkOrderTopics.List), new ChangeNotice(order.Id, order.Version, "create"));
                return new CreatedWorkOrder(order.Id, order.Number, order.State, order.Version);
            }
            catch (DbUpdateException e) when (attempt < 3 && e.InnerException is System.Data.Common.DbException inner && provider.IsUniqueViolation(inner))
            {
                db.ChangeTracker.Clear(); // the random number clashed with one issued today: draw again
            }
        }
    }
}

public static class CreateWorkOrderEndpoint
{
    public static void MapCreateWorkOrder(this RouteGroupBuilder orders) =>
        orders.MapPost("/", async (CreateWorkOrderRequest body, ClaimsPrincipal user, CreateWorkOrderHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, body, ct)).ToHttp(http, o => TypedResults.Created($"/api/v1/work-orders/{o.Id}", o)))
            .RequireAuthorization(Permissions.WorkOrdersCreate)
            .WithSummary("Open a work order for a customer's unit (state: created).");
}
