using System.Security.Claims;
using System.Text;
using CareLoop.Modules.Integrations.Domain;
using CareLoop.Modules.Integrations.Features.ListOrders;
using CareLoop.Modules.Integrations.Features.ReceiveOrders;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Realtime;
using CareLoop.Platform.Results;
using CareLoop.Platform.Security;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Integrations.Features.ReplayRejected;

/// <summary>
/// Works the dead-letter list. Replay: the stored payload, decrypted, goes through <see cref="OrderIntake"/> again with
/// the key it came with (still there, not revoked), after the administrator fixed what was wrong (a missing SKU, say).
/// Accepted (or already accepted: the shop resent it) closes the rejection as replayed; refused again keeps it open with
/// the new reasons. Dismiss: closes it unreplayed. Both audited.
/// </summary>
/// <remarks>
/// The order and the closed rejection are two commits (the intake retries its own transaction on a duplicate): should
/// the second be lost, replaying again answers 200 with the same order and closes it.
/// </remarks>
public sealed class ReplayRejectedHandler(
    CareLoopDbContext db, OrderIntake intake, PersonalDataProtector protector, IAuditLog audit, IChangeFeed changes, TimeProvider time)
{
    public async Task<IntakeOutcome> ReplayAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.IntegrationsManage))
        {
            return Failed(Error.Forbidden());
        }

        var rejected = await db.Set<RejectedOrder>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rejected is null)
        {
            return Failed(Error.NotFound());
        }

        if (!rejected.IsOpen)
        {
            return Failed(NotOpen(rejected));
        }

        var key = await db.Set<IntegrationKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Id == rejected.KeyId, cancellationToken);
        if (key is null || key.IsRevoked)
        {
            return Failed(Error.Conflict(ErrorCodes.IntegrationKeyRevoked) with { Args = [rejected.KeyId] });
        }

        var outcome = await intake.AcceptAsync(key, Encoding.UTF8.GetBytes(protector.Decrypt(rejected.PayloadCipher)), IntakeMode.Replay, cancellationToken);

        var tracked = await db.Set<RejectedOrder>().SingleAsync(r => r.Id == id, cancellationToken);
        if (!tracked.IsOpen)
        {
            return Failed(NotOpen(tracked)); // closed by someone else meanwhile (the order, if accepted, is theirs too)
        }

        if (outcome.Error is { } refused)
        {
            tracked.RefusedAgain(OrderIntake.ReasonsOf(refused));
            Audit(actor, "rejected-order.replay-refused", tracked, new { errors = tracked.Errors });
        }
        else
        {
            tracked.MarkReplayed(ActorName(actor), time.GetUtcNow());
            Audit(actor, "rejected-order.replayed", tracked, new { orderId = outcome.Accepted!.OrderId, outcome.Accepted.WorkOrderIds });
        }

        await db.SaveChangesAsync(cancellationToken);
        Publish(tracked, outcome.Error is null ? "replayed" : "refused");
        return outcome;
    }

    public async Task<Result<RejectedOrderRow>> DismissAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.IntegrationsManage))
        {
            return Error.Forbidden();
        }

        var rejected = await db.Set<RejectedOrder>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rejected is null)
        {
            return Error.NotFound();
        }

        if (!rejected.IsOpen)
        {
            return NotOpen(rejected);
        }

        rejected.Dismiss(ActorName(actor), time.GetUtcNow());
        Audit(actor, "rejected-order.dismissed", rejected);
        await db.SaveChangesAsync(cancellationToken);
        Publish(rejected, "dismissed");
        return new RejectedOrderRow(rejected.Id, rejected.KeyId, rejected.Platform, rejected.PlatformOrderId, rejected.ReceivedAt, RefusalReasons.Parse(rejected.Errors),
            rejected.Status, rejected.ResolvedAt, rejected.ResolvedBy);
    }

    private static IntakeOutcome Failed(Error error) => new(error.Status, null, error);

    private static Error NotOpen(RejectedOrder rejected) =>
        Error.Conflict(ErrorCodes.RejectionNotOpen) with { Extensions = new Dictionary<string, object?> { ["rejectionStatus"] = rejected.Status.ToString().ToLowerInvariant() } };

    private static string ActorName(ClaimsPrincipal actor) =>
        actor.FindFirst(CareLoopClaims.DisplayName)?.Value ?? actor.Identity?.Name ?? "system";

    // Named explicitly: on a staff page there is no request whose user the audit log could read.
    private void Audit(ClaimsPrincipal actor, string action, RejectedOrder rejected, object? details = null) =>
        audit.Record(rejected.TenantId, actor.UserId(), actor.Identity?.Name ?? "system", action, nameof(RejectedOrder), rejected.Id.ToString(), details);

    private void Publish(RejectedOrder rejected, string what) =>
        changes.Publish(ChangeTopics.Topic(rejected.TenantId, IntegrationTopics.Orders), new ChangeNotice(rejected.Id, 0, what));
}

public static class ReplayRejectedEndpoints
{
    public static void MapReplayRejected(this RouteGroupBuilder api)
    {
        api.MapPost("/rejected-orders/{id:guid}/replay", async (Guid id, ClaimsPrincipal user, ReplayRejectedHandler handler, HttpContext http, CancellationToken ct) =>
            {
                var outcome = await handler.ReplayAsync(user, id, ct);
                return outcome.Error is { } error ? http.Problem(error) : TypedResults.Json(outcome.Accepted, statusCode: outcome.Status);
            })
            .RequireAuthorization(Permissions.IntegrationsManage)
            .WithTags("Integrations")
            .Produces<OrderAccepted>(StatusCodes.Status202Accepted).Produces<OrderAccepted>(StatusCodes.Status200OK)
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Run a refused order through intake again with its key (after fixing master data): 202/200 as the order API answers, and the rejection is closed as replayed; refused again: 422 with the new errors, and it stays open. 409 when it is not open or its key was revoked.");
        api.MapPost("/rejected-orders/{id:guid}/dismissal", async (Guid id, ClaimsPrincipal user, ReplayRejectedHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.DismissAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.IntegrationsManage)
            .WithTags("Integrations")
            .Produces<RejectedOrderRow>().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Close a refused order without replaying it (junk, a test, or resent fixed by the shop).");
    }
}
