using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.WorkOrders.Domain;

/// <summary>Who acts: the signed-in user with their roles, or the system (jobs) with none.</summary>
public sealed record WorkOrderActor(Guid? UserId, string Name, IReadOnlySet<string> Roles);

/// <summary>What an action may carry besides its name: a reason, an engineer, a window, a location, a tracking number.</summary>
public sealed record TransitionInput(
    string? Reason = null, Guid? AssigneeId = null, AppointmentWindow? Window = null, RescheduleCause? Cause = null,
    double? Latitude = null, double? Longitude = null, string? TrackingNumber = null, string? Barcode = null);

/// <summary>
/// A work order: one job for one customer's unit. Its state changes only through <see cref="Apply"/>, which follows
/// <see cref="WorkOrderTransitions.Table"/>: an illegal move is an error value, never a silent no-op, and every
/// legal one leaves a timeline entry and a domain event in the same transaction.
/// </summary>
public sealed class WorkOrder : ITenantOwned, IVersioned, IHasDomainEvents
{
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<IDomainEvent> _events = [];

    private WorkOrder()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>Human-readable and unique per tenant, e.g. <c>WO2611240A7K3</c>: what a customer reads out on the phone.</summary>
    public string Number { get; private set; } = "";

    public WorkOrderKind Kind { get; private set; }

    public WorkOrderState State { get; private set; }

    public WorkOrderPriority Priority { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid? UnitId { get; private set; }

    /// <summary>Where the job is: the customer's GB/T 2260 district code when the order was created (the list's area filter).</summary>
    public string? RegionCode { get; private set; }

    public string Description { get; private set; } = "";

    /// <summary>The customer's address for this job (a customer may have several), when known.</summary>
    public Guid? AddressId { get; private set; }

    /// <summary>When the customer would like the visit (from the shop's order); the booked window is <see cref="WindowStart"/>.</summary>
    public DateTimeOffset? PreferredStart { get; private set; }

    public DateTimeOffset? PreferredEnd { get; private set; }

    public Guid? AssigneeId { get; private set; }

    public DateTimeOffset? WindowStart { get; private set; }

    public DateTimeOffset? WindowEnd { get; private set; }

    /// <summary>When the engineer is expected on site, from the dispatcher's accepted day-route plan; null: not planned.</summary>
    public DateTimeOffset? PlannedArrival { get; private set; }

    /// <summary>The state a suspension interrupted; <c>Resume</c> returns to it.</summary>
    public WorkOrderState? SuspendedFrom { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Reopened within <see cref="WorkOrderRules.RepeatRepairDays"/> of completion: counts against first-time fix (返修).</summary>
    public bool IsRepeatRepair { get; private set; }

    public int RescheduleCount { get; private set; }

    /// <summary>When the customer approved the chargeable part of the job (the agent records it, audited).</summary>
    public DateTimeOffset? QuoteApprovedAt { get; private set; }

    /// <summary>The unit's barcode as the engineer scanned it on completion (checked against the serial).</summary>
    public string? ScannedBarcode { get; private set; }

    /// <summary>Why the barcode was typed in rather than scanned (unreadable label …); null when it was scanned.</summary>
    public string? BarcodeManualReason { get; private set; }

    /// <summary>The catalog fault code the engineer diagnosed (symptom, component or cause node of the unit's category).</summary>
    public Guid? FaultCodeId { get; private set; }

    /// <summary>The diagnosed fault as it read then (code and path of names), so the order shows it without the catalog.</summary>
    public string? FaultCode { get; private set; }

    public string? DiagnosisNotes { get; private set; }

    /// <summary>The earliest 80 % warning among the clocks still running (null: none running or all paused); kept by <see cref="Sla.SlaSnapshot"/>.</summary>
    public DateTimeOffset? SlaWarnAt { get; private set; }

    /// <summary>The earliest deadline among the clocks still running: the list's "at risk" and "breached" filters read these two.</summary>
    public DateTimeOffset? SlaDueAt { get; private set; }

    /// <summary>When the SLA job must look at this order next (a threshold is due, or something changed); null: never.</summary>
    public DateTimeOffset? SlaCheckAt { get; private set; }

    public long Version { get; set; }

    public IReadOnlyList<TimelineEntry> Timeline => _timeline;

    public IReadOnlyCollection<IDomainEvent> DomainEvents => _events;

    public AppointmentWindow? Window => WindowStart is { } start && WindowEnd is { } end ? new AppointmentWindow(start, end) : null;

    public bool IsOpen => !WorkOrderTransitions.Final.Contains(State);

    public static WorkOrder Create(
        Guid tenantId, string number, WorkOrderKind kind, WorkOrderPriority priority, Guid customerId, Guid? unitId, string? regionCode, string description,
        WorkOrderActor actor, DateTimeOffset now)
    {
        var order = new WorkOrder
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            Number = number,
            Kind = kind,
            Priority = priority,
            CustomerId = customerId,
            UnitId = unitId,
            RegionCode = string.IsNullOrWhiteSpace(regionCode) ? null : regionCode,
            Description = description.Trim(),
            State = WorkOrderState.Created,
            CreatedAt = now,
        };
        order._timeline.Add(TimelineEntry.Create(order.Id, now, actor, "create", null, WorkOrderState.Created, null, null));
        order._events.Add(new WorkOrderCreated(order.Id, order.Number, kind, customerId, unitId));
        return order;
    }

    /// <summary>The roles that may take an action now, for the UI's buttons: the table's, narrowed for engineers to their own orders.</summary>
    public IEnumerable<WorkOrderAction> ActionsFor(WorkOrderActor actor) =>
        WorkOrderTransitions.From(Kind, State).Where(t => Allowed(t, actor)).Select(t => t.Action).Distinct();

    public Result<WorkOrderState> Apply(WorkOrderAction action, TransitionInput input, WorkOrderActor actor, DateTimeOffset now)
    {
        // Instants are stored in UTC whatever offset the caller wrote them in.
        if (input.Window is { } given)
        {
            input = input with { Window = new AppointmentWindow(given.Start.ToUniversalTime(), given.End.ToUniversalTime()) };
        }

        var transition = WorkOrderTransitions.Find(Kind, State, action);
        if (transition is null)
        {
            return new Error(ErrorCodes.IllegalTransition, 422, null, action.ToString(), State.ToString());
        }

        if (!Allowed(transition, actor))
        {
            return Error.Forbidden();
        }

        if (Validate(transition, input, now).ToError() is { } invalid)
        {
            return invalid;
        }

        var from = State;
        var to = transition.To ?? SuspendedFrom ?? throw new InvalidOperationException("A suspended order must know where it came from.");
        Enter(transition, input, now);
        State = to;
        _timeline.Add(TimelineEntry.Create(Id, now, actor, ToCamel(action), from, to, input.Reason, input));
        _events.Add(new WorkOrderTransitioned(Id, Number, ToCamel(action), from, to, AssigneeId, actor.UserId, IsRepeatRepair && action == WorkOrderAction.Reopen));
        return to;
    }

    public void ClearDomainEvents() => _events.Clear();

    /// <summary>Where and when the customer wants the job done, as an order channel said it.</summary>
    public void Prefer(Guid? addressId, AppointmentWindow? window)
    {
        AddressId = addressId;
        PreferredStart = window?.Start.ToUniversalTime();
        PreferredEnd = window?.End.ToUniversalTime();
    }

    /// <summary>A day-route plan was accepted: the engineer's estimated arrival (null when the plan left the job out).</summary>
    public void PlanArrival(DateTimeOffset? arrival) => PlannedArrival = arrival?.ToUniversalTime();

    /// <summary>The customer agreed to pay the quote; a new chargeable line later needs a new approval.</summary>
    public void ApproveQuote(WorkOrderActor actor, string summary, DateTimeOffset now)
    {
        QuoteApprovedAt = now;
        _timeline.Add(TimelineEntry.Create(Id, now, actor, "approveQuote", State, State, summary, null));
    }

    public void QuoteChanged() => QuoteApprovedAt = null;

    /// <summary>The engineer's diagnosis on site: the fault (checked against the unit's category by the caller) and notes.</summary>
    public void Diagnose(WorkOrderActor actor, Guid faultCodeId, string faultCode, string? notes, DateTimeOffset now)
    {
        FaultCodeId = faultCodeId;
        FaultCode = faultCode.Trim();
        DiagnosisNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        _timeline.Add(TimelineEntry.Create(Id, now, actor, "recordFault", State, State, FaultCode, null));
    }

    /// <summary>
    /// The unit's barcode accepted on site (equal to the serial, or the serial of a new installation), before completion;
    /// <paramref name="manualReason"/> when it had to be typed in.
    /// </summary>
    public void RecordScan(WorkOrderActor actor, string barcode, string? manualReason, DateTimeOffset now)
    {
        ScannedBarcode = barcode.Trim().ToUpperInvariant();
        BarcodeManualReason = string.IsNullOrWhiteSpace(manualReason) ? null : manualReason.Trim();
        _timeline.Add(TimelineEntry.Create(Id, now, actor, "recordBarcode", State, State, BarcodeManualReason, new TransitionInput(Barcode: ScannedBarcode)));
    }

    /// <summary>A line on the timeline for something that is not a move (an SLA upgrade asked for or decided).</summary>
    public void Note(WorkOrderActor actor, string action, string summary, DateTimeOffset now) =>
        _timeline.Add(TimelineEntry.Create(Id, now, actor, action, State, State, summary, null));

    /// <summary>Records where the running clocks stand (computed by <see cref="Sla.SlaSnapshot"/>) and when to look again.</summary>
    public void TrackSla(DateTimeOffset? warnAt, DateTimeOffset? dueAt, DateTimeOffset? checkAt)
    {
        SlaWarnAt = warnAt;
        SlaDueAt = dueAt;
        SlaCheckAt = checkAt;
    }

    private bool Allowed(WorkOrderTransition transition, WorkOrderActor actor)
    {
        if (!transition.Roles.Overlaps(actor.Roles))
        {
            return false;
        }

        // An engineer acts on their own orders only, unless another role of theirs grants the action anyway.
        var onlyAsEngineer = !transition.Roles.Where(r => r != Platform.Identity.Roles.Engineer).Any(actor.Roles.Contains);
        return !onlyAsEngineer || (AssigneeId is not null && AssigneeId == actor.UserId);
    }

    private Validation Validate(WorkOrderTransition transition, TransitionInput input, DateTimeOffset now)
    {
        var v = new Validation();
        if (transition.NeedsReason)
        {
            v.Required("reason", input.Reason);
        }

        v.MaxLength("reason", input.Reason, 500).MaxLength("trackingNumber", input.TrackingNumber, 64).MaxLength("barcode", input.Barcode, 64);
        switch (transition.Action)
        {
            case WorkOrderAction.Assign when input.AssigneeId is null:
                v.Add("assigneeId", ErrorCodes.Required);
                break;
            case WorkOrderAction.Assign when input.AssigneeId == AssigneeId && State == WorkOrderState.Assigned:
                v.Add("assigneeId", ErrorCodes.Duplicate);
                break;
            case WorkOrderAction.Schedule or WorkOrderAction.Reschedule:
                ValidateWindow(input.Window, now, v);
                if (transition.Action == WorkOrderAction.Reschedule && (input.Cause is null || !Enum.IsDefined(input.Cause.Value)))
                {
                    v.Add("cause", ErrorCodes.Required);
                }

                break;
        }

        if (input.Latitude is < -90 or > 90 || input.Longitude is < -180 or > 180)
        {
            v.Add("latitude", ErrorCodes.OutOfRange, -90, 90);
        }

        return v;
    }

    private static void ValidateWindow(AppointmentWindow? window, DateTimeOffset now, Validation v)
    {
        if (window is null)
        {
            v.Add("window", ErrorCodes.Required);
        }
        else if (window.End <= window.Start || window.End - window.Start > WorkOrderRules.MaxWindow)
        {
            v.Add("window.end", ErrorCodes.OutOfRange, 1, (int)WorkOrderRules.MaxWindow.TotalHours);
        }
        else if (window.Start < now)
        {
            v.Add("window.start", ErrorCodes.MustBeFuture);
        }
    }

    /// <summary>The side effects of entering the target state, beyond the state itself.</summary>
    private void Enter(WorkOrderTransition transition, TransitionInput input, DateTimeOffset now)
    {
        switch (transition.Action)
        {
            case WorkOrderAction.Assign:
                AssigneeId = input.AssigneeId;
                break;
            case WorkOrderAction.Decline:
                AssigneeId = null;
                break;
            case WorkOrderAction.Schedule:
            case WorkOrderAction.Reschedule:
                WindowStart = input.Window!.Start;
                WindowEnd = input.Window.End;
                RescheduleCount += transition.Action == WorkOrderAction.Reschedule ? 1 : 0;
                break;
            case WorkOrderAction.Suspend:
                SuspendedFrom = State;
                break;
            case WorkOrderAction.Resume:
                SuspendedFrom = null;
                break;
            case WorkOrderAction.Complete:
                CompletedAt = now;
                ScannedBarcode = string.IsNullOrWhiteSpace(input.Barcode) ? ScannedBarcode : input.Barcode.Trim().ToUpperInvariant();
                break;
            case WorkOrderAction.Close:
                ClosedAt = now;
                break;
            case WorkOrderAction.Approve:
                QuoteApprovedAt = now; // mail-in: the customer approved the repair-centre's quote
                break;
            case WorkOrderAction.Cancel:
                ClosedAt = now;
                SuspendedFrom = null;
                break;
            case WorkOrderAction.Reopen:
                IsRepeatRepair = CompletedAt is { } completed && now - completed <= TimeSpan.FromDays(WorkOrderRules.RepeatRepairDays);
                CompletedAt = null;
                ClosedAt = null;
                AssigneeId = null;
                WindowStart = WindowEnd = null;
                break;
        }
    }

    internal static string ToCamel(WorkOrderAction action) => char.ToLowerInvariant(action.ToString()[0]) + action.ToString()[1..];
}

/// <summary>One line of a work order's history: who did what, when, from which state to which, why, where.</summary>
public sealed class TimelineEntry
{
    private TimelineEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; } = "";

    /// <summary><c>create</c> or the action's camelCase name.</summary>
    public string Action { get; private set; } = "";

    public WorkOrderState? FromState { get; private set; }

    public WorkOrderState ToState { get; private set; }

    public string? Reason { get; private set; }

    public Guid? AssigneeId { get; private set; }

    public DateTimeOffset? WindowStart { get; private set; }

    public DateTimeOffset? WindowEnd { get; private set; }

    public RescheduleCause? Cause { get; private set; }

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public string? TrackingNumber { get; private set; }

    public string? Barcode { get; private set; }

    internal static TimelineEntry Create(
        Guid workOrderId, DateTimeOffset at, WorkOrderActor actor, string action, WorkOrderState? from, WorkOrderState to, string? reason, TransitionInput? input) => new()
    {
        Id = Guid.CreateVersion7(at),
        WorkOrderId = workOrderId,
        At = at,
        ActorId = actor.UserId,
        ActorName = actor.Name,
        Action = action,
        FromState = from,
        ToState = to,
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        AssigneeId = input?.AssigneeId,
        WindowStart = input?.Window?.Start,
        WindowEnd = input?.Window?.End,
        Cause = input?.Cause,
        Latitude = input?.Latitude,
        Longitude = input?.Longitude,
        TrackingNumber = string.IsNullOrWhiteSpace(input?.TrackingNumber) ? null : input.TrackingNumber.Trim(),
        Barcode = string.IsNullOrWhiteSpace(input?.Barcode) ? null : input.Barcode.Trim().ToUpperInvariant(),
    };
}

public static class WorkOrderRules
{
    /// <summary>A reopen this soon after completion is a repeat repair (返修).</summary>
    public const int RepeatRepairDays = 30;

    public const int ReasonMaxLength = 500;

    public const int FaultCodeMaxLength = 300;

    public const int DiagnosisNotesMaxLength = 2000;

    /// <summary>The longest appointment window a customer can be offered.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(8);
}
