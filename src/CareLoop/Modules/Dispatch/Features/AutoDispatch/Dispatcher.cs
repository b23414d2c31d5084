using System.Security.Claims;
using System.Text.Json;
using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Dispatch.Domain;
using CareLoop.Modules.Dispatch.Features.Settings;
using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Realtime;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Dispatch.Features.AutoDispatch;

/// <summary>A manual choice on the board: who, on which version, why, and whether a hard rule is knowingly overridden.</summary>
public sealed record AssignmentRequest(Guid? EngineerId, long? ExpectedVersion, string? Note, bool Override = false);

public sealed record DecisionView(
    Guid Id, Guid WorkOrderId, long WorkOrderVersion, string Trigger, string Outcome, Guid? EngineerId, string? Reason, string? Note, string ActorName,
    DateTimeOffset CreatedAt, DispatchExplanation? Explanation);

/// <summary>
/// Turns a work order into a decision: gathers the job's facts (district, category, place, day, urgency), runs
/// <see cref="DispatchEngine"/> over the network snapshot and the engineers' loads of the day, and records the decision
/// together with its effect (the assignment, a grab offer, or nothing: the queue) in one unit of work.
/// </summary>
public sealed class Dispatcher(
    CareLoopDbContext db, ITenantContext tenant, IWorkOrderDesk desk, ICustomerDirectory customers, ICatalog catalog, INetwork network,
    DispatchSettingsHandler settings, ITravelDistance distance, IAuditLog audit, IChangeFeed changes, TimeProvider time)
{
    public const string SystemActor = "自动派单";

    /// <summary>An urgent job, or one whose SLA deadline is this close, is fully urgent.</summary>
    private static readonly TimeSpan UrgentWithin = TimeSpan.FromHours(4);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Automatic dispatch of an order waiting for an engineer. Idempotent per order version and trigger: a second call
    /// (redelivery, a second node) returns the first decision. Null when there is nothing to dispatch (not waiting,
    /// not an on-site job). Saves.
    /// </summary>
    public async Task<DispatchDecision?> DispatchAsync(Guid workOrderId, string trigger, CancellationToken cancellationToken) =>
        await DispatchAsync(time.GetTimestamp(), workOrderId, await desk.DispatchFactsAsync(workOrderId, cancellationToken), _ => Task.FromResult(trigger), cancellationToken);

    /// <param name="triggerOf">The trigger, once the order's current version is known (a retry numbers itself by it).</param>
    private async Task<DispatchDecision?> DispatchAsync(
        long started, Guid workOrderId, DispatchFacts? facts, Func<long, Task<string>> triggerOf, CancellationToken cancellationToken)
    {
        if (facts is null || !facts.IsOnSite || facts.AssigneeId is not null || facts.State is not (WorkOrderState.Created or WorkOrderState.Declined or WorkOrderState.Reopened))
        {
            return null;
        }

        var trigger = await triggerOf(facts.Version);
        if (await db.Set<DispatchDecision>().AsNoTracking()
                .FirstOrDefaultAsync(d => d.WorkOrderId == workOrderId && d.WorkOrderVersion == facts.Version && d.Trigger == trigger, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var policy = await settings.CurrentAsync(cancellationToken);
        var tenantId = tenant.RequireTenantId();
        var now = time.GetUtcNow();
        if (!policy.AutoDispatch && !trigger.StartsWith(DispatchTriggers.Retry, StringComparison.Ordinal))
        {
            return await SaveAsync(DispatchDecision.Record(tenantId, workOrderId, facts.Version, trigger, DispatchOutcome.Queued, null, DispatchReasons.AutoOff, null, null, SystemActor, "", now), cancellationToken);
        }

        var job = await JobAsync(facts, cancellationToken);
        if (job is null)
        {
            return await SaveAsync(DispatchDecision.Record(tenantId, workOrderId, facts.Version, trigger, DispatchOutcome.Queued, null, DispatchReasons.NoRegion, null, null, SystemActor, "", now), cancellationToken);
        }

        var explanation = await ExplainAsync(job, policy, cancellationToken);
        var text = JsonSerializer.Serialize(explanation with { DecidedInMs = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3) }, Json);
        if (policy.IsGrabArea(job.District))
        {
            var pool = explanation.Eligible.Take(200).Select(c => c.EngineerId).ToList();
            if (pool.Count > 0)
            {
                db.Add(GrabOffer.Open(tenantId, workOrderId, facts.Version, facts.Number, job.District, pool, now, TimeSpan.FromMinutes(policy.GrabTimeoutMinutes)));
                return await SaveAsync(DispatchDecision.Record(tenantId, workOrderId, facts.Version, trigger, DispatchOutcome.Offered, null, null, null, null, SystemActor, text, now), cancellationToken);
            }
        }
        else if (explanation.Best is { } best)
        {
            var assigned = await desk.StageAssignAsync(workOrderId, facts.Version, best.EngineerId, null, SystemActor, null, cancellationToken);
            if (assigned.IsSuccess)
            {
                var decision = await SaveAsync(
                    DispatchDecision.Record(tenantId, workOrderId, facts.Version, trigger, DispatchOutcome.Assigned, best.EngineerId, null, null, null, SystemActor, text, now),
                    cancellationToken);
                desk.AnnounceSaved(workOrderId, "assign");
                return decision;
            }

            return null; // the order moved on while we decided: whoever moved it owns it now
        }

        return await SaveAsync(DispatchDecision.Record(tenantId, workOrderId, facts.Version, trigger, DispatchOutcome.Queued, null, DispatchReasons.NoCandidate, null, null, SystemActor, text, now), cancellationToken);
    }

    /// <summary>A dispatcher re-runs automatic dispatch for a queued order (after the network changed); 409 when it is not waiting.</summary>
    public async Task<Result<DecisionView>> RetryAsync(Guid workOrderId, CancellationToken cancellationToken)
    {
        // Each retry of the same version is a decision of its own (retry, retry-2, …): the network may have changed in between.
        var started = time.GetTimestamp();
        var facts = await desk.DispatchFactsAsync(workOrderId, cancellationToken);
        return await DispatchAsync(started, workOrderId, facts, RetryTriggerAsync, cancellationToken) is { } decision
            ? ToView(decision, Parse(decision.Explanation))
            : Error.Conflict(ErrorCodes.NotWaiting);

        async Task<string> RetryTriggerAsync(long version)
        {
            var earlier = await db.Set<DispatchDecision>().CountAsync(
                d => d.WorkOrderId == workOrderId && d.WorkOrderVersion == version && d.Trigger.StartsWith(DispatchTriggers.Retry), cancellationToken);
            return earlier == 0 ? DispatchTriggers.Retry : $"{DispatchTriggers.Retry}-{earlier + 1}";
        }
    }

    /// <summary>The decision the engine would take now, without taking it (the board's "candidates" view).</summary>
    public async Task<Result<DispatchExplanation>> PreviewAsync(Guid workOrderId, CancellationToken cancellationToken)
    {
        var facts = await desk.DispatchFactsAsync(workOrderId, cancellationToken);
        if (facts is null)
        {
            return Error.NotFound();
        }

        var job = await JobAsync(facts, cancellationToken);
        return job is null
            ? new Validation().Add("regionCode", ErrorCodes.Required).ToError()!
            : await ExplainAsync(job, await settings.CurrentAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// A dispatcher assigns or reassigns by hand. An engineer a hard rule excludes is refused with the rule (422), unless
    /// a supervisor overrides it with a reason; a reassignment needs a reason. Recorded as a decision and audited.
    /// </summary>
    public async Task<Result<DecisionView>> AssignAsync(ClaimsPrincipal actor, Guid workOrderId, AssignmentRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.DispatchAssign))
        {
            return Error.Forbidden();
        }

        var v = new Validation();
        if (request.EngineerId is null)
        {
            v.Add("engineerId", ErrorCodes.Required);
        }

        if (request.ExpectedVersion is null)
        {
            v.Add("expectedVersion", ErrorCodes.Required);
        }

        v.MaxLength("note", request.Note, 500);
        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var facts = await desk.DispatchFactsAsync(workOrderId, cancellationToken);
        if (facts is null)
        {
            return Error.NotFound();
        }

        if (facts.AssigneeId is not null && string.IsNullOrWhiteSpace(request.Note))
        {
            return new Validation().Add("note", ErrorCodes.Required).ToError()!; // a reassignment says why
        }

        var job = await JobAsync(facts, cancellationToken) ?? new DispatchJob(facts.Id, "", null, null, TimeDisplay.Today(time), null, null, true, 0, [], []);
        var snapshot = await network.SnapshotAsync(cancellationToken);
        if (snapshot.Find(request.EngineerId!.Value) is not { } engineer)
        {
            return new Validation().Add("engineerId", ErrorCodes.NotAnEngineer).ToError()!;
        }

        var policy = await settings.CurrentAsync(cancellationToken);
        var loads = await desk.LoadsAsync([engineer.UserId], job.Day, cancellationToken);
        var explanation = DispatchEngine.Evaluate(job with { Decliners = [] }, [engineer], loads, policy, distance, 0);
        var view = explanation.Candidates[0];
        var outcome = DispatchOutcome.Manual;
        if (view.Excluded is { } rule)
        {
            if (!request.Override)
            {
                return new Validation().Add("engineerId", "dispatch_" + rule, view.Detail ?? "").ToError()!;
            }

            if (!actor.HasPermission(Permissions.DispatchOverride))
            {
                return Error.Forbidden();
            }

            if (string.IsNullOrWhiteSpace(request.Note))
            {
                return new Validation().Add("note", ErrorCodes.Required).ToError()!;
            }

            outcome = DispatchOutcome.Override;
        }

        var actorId = actor.UserId();
        var actorName = actor.DisplayName();
        var assigned = await desk.StageAssignAsync(workOrderId, request.ExpectedVersion!.Value, engineer.UserId, actorId, actorName, request.Note, cancellationToken);
        if (!assigned.IsSuccess)
        {
            return assigned.Error!;
        }

        await WithdrawOffersAsync(workOrderId, cancellationToken);
        var decision = DispatchDecision.Record(tenant.RequireTenantId(), workOrderId, request.ExpectedVersion.Value, DispatchTriggers.Manual, outcome, engineer.UserId,
            view.Excluded, request.Note, actorId, actorName, JsonSerializer.Serialize(explanation, Json), time.GetUtcNow());
        db.Add(decision);
        audit.Record(decision.TenantId, actorId, actorName, outcome == DispatchOutcome.Override ? "dispatch.overridden" : "dispatch.assigned", "WorkOrder",
            workOrderId.ToString(), new { engineerId = engineer.UserId, rule = view.Excluded, note = request.Note });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict); // another assignment of the same version won
        }

        desk.AnnounceSaved(workOrderId, "assign");
        Announce(decision);
        return ToView(decision, explanation);
    }

    public async Task<IReadOnlyList<DecisionView>> HistoryAsync(Guid workOrderId, CancellationToken cancellationToken)
    {
        var decisions = await db.Set<DispatchDecision>().AsNoTracking().Where(d => d.WorkOrderId == workOrderId)
            .OrderByDescending(d => d.CreatedAt).Take(50).ToListAsync(cancellationToken);
        return decisions.Select(d => ToView(d, Parse(d.Explanation))).ToList();
    }

    /// <summary>Closes the open offers of an order that was assigned another way.</summary>
    public async Task WithdrawOffersAsync(Guid workOrderId, CancellationToken cancellationToken)
    {
        var open = await db.Set<GrabOffer>().Where(o => o.WorkOrderId == workOrderId && o.Status == GrabOfferStatus.Open).ToListAsync(cancellationToken);
        foreach (var offer in open)
        {
            offer.Close(GrabOfferStatus.Withdrawn, time.GetUtcNow());
        }
    }

    public static DispatchExplanation? Parse(string text) => string.IsNullOrEmpty(text) ? null : JsonSerializer.Deserialize<DispatchExplanation>(text, Json);

    public static DecisionView ToView(DispatchDecision d, DispatchExplanation? explanation) => new(
        d.Id, d.WorkOrderId, d.WorkOrderVersion, d.Trigger, d.Outcome.ToString().ToLowerInvariant(), d.EngineerId, d.Reason, d.Note, d.ActorName, d.CreatedAt, explanation);

    internal async Task<DispatchExplanation> ExplainAsync(DispatchJob job, DispatchSettings policy, CancellationToken cancellationToken)
    {
        var snapshot = await network.SnapshotAsync(cancellationToken);
        var inArea = DispatchEngine.InArea(job, snapshot, distance);
        var loads = await desk.LoadsAsync(inArea.Select(e => e.UserId).ToList(), job.Day, cancellationToken);
        return DispatchEngine.Evaluate(job, inArea, loads, policy, distance, snapshot.Engineers.Count - inArea.Count);
    }

    /// <summary>The job's facts for the engine; null when the order has no district (nothing to match engineers on).</summary>
    internal async Task<DispatchJob?> JobAsync(DispatchFacts facts, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(facts.RegionCode))
        {
            return null;
        }

        string? category = null;
        if (facts.UnitId is { } unitId && await customers.FindUnitAsync(unitId, cancellationToken) is { } unit &&
            await catalog.FindModelAsync(unit.ModelId, cancellationToken) is { } model)
        {
            category = model.CategoryCode;
        }

        var location = await customers.AddressOfJobAsync(facts.AddressId, facts.CustomerId, cancellationToken) is { } address
            ? GeoPoint.Of(address.Latitude, address.Longitude)
            : null;
        var now = time.GetUtcNow();
        var today = TimeDisplay.Today(time);
        var day = facts.AppointmentStart is { } start && TimeDisplay.DateOf(start) > today ? TimeDisplay.DateOf(start) : today;
        TimeOnly? from = null, to = null;
        if (facts.AppointmentStart is { } s && facts.AppointmentEnd is { } e && TimeDisplay.DateOf(s) == day)
        {
            from = LocalTime(s);
            to = TimeDisplay.DateOf(e) == day ? LocalTime(e) : TimeOnly.MaxValue;
        }

        var urgency = facts.Priority switch { "urgent" => 1.0, "high" => 0.5, _ => 0.0 };
        if (facts.SlaDueAt is { } due)
        {
            urgency = Math.Max(urgency, Math.Clamp(1 - (due - now) / UrgentWithin, 0, 1));
        }

        return new DispatchJob(facts.Id, facts.RegionCode.Trim(), category, location, day, from, to, day == today, urgency, facts.PastEngineers, facts.Decliners);
    }

    private static TimeOnly LocalTime(DateTimeOffset instant) =>
        TimeOnly.ParseExact(TimeDisplay.Local(instant)[11..], "HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<DispatchDecision> SaveAsync(DispatchDecision decision, CancellationToken cancellationToken)
    {
        db.Add(decision);
        await db.SaveChangesAsync(cancellationToken);
        Announce(decision);
        return decision;
    }

    /// <summary>Tells the dispatcher board (it re-reads its queue and loads).</summary>
    private void Announce(DispatchDecision decision) =>
        changes.Publish(ChangeTopics.Topic(decision.TenantId, DispatchTopics.Board), new ChangeNotice(decision.WorkOrderId, 0, decision.Outcome.ToString().ToLowerInvariant()));
}
