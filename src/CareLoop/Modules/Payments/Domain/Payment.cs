using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Payments.Domain;

public enum PaymentMethod
{
    Cash = 1,
    WeChat = 2,
}

public enum PaymentStatus
{
    /// <summary>A payment QR was shown; the customer has not paid (yet).</summary>
    Pending = 1,
    Paid = 2,
}

/// <summary>
/// What a customer paid for a job (or was asked to pay by QR): cash taken by the engineer is paid at once; a WeChat Pay
/// order is pending until the signed notification says it succeeded, and is marked paid exactly once however often
/// WeChat repeats the notification. <see cref="OutTradeNo"/> is our order number on WeChat's side, unique everywhere.
/// </summary>
public sealed class Payment : ITenantOwned
{
    public const int OutTradeNoMaxLength = 32;

    private Payment()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public long AmountFen { get; private set; }

    public PaymentMethod Method { get; private set; }

    public PaymentStatus Status { get; private set; }

    public string OutTradeNo { get; private set; } = "";

    /// <summary>WeChat's <c>code_url</c> (weixin://wxpay/bizpayurl?pr=…) the QR encodes; null for cash.</summary>
    public string? CodeUrl { get; private set; }

    /// <summary>WeChat's transaction id once paid; null for cash.</summary>
    public string? TransactionId { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public static Payment Cash(Guid workOrderId, long amountFen, string recordedBy, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at), WorkOrderId = workOrderId, AmountFen = amountFen, Method = PaymentMethod.Cash, Status = PaymentStatus.Paid,
        OutTradeNo = NewTradeNo(at), RecordedBy = recordedBy, CreatedAt = at, PaidAt = at,
    };

    public static Payment WeChat(Guid workOrderId, long amountFen, string outTradeNo, string codeUrl, string recordedBy, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at), WorkOrderId = workOrderId, AmountFen = amountFen, Method = PaymentMethod.WeChat, Status = PaymentStatus.Pending,
        OutTradeNo = outTradeNo, CodeUrl = codeUrl, RecordedBy = recordedBy, CreatedAt = at,
    };

    /// <summary>Our order number for WeChat: 6–32 letters and digits, unique per merchant.</summary>
    public static string NewTradeNo(DateTimeOffset at) => "CL" + at.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..20];

    /// <summary>Marks the order paid; false when it already was (a repeated notification changes nothing).</summary>
    public bool MarkPaid(string transactionId, DateTimeOffset at)
    {
        if (Status == PaymentStatus.Paid)
        {
            return false;
        }

        Status = PaymentStatus.Paid;
        TransactionId = transactionId;
        PaidAt = at;
        return true;
    }
}
