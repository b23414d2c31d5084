using CareLoop.Modules.Payments.Contracts;
using CareLoop.Modules.Payments.Domain;
using CareLoop.Modules.Payments.Gateway;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareLoop.Modules.Payments.Features.RecordPayment;

/// <summary><see cref="IPayments"/>: cash equal to what is due, or a WeChat Pay Native order through the gateway port.</summary>
internal sealed class PaymentLedger(
    CareLoopDbContext db, IPaymentGateway gateway, IOptions<WeChatPayOptions> options, IHttpContextAccessor http, TimeProvider time) : IPayments
{
    public const string NotifyPath = "/api/v1/payments/wechat/notify";

    public async Task<OrderPayments> OfOrderAsync(Guid workOrderId, CancellationToken cancellationToken)
    {
        var payments = await db.Set<Payment>().AsNoTracking().Where(p => p.WorkOrderId == workOrderId).ToListAsync(cancellationToken);
        var ordered = payments.OrderBy(p => p.CreatedAt).Select(View).ToList();
        var paid = payments.Where(p => p.Status == PaymentStatus.Paid).Sum(p => p.AmountFen);
        var pending = payments.Where(p => p.Status == PaymentStatus.Pending).OrderByDescending(p => p.CreatedAt).FirstOrDefault();
        return new OrderPayments(paid, pending is null ? null : View(pending), ordered);
    }

    public async Task<Result<PaymentView>> StageCashAsync(Guid workOrderId, long amountFen, long dueFen, string recordedBy, CancellationToken cancellationToken)
    {
        var outstanding = dueFen - (await OfOrderAsync(workOrderId, cancellationToken)).PaidFen;
        if (outstanding <= 0)
        {
            return new Validation().Add("amountFen", ErrorCodes.NothingToPay).ToError()!;
        }

        if (amountFen != outstanding)
        {
            return new Validation().Add("amountFen", ErrorCodes.CashAmountMismatch, outstanding / 100m, amountFen / 100m).ToError()!;
        }

        var payment = Payment.Cash(workOrderId, amountFen, recordedBy, time.GetUtcNow());
        db.Add(payment);
        return View(payment);
    }

    public async Task<Result<PaymentView>> StageWeChatAsync(Guid workOrderId, string description, long dueFen, string recordedBy, CancellationToken cancellationToken)
    {
        var payments = await OfOrderAsync(workOrderId, cancellationToken);
        var outstanding = dueFen - payments.PaidFen;
        if (outstanding <= 0)
        {
            return new Validation().Add("amountFen", ErrorCodes.NothingToPay).ToError()!;
        }

        if (payments.Pending is { } pending && pending.AmountFen == outstanding)
        {
            return pending; // the same QR again: the customer may already be scanning it
        }

        var o = options.Value;
        var now = time.GetUtcNow();
        var tradeNo = Payment.NewTradeNo(now);
        var order = new NativeOrder(o.AppId, o.MchId, description.Length > 127 ? description[..127] : description, tradeNo, NotifyUrl(o), new NativeAmount(outstanding));
        var created = await gateway.CreateNativeOrderAsync(order, cancellationToken);
        var payment = Payment.WeChat(workOrderId, outstanding, tradeNo, created.CodeUrl, recordedBy, now);
        db.Add(payment);
        return View(payment);
    }

    private string NotifyUrl(WeChatPayOptions o)
    {
        if (!string.IsNullOrWhiteSpace(o.NotifyUrl))
        {
            return o.NotifyUrl;
        }

        var request = http.HttpContext?.Request;
        return request is null ? NotifyPath : $"{request.Scheme}://{request.Host}{NotifyPath}";
    }

    private static PaymentView View(Payment p) => new(
        p.Id, p.AmountFen, p.Method == PaymentMethod.Cash ? "cash" : "weChat", p.Status == PaymentStatus.Paid ? "paid" : "pending", p.OutTradeNo, p.CodeUrl,
        p.CreatedAt, p.PaidAt, p.TransactionId);
}
