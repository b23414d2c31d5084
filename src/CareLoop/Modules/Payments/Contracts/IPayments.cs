using CareLoop.Platform.Results;

namespace CareLoop.Modules.Payments.Contracts;

/// <summary>
/// What other modules may do with payments: read what a job's customer has paid, take cash, or open a WeChat Pay
/// Native order whose QR the customer scans. The staging methods add to the caller's unit of work without saving,
/// so the caller commits the payment with its own record (the phone's action receipt) or not at all.
/// </summary>
public interface IPayments
{
    /// <summary>What has been paid for the order, and the WeChat order still waiting for the customer, if any.</summary>
    Task<OrderPayments> OfOrderAsync(Guid workOrderId, CancellationToken cancellationToken);

    /// <summary>
    /// Records cash the engineer took: <paramref name="amountFen"/> must equal what is still due
    /// (<paramref name="dueFen"/> less what was paid); staged, not saved.
    /// </summary>
    Task<Result<PaymentView>> StageCashAsync(Guid workOrderId, long amountFen, long dueFen, string recordedBy, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a WeChat Pay Native order for what is still due and returns its <c>code_url</c> (the QR's content); a
    /// pending order for the same amount is reused. Staged, not saved.
    /// </summary>
    Task<Result<PaymentView>> StageWeChatAsync(Guid workOrderId, string description, long dueFen, string recordedBy, CancellationToken cancellationToken);
}

/// <param name="Method">cash or weChat.</param>
/// <param name="Status">pending or paid.</param>
public sealed record PaymentView(
    Guid Id, long AmountFen, string Method, string Status, string OutTradeNo, string? CodeUrl, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, string? TransactionId);

/// <param name="Pending">The latest WeChat order not paid yet (its QR is still good), or null.</param>
public sealed record OrderPayments(long PaidFen, PaymentView? Pending, IReadOnlyList<PaymentView> Payments);
