using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain.Sla;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.WorkOrders.Domain;

public enum SlaUpgradeStatus
{
    Pending = 1,
    Approved = 2,
    Rejected = 3,
}

/// <summary>
/// A special approval (特批): an agent asks for a tighter promise on one order, e.g. "on site within 4 hours" for an
/// angry customer or a VIP, with a reason; a supervisor approves or rejects it. Once approved it replaces the
/// policy's budget for that clock (see <see cref="WorkOrderSla"/>). At most one request is pending per order.
/// </summary>
public sealed class SlaUpgrade : ITenantOwned, IVersioned
{
    /// <summary>The tightest and loosest promise an upgrade may make.</summary>
    public static readonly TimeSpan MinBudget = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan MaxBudget = TimeSpan.FromDays(7);

    private SlaUpgrade()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid WorkOrderId { get; private set; }

    /// <summary>Which promise: first contact, arrival (from the approval, replacing the window's end), completion or turnaround.</summary>
    public SlaTarget Target { get; private set; }

    public int BudgetMinutes { get; private set; }

    public SlaClockMode Mode { get; private set; }

    public string Reason { get; private set; } = "";

    public Guid? RequestedById { get; private set; }

    public string RequestedByName { get; private set; } = "";

    public DateTimeOffset RequestedAt { get; private set; }

    public SlaUpgradeStatus Status { get; private set; }

    public Guid? DecidedById { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionNote { get; private set; }

    public long Version { get; set; }

    public TimeSpan Budget => TimeSpan.FromMinutes(BudgetMinutes);

    /// <summary>The promises an order of this kind has: first contact and arrival on site, turnaround for mail-in, completion for all.</summary>
    public static SlaTarget[] TargetsOf(WorkOrderKind kind) => WorkOrderTransitions.FlowOf(kind) == WorkOrderFlow.MailIn
        ? [SlaTarget.RepairTurnaround, SlaTarget.Completion]
        : [SlaTarget.FirstContact, SlaTarget.Arrival, SlaTarget.Completion];

    public static Result<SlaUpgrade> Request(
        WorkOrder order, SlaTarget? target, int? budgetMinutes, SlaClockMode? mode, string? reason, WorkOrderActor actor, DateTimeOffset now)
    {
        var v = new Validation().Required("reason", reason).MaxLength("reason", reason, 500);
        if (target is null || !Enum.IsDefined(target.Value))
        {
            v.Add("target", target is null ? ErrorCodes.Required : ErrorCodes.InvalidFormat);
        }
        else if (!TargetsOf(order.Kind).Contains(target.Value))
        {
            v.Add("target", ErrorCodes.InvalidFormat);
        }

        if (budgetMinutes is null)
        {
            v.Add("budgetMinutes", ErrorCodes.Required);
        }
        else if (budgetMinutes < MinBudget.TotalMinutes || budgetMinutes > MaxBudget.TotalMinutes)
        {
            v.Add("budgetMinutes", ErrorCodes.OutOfRange, (int)MinBudget.TotalMinutes, (int)MaxBudget.TotalMinutes);
        }

        if (mode is { } m && !Enum.IsDefined(m))
        {
            v.Add("mode", ErrorCodes.InvalidFormat);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        return new SlaUpgrade
        {
            Id = Guid.CreateVersion7(now),
            TenantId = order.TenantId,
            WorkOrderId = order.Id,
            Target = target!.Value,
            BudgetMinutes = budgetMinutes!.Value,
            // "Within 4 hours" means wall-clock hours unless the agent says otherwise.
            Mode = mode ?? SlaClockMode.AroundTheClock,
            Reason = reason!.Trim(),
            RequestedById = actor.UserId,
            RequestedByName = actor.Name,
            RequestedAt = now,
            Status = SlaUpgradeStatus.Pending,
        };
    }

    /// <summary>A supervisor's decision; a rejection needs a note, and a decided request stays decided.</summary>
    public Error? Decide(bool approve, string? note, WorkOrderActor actor, DateTimeOffset now)
    {
        if (Status != SlaUpgradeStatus.Pending)
        {
            return Error.Conflict(ErrorCodes.AlreadyDecided);
        }

        var v = new Validation().MaxLength("note", note, 500);
        if (!approve)
        {
            v.Required("note", note);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        Status = approve ? SlaUpgradeStatus.Approved : SlaUpgradeStatus.Rejected;
        DecidedById = actor.UserId;
        DecidedByName = actor.Name;
        DecidedAt = now;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return null;
    }
}
