using System.Security.Claims;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.WorkOrders.Contracts;

/// <summary>
/// Finishing one of the engineer's own jobs on the phone: what the tenant's completion policy asks for and what is
/// there, the customer's signature, and the customer's SMS completion code. Somebody else's job does not exist (null /
/// not found). The completion itself is <see cref="IEngineerJobs.MoveAsync"/> with <c>complete</c>.
/// </summary>
public interface IJobFinish
{
    Task<FinishFacts?> FactsAsync(ClaimsPrincipal engineer, Guid id, CancellationToken cancellationToken);

    /// <summary>Adds the customer's signature (an image) as the job's signature evidence; saves the caller's unit of work with it.</summary>
    Task<Result<Guid>> AttachSignatureAsync(ClaimsPrincipal engineer, Guid id, string fileName, Func<Stream> open, CancellationToken cancellationToken);

    /// <summary>Sends the customer the 6-digit completion code by SMS (valid 24 h); the masked phone it went to.</summary>
    Task<Result<string>> SendCompletionCodeAsync(ClaimsPrincipal engineer, Guid id, CancellationToken cancellationToken);
}

/// <summary>
/// What completing the job needs (the tenant's policy for its kind) and what it has: photos, signature, the
/// customer's code (sent? tries left?), the quote approved and what the customer pays (in 分), and the barcode scanned
/// on the work screen (completion uses it when none is typed).
/// </summary>
public sealed record FinishFacts(
    Guid Id, string Number, WorkOrderKind Kind, WorkOrderState State, long Version, bool CanComplete, int MinPhotos, int Photos,
    bool RequiresSignature, bool HasSignature, bool RequiresBarcode, bool RequiresCustomerCode, CodeStatus? Code,
    long CustomerPaysFen, bool QuoteApproved, string? ScannedBarcode);

/// <summary>The latest completion code sent: where to, how many wrong tries are left, and whether it can still be used.</summary>
public sealed record CodeStatus(string? MaskedPhone, int TriesLeft, bool Locked, bool Expired, DateTimeOffset ExpiresAt);
