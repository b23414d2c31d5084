using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Payments.Contracts;
using CareLoop.Modules.Staff.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Features.Charges;
using CareLoop.Modules.WorkOrders.Features.CompletionPolicies;
using CareLoop.Modules.WorkOrders.Features.EvaluateSla;
using CareLoop.Modules.WorkOrders.Features.SlaSettings;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Realtime;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders.Features.TransitionWorkOrder;

/// <summary>
/// One endpoint for every move: <c>action</c> is the state machine's (camelCase), <c>expectedVersion</c> the version
/// the caller saw; the rest depends on the action (reason, assigneeId, window, cause, location, trackingNumber, and
/// on completion barcode and the customer's verificationCode).
/// </summary>
public sealed record TransitionRequest(
    string? Action, long? ExpectedVersion, string? Reason = null, Guid? AssigneeId = null, AppointmentWindow? Window = null,
    RescheduleCause? Cause = null, double? Latitude = null, double? Longitude = null, string? TrackingNumber = null, string? Barcode = null,
    string? VerificationCode = null);

public sealed record TransitionResult(Guid Id, string Number, WorkOrderState State, long Version);

public sealed class TransitionWorkOrderHandler(
    CareLoopDbContext db, IStaffDirectory staff, ICustomerDirectory customers, SlaSettingsHandler sla, SlaTracker tracker, ChargesHandler charges, CompletionPoliciesHandler completion, ICustomerCodes codes, IPayments payments, IAuditLog audit, IChangeFeed changes, TimeProvider time)
{
    public async Task<Result<TransitionResult>> HandleAsync(ClaimsPrincipal actor, Guid id, TransitionRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.WorkOrdersTransition))
        {
            return Error.Forbidden();
        }

        var v = new Validation();
        if (!Enum.TryParse<WorkOrderAction>(request.Action, ignoreCase: true, out var action) || !Enum.IsDefined(action) || int.TryParse(request.Action, out _))
        {
            v.Add("action", string.IsNullOrWhiteSpace(request.Action) ? ErrorCodes.Required : ErrorCodes.InvalidFormat);
        }

        if (request.ExpectedVersion is null)
        {
            v.Add("expectedVersion", ErrorCodes.Required);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var order = await db.Set<WorkOrder>().Include(w => w.Timeline).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (order is null || !WorkOrderActors.Sees(actor, order))
        {
            return Error.NotFound();
        }

        if (order.Version != request.ExpectedVersion)
        {
            return Stale(order);
        }

        if (action == WorkOrderAction.Assign && request.AssigneeId is { } assigneeId && !await IsEngineerAsync(assigneeId, cancellationToken))
        {
            return new Validation().Add("assigneeId", ErrorCodes.NotAnEngineer).ToError()!;
        }

        // Checks that need the database run only for a move the table allows: an illegal one is reported as such.
        var legal = WorkOrderTransitions.Find(order.Kind, order.State, action) is not null;
        if (legal && action is WorkOrderAction.Schedule or WorkOrderAction.Reschedule && request.Window is { } window && window.End > window.Start &&
            !(await sla.ConfigurationAsync(cancellationToken)).Calendar.IsWithinWorkingHours(window.Start, window.End))
        {
            return new Validation().Add("window.start", ErrorCodes.OutsideBusinessHours).ToError()!;
        }

        if (legal && action == WorkOrderAction.Complete && await CompletionErrorAsync(order, request, cancellationToken) is { } incomplete)
        {
            return incomplete;
        }

        var input = new TransitionInput(request.Reason, request.AssigneeId, request.Window, request.Cause, request.Latitude, request.Longitude, request.TrackingNumber, request.Barcode);
        var from = order.State;
        var moved = order.Apply(action, input, WorkOrderActors.From(actor), time.GetUtcNow());
        if (!moved.IsSuccess)
        {
            return moved.Error!;
        }

        await tracker.TrackAsync(order, cancellationToken);
        db.Entry(order).State = EntityState.Modified;
        audit.Record("work-order." + WorkOrder.ToCamel(action), nameof(WorkOrder), order.Id.ToString(), new { from, to = order.State, request.Reason });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else moved it between our read and our write: tell the caller where it is now.
            db.ChangeTracker.Clear();
            return Stale(await db.Set<WorkOrder>().AsNoTracking().SingleAsync(w => w.Id == id, cancellationToken));
        }

        changes.Publish(ChangeTopics.Topic(order.TenantId, WorkOrderTopics.Order, order.Id), new ChangeNotice(order.Id, order.Version, WorkOrder.ToCamel(action)));
        changes.Publish(ChangeTopics.Topic(order.TenantId, WorkOrderTopics.List), new ChangeNotice(order.Id, order.Version, WorkOrder.ToCamel(action)));
        return new TransitionResult(order.Id, order.Number, order.State, order.Version);
    }

    /// <summary>
    /// The tenant's completion requirements for the kind: the quote approved, enough photos, a signature, the scanned
    /// barcode equal to the unit's serial, what the customer pays paid (cash or WeChat Pay) and, last (a wrong try counts), the customer's SMS code.
    /// </summary>
    private async Task<Error?> CompletionErrorAsync(WorkOrder order, TransitionRequest request, CancellationToken cancellationToken)
    {
        var required = await completion.RequirementsAsync(order.Kind, cancellationToken);
        var barcode = string.IsNullOrWhiteSpace(request.Barcode) ? order.ScannedBarcode : request.Barcode; // scanned earlier on the work screen
        var v = new Validation();
        var (customerPays, approved) = await charges.OutstandingAsync(order, cancellationToken);
        if (customerPays > 0 && !approved)
        {
            v.Add("charges", ErrorCodes.QuoteNotApproved, customerPays / 100m);
        }
        else if (customerPays > 0 && (await payments.OfOrderAsync(order.Id, cancellationToken)).PaidFen < customerPays)
        {
            v.Add("payment", ErrorCodes.PaymentDue, customerPays / 100m);
        }

        var evidence = await db.Set<WorkOrderAttachment>().Where(a => a.WorkOrderId == order.Id).GroupBy(a => a.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Kind, g => g.Count, cancellationToken);
        var photos = evidence.GetValueOrDefault(AttachmentKind.Photo);
        if (photos < required.MinPhotos)
        {
            v.Add("photos", ErrorCodes.TooFewPhotos, required.MinPhotos, photos);
        }

        if (required.RequiresSignature && evidence.GetValueOrDefault(AttachmentKind.Signature) == 0)
        {
            v.Add("signature", ErrorCodes.Required);
        }

        var unit = order.UnitId is { } unitId ? await customers.FindUnitAsync(unitId, cancellationToken) : null;
        if (required.RequiresBarcode)
        {
            if (string.IsNullOrWhiteSpace(barcode))
            {
                v.Add("barcode", ErrorCodes.Required);
            }
            else if (unit is { IsSerialPending: false } && !string.Equals(barcode.Trim(), unit.SerialNumber, StringComparison.OrdinalIgnoreCase))
            {
                v.Add("barcode", ErrorCodes.BarcodeMismatch);
            }
        }

        if (v.ToError() is { } incomplete)
        {
            return incomplete;
        }

        // A unit bought online without a serial takes the scanned one, refused if another unit has it.
        var binds = unit is { IsSerialPending: true } && !string.IsNullOrWhiteSpace(barcode);
        if (binds && await customers.BindSerialAsync(unit!.Id, barcode!, checkOnly: true, cancellationToken) is { } taken)
        {
            return taken;
        }

        // Checked only when everything else is in order: a right code is used up, so it must not be spent on a refusal
        // (and a wrong try is saved at once, so the serial is bound only after it).
        if (required.RequiresCustomerCode &&
            await codes.VerifyCustomerAsync(order.CustomerId, CompletionCodeHandler.Purpose(order.Id), request.VerificationCode, "verificationCode", cancellationToken) is { } wrong)
        {
            return wrong;
        }

        return binds ? await customers.BindSerialAsync(unit!.Id, barcode!, checkOnly: false, cancellationToken) : null;
    }

    private async Task<bool> IsEngineerAsync(Guid userId, CancellationToken cancellationToken) =>
        await staff.FindAsync(userId, cancellationToken) is { IsLocked: false } member && member.Roles.Contains(Roles.Engineer);

    private static Error Stale(WorkOrder current) =>
        new Error(ErrorCodes.ConcurrencyConflict, StatusCodes.Status409Conflict)
        {
            Extensions = new Dictionary<string, object?>
            {
                ["currentState"] = WorkOrderStateNames.Of(current.State),
                ["currentVersion"] = current.Version,
            },
        };
}

public static class TransitionWorkOrderEndpoint
{
    public static void MapTransitionWorkOrder(this RouteGroupBuilder orders) =>
        orders.MapPost("/{id:guid}/transitions", async (Guid id, TransitionRequest body, ClaimsPrincipal user, TransitionWorkOrderHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.WorkOrdersTransition)
            .WithSummary("Move a work order: { action, expectedVersion, reason?, assigneeId?, window?, cause?, latitude?, longitude?, trackingNumber? }. 409 when stale, 422 when illegal.");
}
