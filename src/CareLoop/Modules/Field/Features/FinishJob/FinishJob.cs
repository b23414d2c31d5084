using System.Security.Claims;
using CareLoop.Modules.Field.Domain;
using CareLoop.Modules.Field.Features.ExactlyOnce;
using CareLoop.Modules.Payments.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CareLoop.Modules.Field.Features.FinishJob;

/// <summary>One line of the evidence checklist: <c>photos</c>, <c>signature</c>, <c>code</c>, <c>barcode</c>, <c>quote</c> or <c>payment</c>.</summary>
/// <param name="Have">For photos the count taken, for payment the 分 paid.</param>
/// <param name="Need">For photos the count asked for, for payment the 分 due.</param>
/// <param name="AtCompletion">Entered with the completion itself (the barcode, the code the customer reads out), so it does not hold the button back.</param>
public sealed record EvidenceItem(string Key, bool Present, long? Have = null, long? Need = null, bool AtCompletion = false);

/// <summary>
/// The finish sheet of one of my jobs: what the tenant's policy needs for its kind and what is there, what is missing
/// (<see cref="Missing"/> empty: "complete" may be tapped), the customer's code (tries left) and the money.
/// </summary>
public sealed record FinishSheet(
    Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, long Version, bool CanComplete, IReadOnlyList<EvidenceItem> Evidence,
    IReadOnlyList<string> Missing, bool RequiresSignature, bool RequiresCode, bool RequiresBarcode, CodeStatus? Code, long DueFen, long PaidFen,
    PaymentView? PendingQr, IReadOnlyList<PaymentView> Payments, string? ScannedBarcode = null)
{
    public bool IsDone => State is WorkOrderState.Completed or WorkOrderState.CallbackPending or WorkOrderState.Closed;

    public long OutstandingFen => Math.Max(0, DueFen - PaidFen);
}

/// <param name="Outcome">The order's state after complete; the attachment, payment or "sent" for the others.</param>
public sealed record FinishActionResult(Guid WorkOrderId, string Action, string Outcome, bool Replayed);

public sealed record CashRequest(long? AmountFen, string? IdempotencyKey = null);

public sealed record CompleteRequest(long? ExpectedVersion, string? Barcode, string? VerificationCode, string? IdempotencyKey = null);

/// <summary>
/// Finishing a job on the phone (issue 7): the evidence checklist, the customer's sign-off (a signature drawn on the
/// screen, or the 6-digit SMS code), payment (cash equal to what is due, or a WeChat Pay QR) and the completion,
/// each posted action once per idempotency key (<see cref="ExactlyOnceActions"/>).
/// </summary>
public sealed class FinishJobHandler(
    IJobFinish finish, IEngineerJobs jobs, IPayments payments, ExactlyOnceActions once, IStringLocalizer<SharedResource> localizer)
{
    public const string Sign = "signature";
    public const string SendCode = "sendCode";
    public const string Cash = "cash";
    public const string PayQr = "payQr";
    public const string Complete = "complete";

    /// <summary>A drawn signature is small; anything bigger than this is not one.</summary>
    public const int MaxSignatureBytes = 2 * 1024 * 1024;

    public async Task<Result<FinishSheet>> SheetAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.MobileUse))
        {
            return Error.Forbidden();
        }

        if (await finish.FactsAsync(actor, id, cancellationToken) is not { } facts)
        {
            return Error.NotFound();
        }

        var paid = await payments.OfOrderAsync(id, cancellationToken);
        var evidence = new List<EvidenceItem>();
        if (facts.MinPhotos > 0)
        {
            evidence.Add(new EvidenceItem("photos", facts.Photos >= facts.MinPhotos, facts.Photos, facts.MinPhotos));
        }

        if (facts.RequiresSignature)
        {
            evidence.Add(new EvidenceItem("signature", facts.HasSignature));
        }

        if (facts.RequiresCustomerCode)
        {
            evidence.Add(new EvidenceItem("code", facts.Code is { Locked: false, Expired: false }, facts.Code?.TriesLeft, AtCompletion: true));
        }

        if (facts.RequiresBarcode)
        {
            // Scanned on the work screen already: shown as present; otherwise typed or scanned with the completion.
            evidence.Add(facts.ScannedBarcode is null ? new EvidenceItem("barcode", false, AtCompletion: true) : new EvidenceItem("scanned-barcode", true));
        }

        if (facts.CustomerPaysFen > 0)
        {
            evidence.Add(new EvidenceItem("quote", facts.QuoteApproved));
            evidence.Add(new EvidenceItem("payment", paid.PaidFen >= facts.CustomerPaysFen, paid.PaidFen, facts.CustomerPaysFen));
        }

        var missing = evidence.Where(e => !e.Present && !e.AtCompletion || e is { Key: "code", Present: false }).Select(e => e.Key).ToList();
        return new FinishSheet(
            facts.Id, facts.Number, facts.Kind, facts.State, facts.Version, facts.CanComplete, evidence, missing, facts.RequiresSignature,
            facts.RequiresCustomerCode, facts.RequiresBarcode, facts.Code, facts.CustomerPaysFen, paid.PaidFen, paid.Pending, paid.Payments, facts.ScannedBarcode);
    }

    /// <summary>The customer's signature, an image drawn on the phone (PNG), kept as the job's signature evidence.</summary>
    public Task<Result<FinishActionResult>> SignAsync(ClaimsPrincipal actor, Guid id, string? key, byte[]? image, CancellationToken cancellationToken) =>
        RunAsync(actor, id, key, Sign, async receipt =>
        {
            if (image is not { Length: > 0 })
            {
                return new Validation().Add("signature", ErrorCodes.Required).ToError()!;
            }

            if (image.Length > MaxSignatureBytes)
            {
                return new Validation().Add("signature", ErrorCodes.FileTooLarge, MaxSignatureBytes / 1024 / 1024).ToError()!;
            }

            receipt.Settle("signed"); // the attachment's save commits the receipt with it
            var attached = await finish.AttachSignatureAsync(actor, id, "signature.png", () => new MemoryStream(image, writable: false), cancellationToken);
            return attached.IsSuccess ? "signed" : attached.Error!;
        }, cancellationToken);

    /// <summary>Sends the customer the completion code by SMS (the send saves the receipt with the code).</summary>
    public Task<Result<FinishActionResult>> SendCodeAsync(ClaimsPrincipal actor, Guid id, string? key, CancellationToken cancellationToken) =>
        RunAsync(actor, id, key, SendCode, async receipt =>
        {
            receipt.Settle("sent");
            var sent = await finish.SendCompletionCodeAsync(actor, id, cancellationToken);
            return sent.IsSuccess ? "sent" : sent.Error!;
        }, cancellationToken);

    /// <summary>Cash the engineer took: exactly what is still due.</summary>
    public Task<Result<FinishActionResult>> CashAsync(ClaimsPrincipal actor, Guid id, CashRequest request, CancellationToken cancellationToken) =>
        RunAsync(actor, id, request.IdempotencyKey, Cash, async _ =>
        {
            if (request.AmountFen is not { } amount)
            {
                return new Validation().Add("amountFen", ErrorCodes.Required).ToError()!;
            }

            var facts = await finish.FactsAsync(actor, id, cancellationToken);
            var staged = await payments.StageCashAsync(id, amount, facts!.CustomerPaysFen, NameOf(actor), cancellationToken);
            return staged.IsSuccess ? staged.Value!.Id.ToString("N") : staged.Error!;
        }, cancellationToken);

    /// <summary>A WeChat Pay QR for what is still due (the same one while it is unpaid).</summary>
    public Task<Result<FinishActionResult>> QrAsync(ClaimsPrincipal actor, Guid id, string? key, CancellationToken cancellationToken) =>
        RunAsync(actor, id, key, PayQr, async _ =>
        {
            var facts = await finish.FactsAsync(actor, id, cancellationToken);
            var description = localizer["Payments.Description", facts!.Number].Value;
            var staged = await payments.StageWeChatAsync(id, description, facts.CustomerPaysFen, NameOf(actor), cancellationToken);
            return staged.IsSuccess ? staged.Value!.Id.ToString("N") : staged.Error!;
        }, cancellationToken);

    /// <summary>Completes the job through the work-order rules (the tenant's evidence, the barcode, the customer's code, payment).</summary>
    public Task<Result<FinishActionResult>> CompleteAsync(ClaimsPrincipal actor, Guid id, CompleteRequest request, CancellationToken cancellationToken) =>
        RunAsync(actor, id, request.IdempotencyKey, Complete, async receipt =>
        {
            if (request.ExpectedVersion is not { } version)
            {
                return new Validation().Add("expectedVersion", ErrorCodes.Required).ToError()!;
            }

            receipt.Settle(nameof(WorkOrderState.Completed));
            var moved = await jobs.MoveAsync(actor, id, new EngineerMove(Complete, version, Barcode: request.Barcode?.Trim(), VerificationCode: request.VerificationCode?.Trim()),
                cancellationToken);
            if (moved.IsSuccess)
            {
                return moved.Value!.State.ToString();
            }

            return moved.Error!;
        }, cancellationToken);

    private static string NameOf(ClaimsPrincipal actor) =>
        actor.FindFirst(Platform.Tenancy.CareLoopClaims.DisplayName)?.Value ?? actor.Identity?.Name ?? "engineer";

    private async Task<Result<FinishActionResult>> RunAsync(
        ClaimsPrincipal actor, Guid id, string? key, string action, Func<ActionReceipt, Task<Result<string>>> act, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.MobileUse) || actor.UserId() is not { } me)
        {
            return Error.Forbidden();
        }

        key = key?.Trim();
        if (ExactlyOnceActions.CheckKey(new Validation(), key).ToError() is { } invalid)
        {
            return invalid;
        }

        if (await finish.FactsAsync(actor, id, cancellationToken) is null)
        {
            return Error.NotFound();
        }

        var done = await once.RunAsync(me, key!, action, id, act, cancellationToken);
        return done.IsSuccess ? new FinishActionResult(id, action, done.Value!.Outcome, done.Value.Replayed) : done.Error!;
    }
}
