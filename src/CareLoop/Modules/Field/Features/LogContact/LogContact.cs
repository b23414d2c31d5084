using System.Security.Claims;
using CareLoop.Modules.Field.Domain;
using CareLoop.Modules.Field.Features.ExactlyOnce;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.Field.Features.LogContact;

/// <summary>How the call went: <c>reached</c> true (the customer answered) or false, with an optional note; once per key.</summary>
public sealed record LogContactRequest(bool? Reached, string? Note = null, string? IdempotencyKey = null);

public sealed record ContactLogged(Guid WorkOrderId, bool Reached, WorkOrderState State, bool Replayed);

/// <summary>
/// The engineer logs a call to the customer. A call that reached them goes on the order's timeline as <c>contact</c>
/// and stops the first-contact SLA clock; one that did not is noted (<c>contactFailed</c>) and the clock runs on.
/// </summary>
public sealed class LogContactHandler(IEngineerJobs jobs, ExactlyOnceActions once)
{
    public const string Action = "contact";
    public const int NoteMaxLength = 500;

    public async Task<Result<ContactLogged>> HandleAsync(ClaimsPrincipal actor, Guid workOrderId, LogContactRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.MobileUse) || actor.UserId() is not { } me)
        {
            return Error.Forbidden();
        }

        var key = request.IdempotencyKey?.Trim();
        var v = ExactlyOnceActions.CheckKey(new Validation(), key)
            .MaxLength("note", request.Note, NoteMaxLength);
        if (request.Reached is null)
        {
            v.Add("reached", ErrorCodes.Required);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var reached = request.Reached!.Value;
        var done = await once.RunAsync(me, key!, Action, workOrderId, async receipt =>
        {
            receipt.Settle(Outcome(reached));
            var noted = await jobs.LogContactAsync(actor, workOrderId, reached, request.Note, cancellationToken);
            return noted.IsSuccess ? Outcome(reached) : noted.Error!;
        }, cancellationToken);
        if (!done.IsSuccess)
        {
            return done.Error!;
        }

        var job = await jobs.FindMineAsync(actor, workOrderId, cancellationToken);
        return new ContactLogged(workOrderId, done.Value!.Outcome == Outcome(true), job?.State ?? WorkOrderState.Accepted, done.Value.Replayed);
    }

    private static string Outcome(bool reached) => reached ? "reached" : "notReached";
}
