using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders.Features.Charges;

public sealed record AddChargeRequest(ChargeKind Kind, string? Description, int Quantity, long UnitPriceFen, bool? Covered = null);

public sealed record ChargeView(Guid Id, ChargeKind Kind, string Description, int Quantity, long UnitPriceFen, long TotalFen, bool Covered);

/// <summary>The job's lines and totals in 分: what the brand covers and what the customer pays (after approving the quote).</summary>
public sealed record ChargesView(IReadOnlyList<ChargeView> Lines, long TotalFen, long CoveredFen, long CustomerPaysFen, bool UnderWarranty, DateTimeOffset? QuoteApprovedAt);

/// <summary>
/// Charges of a work order. Under warranty every line is covered whatever the caller asks; out of warranty a line is
/// chargeable unless marked covered (goodwill). Adding a chargeable line withdraws an earlier quote approval.
/// </summary>
public sealed class ChargesHandler(CareLoopDbContext db, ICustomerDirectory customers, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<ChargesView>> GetAsync(ClaimsPrincipal actor, Guid workOrderId, CancellationToken cancellationToken) =>
        await FindAsync(actor, workOrderId, cancellationToken) is { } order ? await ViewAsync(order, cancellationToken) : Error.NotFound();

    public async Task<Result<ChargesView>> AddAsync(ClaimsPrincipal actor, Guid workOrderId, AddChargeRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.WorkOrdersTransition))
        {
            return Error.Forbidden();
        }

        if (await FindAsync(actor, workOrderId, cancellationToken) is not { } order)
        {
            return Error.NotFound();
        }

        var v = new Validation().Required("description", request.Description).MaxLength("description", request.Description, 200)
            .Range("quantity", request.Quantity, 1, 999);
        if (request.UnitPriceFen is < 0 or > 100_000_000)
        {
            v.Add("unitPriceFen", ErrorCodes.OutOfRange, 0, 100_000_000);
        }

        if (!Enum.IsDefined(request.Kind))
        {
            v.Add("kind", ErrorCodes.InvalidFormat);
        }

        if (Frozen(order) is { } frozen)
        {
            return frozen;
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var warranty = await UnderWarrantyAsync(order, cancellationToken);
        var covered = warranty || request.Covered == true;
        var line = ChargeLine.Create(order.TenantId, order.Id, request.Kind, request.Description!, request.Quantity, request.UnitPriceFen, covered,
            WorkOrderActors.From(actor).Name, time.GetUtcNow());
        db.Add(line);
        if (!covered && line.TotalFen > 0)
        {
            order.QuoteChanged();
            db.Entry(order).State = EntityState.Modified;
        }

        audit.Record("work-order.charge-added", nameof(WorkOrder), order.Id.ToString(), new { line.Kind, line.Description, line.Quantity, line.UnitPriceFen, covered });
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(order, cancellationToken);
    }

    /// <summary>Takes a line off (entered by mistake, part not used); a chargeable line's removal changes the quote, so it needs approving again.</summary>
    public async Task<Result<ChargesView>> RemoveAsync(ClaimsPrincipal actor, Guid workOrderId, Guid lineId, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.WorkOrdersTransition))
        {
            return Error.Forbidden();
        }

        if (await FindAsync(actor, workOrderId, cancellationToken) is not { } order ||
            await db.Set<ChargeLine>().SingleOrDefaultAsync(c => c.Id == lineId && c.WorkOrderId == workOrderId, cancellationToken) is not { } line)
        {
            return Error.NotFound();
        }

        if (Frozen(order) is { } frozen)
        {
            return frozen;
        }

        db.Remove(line);
        if (!line.Covered && line.TotalFen > 0)
        {
            order.QuoteChanged();
            db.Entry(order).State = EntityState.Modified;
        }

        audit.Record("work-order.charge-removed", nameof(WorkOrder), order.Id.ToString(), new { line.Kind, line.Description, line.Quantity, line.UnitPriceFen, line.Covered });
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(order, cancellationToken);
    }

    /// <summary>The agent records that the customer accepted the quote (on the phone or by the link in the SMS).</summary>
    public async Task<Result<ChargesView>> ApproveAsync(ClaimsPrincipal actor, Guid workOrderId, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.WorkOrdersCreate))
        {
            return Error.Forbidden();
        }

        if (await FindAsync(actor, workOrderId, cancellationToken) is not { } order)
        {
            return Error.NotFound();
        }

        var view = await ViewAsync(order, cancellationToken);
        order.ApproveQuote(WorkOrderActors.From(actor), $"¥{view.CustomerPaysFen / 100m:0.00}", time.GetUtcNow());
        db.Entry(order).State = EntityState.Modified;
        audit.Record("work-order.quote-approved", nameof(WorkOrder), order.Id.ToString(), new { view.CustomerPaysFen });
        await db.SaveChangesAsync(cancellationToken);
        return view with { QuoteApprovedAt = order.QuoteApprovedAt };
    }

    /// <summary>For the completion check: the customer's share, and whether they approved it.</summary>
    public async Task<(long CustomerPaysFen, bool Approved)> OutstandingAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        var lines = await db.Set<ChargeLine>().Where(c => c.WorkOrderId == order.Id && !c.Covered).Select(c => new { c.Quantity, c.UnitPriceFen }).ToListAsync(cancellationToken);
        return (lines.Sum(l => l.Quantity * l.UnitPriceFen), order.QuoteApprovedAt is not null);
    }

    /// <summary>Lines change only while the job is under way: not once completed, closed or cancelled.</summary>
    private static Error? Frozen(WorkOrder order) =>
        Editable(order.State) ? null : new Error(ErrorCodes.IllegalTransition, 422, null, "charge", order.State.ToString());

    /// <summary>Whether lines may change in this state (the panel shows its controls by the same rule).</summary>
    public static bool Editable(Contracts.WorkOrderState state) =>
        !WorkOrderTransitions.Final.Contains(state) && state is not (Contracts.WorkOrderState.Completed or Contracts.WorkOrderState.CallbackPending);

    private async Task<WorkOrder?> FindAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        var order = await db.Set<WorkOrder>().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        return order is null || !WorkOrderActors.Sees(actor, order) ? null : order;
    }

    private async Task<bool> UnderWarrantyAsync(WorkOrder order, CancellationToken cancellationToken) =>
        order.UnitId is { } unitId && await customers.UnderWarrantyAsync(unitId, TimeDisplay.Today(time), cancellationToken) == true;

    private async Task<ChargesView> ViewAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        var lines = await db.Set<ChargeLine>().AsNoTracking().Where(c => c.WorkOrderId == order.Id).OrderBy(c => c.AddedAt).ToListAsync(cancellationToken);
        var views = lines.Select(c => new ChargeView(c.Id, c.Kind, c.Description, c.Quantity, c.UnitPriceFen, c.TotalFen, c.Covered)).ToList();
        var total = views.Sum(c => c.TotalFen);
        var covered = views.Where(c => c.Covered).Sum(c => c.TotalFen);
        return new ChargesView(views, total, covered, total - covered, await UnderWarrantyAsync(order, cancellationToken), order.QuoteApprovedAt);
    }
}

public static class ChargesEndpoints
{
    public static void MapCharges(this RouteGroupBuilder orders)
    {
        orders.MapGet("/{id:guid}/charges", async (Guid id, ClaimsPrincipal user, ChargesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.WorkOrdersRead)
            .WithSummary("The work order's charge lines and totals in 分 (covered by the brand / paid by the customer).");
        orders.MapPost("/{id:guid}/charges", async (Guid id, AddChargeRequest body, ClaimsPrincipal user, ChargesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.AddAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.WorkOrdersTransition)
            .WithSummary("Add a part, labour, visit-fee or shipping line; under warranty it is always covered.");
        orders.MapDelete("/{id:guid}/charges/{lineId:guid}", async (Guid id, Guid lineId, ClaimsPrincipal user, ChargesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.RemoveAsync(user, id, lineId, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.WorkOrdersTransition)
            .WithSummary("Take a line off while the job is under way; removing a chargeable line withdraws the quote approval.");
        orders.MapPost("/{id:guid}/charges/approval", async (Guid id, ClaimsPrincipal user, ChargesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.ApproveAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.WorkOrdersCreate)
            .WithSummary("Record the customer's approval of the quote (needed before out-of-warranty work completes).");
    }
}
