using System.Security.Claims;
using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Lifecycle.Domain;
using CareLoop.Modules.Lifecycle.Features.Schedules;
using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CareLoop.Modules.Lifecycle.Features.CallList;

public sealed record CallListRow(
    Guid Id, Guid CustomerId, string CustomerName, string ConsumableCode, string ConsumableName, DateOnly DueOn, int DaysOverdue, EntryStatus Status, CallOutcome? Outcome,
    int Attempts, DateTimeOffset? NextAttemptAt, Guid? CampaignId, Guid? AssigneeId);

public sealed record CallListResult(IReadOnlyList<CallListRow> Items, int Total);

/// <summary>What the agent sees before dialling: who, what is due and for how much, what to say, whether the policy lets them call now.</summary>
public sealed record CallListEntryView(
    CallListRow Entry, CustomerSummary? Customer, UnitSummary? Unit, string? ModelName, long PriceFen, string Script, ContactDecision Contact, long Version,
    Guid? WorkOrderId, IReadOnlyList<AttemptView> History);

public sealed record AttemptView(DateTimeOffset At, string AgentName, bool Allowed, string? ReasonCode, CallOutcome? Outcome, string? Note);

/// <summary>An attempt's outcome (camelCase name) and an optional note; <paramref name="ExpectedVersion"/> guards two agents on one entry.</summary>
public sealed record AttemptRequest(CallOutcome? Outcome, string? Note, long ExpectedVersion);

public sealed record AttemptResult(CallListEntryView Entry, WorkOrderRef? WorkOrder);

/// <summary>
/// The value-added team's call list (待回款): entries to call now, each attempt checked by the contact policy before
/// it counts and recorded whatever the policy said; outcomes close the entry, reset the schedule, open the
/// maintenance order that brings the consumable, or opt the customer out.
/// </summary>
public sealed class CallListHandler(
    CareLoopDbContext db, ICustomerDirectory customers, ICatalog catalog, IContactPolicy policy, IMaintenanceOrders maintenance, RecordReplacementHandler replacements,
    IAuditLog audit, IStringLocalizer<SharedResource> text, TimeProvider time)
{
    public async Task<CallListResult> ListAsync(ClaimsPrincipal actor, Guid? campaignId, bool mine, bool includeClosed, int take, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = db.Set<CallListEntry>().AsNoTracking();
        query = includeClosed ? query : query.Where(e => e.Status == EntryStatus.Open && (e.NextAttemptAt == null || e.NextAttemptAt <= now));
        if (campaignId is { } campaign)
        {
            query = query.Where(e => e.CampaignId == campaign);
        }

        if (mine && actor.UserId() is { } me)
        {
            query = query.Where(e => e.AssigneeId == me);
        }

        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderBy(e => e.DueOn).ThenBy(e => e.Id).Take(Math.Clamp(take, 1, 500)).ToListAsync(cancellationToken);
        var names = await customers.NamesAsync(entries.Select(e => e.CustomerId).Distinct().ToList(), cancellationToken);
        var today = TimeDisplay.Today(time);
        return new CallListResult(entries.Select(e => Row(e, names.GetValueOrDefault(e.CustomerId) ?? "—", today)).ToList(), total);
    }

    public async Task<Result<CallListEntryView>> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Set<CallListEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is { } entry
            ? await ViewAsync(entry, cancellationToken)
            : Error.NotFound();

    /// <summary>The customer's phone in full for dialling: the Customers reveal, audited with the entry.</summary>
    public async Task<Result<string>> RevealPhoneAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.LifecycleCall) || !actor.HasPermission(Permissions.CustomersRevealPhone))
        {
            return Error.Forbidden();
        }

        if (await db.Set<CallListEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } entry)
        {
            return Error.NotFound();
        }

        return await customers.RevealPrimaryPhoneAsync(entry.CustomerId, $"call-list {entry.Id}", cancellationToken) is { } phone ? phone : Error.NotFound(ErrorCodes.NoPhone);
    }

    public async Task<Result<AttemptResult>> AttemptAsync(ClaimsPrincipal actor, Guid id, AttemptRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.LifecycleCall))
        {
            return Error.Forbidden();
        }

        if (await db.Set<CallListEntry>().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } entry)
        {
            return Error.NotFound();
        }

        var v = new Validation().MaxLength("note", request.Note, 500);
        if (request.Outcome is not { } outcome || !Enum.IsDefined(outcome))
        {
            v.Add("outcome", request.Outcome is null ? ErrorCodes.Required : ErrorCodes.InvalidFormat);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        if (entry.Version != request.ExpectedVersion)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        if (entry.Status != EntryStatus.Open)
        {
            return Error.Conflict(LifecycleErrors.EntryClosed);
        }

        var now = time.GetUtcNow();
        var agentName = actor.DisplayName();
        var decision = await policy.DecideAsync(entry.CustomerId, ContactPurpose.Marketing, ContactChannel.Phone, now, cancellationToken);
        if (!decision.Allowed)
        {
            // Refused: the attempt is on record with the reason, the entry waits for the next allowed slot.
            db.Add(CallAttempt.Record(entry, actor.UserId(), agentName, false, decision.ReasonCode, null, request.Note, now));
            await db.SaveChangesAsync(cancellationToken);
            // The detail names the reason in the agent's language (e.g. 客户已退订 for an opt-out after the entry joined a campaign).
            var reason = decision.ReasonCode is { } code && text["Contact.Reason." + code] is { ResourceNotFound: false } named ? named.Value : decision.ReasonCode ?? "";
            return new Error(LifecycleErrors.ContactRefused, 422, null, reason)
            {
                Extensions = new Dictionary<string, object?> { ["reasonCode"] = decision.ReasonCode, ["deferredUntil"] = decision.DeferredUntil },
            };
        }

        await policy.RecordAsync(entry.CustomerId, ContactPurpose.Marketing, ContactChannel.Phone, now, cancellationToken);
        var chosen = request.Outcome!.Value;
        var price = await PriceAsync(entry, cancellationToken);
        WorkOrderRef? order = null;
        var schedule = await db.Set<LifecycleSchedule>().SingleOrDefaultAsync(s => s.Id == entry.ScheduleId, cancellationToken);
        switch (chosen)
        {
            case CallOutcome.EngineerWillBring:
                var opened = await maintenance.OpenAsync(actor, entry.CustomerId, entry.UnitId, $"{entry.ConsumableName}更换（回访外呼）",
                    [new ConsumableLine(entry.ConsumableCode, entry.ConsumableName, 1, price)], cancellationToken);
                if (!opened.IsSuccess)
                {
                    return opened.Error!;
                }

                order = opened.Value;
                schedule?.Ordered(now);
                break;
            case CallOutcome.BoughtOnline or CallOutcome.AlreadyReplaced when schedule is not null:
                await replacements.ApplyAsync([schedule], TimeDisplay.Today(time), chosen == CallOutcome.BoughtOnline ? ReplacementSources.Purchase : ReplacementSources.CustomerSaid, cancellationToken, keep: entry.Id);
                break;
            case CallOutcome.OptOut:
                await policy.OptOutAsync(entry.CustomerId, ContactPurpose.Marketing, null, "call-list", cancellationToken);
                break;
        }

        entry.Record(chosen, CallListEntry.IsSale(chosen) ? price : 0, order?.Id, now);

        db.Add(CallAttempt.Record(entry, actor.UserId(), agentName, true, null, chosen, request.Note, now));
        audit.Record("lifecycle.call-recorded", nameof(CallListEntry), entry.Id.ToString(), new { Outcome = chosen, entry.CampaignId, WorkOrder = order?.Number });
        await db.SaveChangesAsync(cancellationToken);
        return new AttemptResult(await ViewAsync(entry, cancellationToken), order);
    }

    private async Task<long> PriceAsync(CallListEntry entry, CancellationToken cancellationToken) =>
        (await catalog.FindModelAsync(entry.ModelId, cancellationToken))?.Consumables.FirstOrDefault(c => c.Code == entry.ConsumableCode)?.PriceFen ?? 0;

    private async Task<CallListEntryView> ViewAsync(CallListEntry entry, CancellationToken cancellationToken)
    {
        var customer = await customers.FindAsync(entry.CustomerId, cancellationToken);
        var unit = await customers.FindUnitAsync(entry.UnitId, cancellationToken);
        var model = await catalog.FindModelAsync(entry.ModelId, cancellationToken);
        var price = model?.Consumables.FirstOrDefault(c => c.Code == entry.ConsumableCode)?.PriceFen ?? 0;
        var contact = await policy.DecideAsync(entry.CustomerId, ContactPurpose.Marketing, ContactChannel.Phone, time.GetUtcNow(), cancellationToken);
        var history = await db.Set<CallAttempt>().AsNoTracking().Where(a => a.EntryId == entry.Id).OrderByDescending(a => a.At)
            .Select(a => new AttemptView(a.At, a.AgentName, a.Allowed, a.ReasonCode, a.Outcome, a.Note)).ToListAsync(cancellationToken);
        var today = TimeDisplay.Today(time);
        return new CallListEntryView(Row(entry, customer?.Name ?? "—", today), customer, unit, model?.Name, price, Script(customer?.Name, model?.Name, entry, price), contact,
            entry.Version, entry.WorkOrderId, history);
    }

    /// <summary>The suggested opening (Chinese: the team calls customers in China); the page shows it next to the facts.</summary>
    private static string Script(string? customer, string? model, CallListEntry entry, long priceFen) =>
        $"您好，{customer ?? ""}，这里是品牌售后。您的{model ?? ""}的{entry.ConsumableName}已于{entry.DueOn:yyyy-MM-dd}到期，" +
        $"建议尽快更换，价格 ¥{priceFen / 100m:0.00}（线上线下同价）。可以为您安排工程师上门更换，或在官方店铺下单。";

    private static CallListRow Row(CallListEntry e, string name, DateOnly today) => new(
        e.Id, e.CustomerId, name, e.ConsumableCode, e.ConsumableName, e.DueOn, Math.Max(0, today.DayNumber - e.DueOn.DayNumber), e.Status, e.Outcome, e.Attempts,
        e.NextAttemptAt, e.CampaignId, e.AssigneeId);
}
