using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Features.AttachEvidence;
using CareLoop.Modules.WorkOrders.Features.Charges;
using CareLoop.Modules.WorkOrders.Features.CompletionPolicies;
using CareLoop.Modules.WorkOrders.Features.TransitionWorkOrder;
using CareLoop.Platform.Files;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders.Features.EngineerJobs;

/// <summary><see cref="IJobFinish"/> over the completion policy, the evidence, the charges and the completion code.</summary>
internal sealed class JobFinish(
    CareLoopDbContext db, CompletionPoliciesHandler policies, ChargesHandler charges, AttachEvidenceHandler evidence, CompletionCodeHandler completionCodes,
    ICustomerCodes codes) : IJobFinish
{
    public async Task<FinishFacts?> FactsAsync(ClaimsPrincipal engineer, Guid id, CancellationToken cancellationToken)
    {
        if (await MineAsync(engineer, id, cancellationToken) is not { } order)
        {
            return null;
        }

        var required = await policies.RequirementsAsync(order.Kind, cancellationToken);
        var kinds = await db.Set<WorkOrderAttachment>().AsNoTracking().Where(a => a.WorkOrderId == order.Id).GroupBy(a => a.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Kind, g => g.Count, cancellationToken);
        var (customerPays, approved) = await charges.OutstandingAsync(order, cancellationToken);
        var code = required.RequiresCustomerCode ? await codes.LatestCustomerCodeAsync(order.CustomerId, CompletionCodeHandler.Purpose(order.Id), cancellationToken) : null;
        return new FinishFacts(
            order.Id, order.Number, order.Kind, order.State, order.Version, WorkOrderTransitions.Find(order.Kind, order.State, WorkOrderAction.Complete) is not null,
            required.MinPhotos, kinds.GetValueOrDefault(AttachmentKind.Photo), required.RequiresSignature, kinds.GetValueOrDefault(AttachmentKind.Signature) > 0,
            required.RequiresBarcode, required.RequiresCustomerCode,
            code is null ? null : new CodeStatus(code.MaskedPhone, code.TriesLeft, code.Locked, code.Expired, code.ExpiresAt), customerPays, approved, order.ScannedBarcode);
    }

    public async Task<Result<Guid>> AttachSignatureAsync(ClaimsPrincipal engineer, Guid id, string fileName, Func<Stream> open, CancellationToken cancellationToken)
    {
        if (await MineAsync(engineer, id, cancellationToken) is null)
        {
            return Error.NotFound();
        }

        var attached = await evidence.HandleAsync(engineer, id, new Upload(fileName, open), AttachmentKind.Signature, null, cancellationToken);
        return attached.IsSuccess ? attached.Value!.Id : attached.Error!;
    }

    public async Task<Result<string>> SendCompletionCodeAsync(ClaimsPrincipal engineer, Guid id, CancellationToken cancellationToken)
    {
        if (await MineAsync(engineer, id, cancellationToken) is null)
        {
            return Error.NotFound();
        }

        var sent = await completionCodes.SendAsync(engineer, id, cancellationToken);
        return sent.IsSuccess ? sent.Value!.MaskedPhone : sent.Error!;
    }

    private async Task<WorkOrder?> MineAsync(ClaimsPrincipal engineer, Guid id, CancellationToken cancellationToken) =>
        engineer.UserId() is { } me ? await db.Set<WorkOrder>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == id && w.AssigneeId == me, cancellationToken) : null;
}
