namespace CareLoop.Platform.Messaging;

/// <summary>
/// A templated SMS in the shape Chinese SMS gateways take (Aliyun Dysmsapi <c>SendSms</c>, Tencent Cloud
/// <c>SendSms</c>): the phone in E.164, a registered signature (签名), an approved template code and the template's
/// parameters. Free text is not allowed by carriers, so there is none.
/// </summary>
public sealed record SmsRequest(string PhoneE164, string SignName, string TemplateCode, IReadOnlyDictionary<string, string> TemplateParams, string OutId);

/// <summary>The gateway's answer: its request id and biz id, or the provider's error code (e.g. <c>isv.BUSINESS_LIMIT_CONTROL</c>).</summary>
public sealed record SmsReceipt(bool Accepted, string Code, string? BizId);

/// <summary>The port every module sends SMS through (one-time codes, appointment notices, reminders).</summary>
public interface ISmsGateway
{
    Task<SmsReceipt> SendAsync(SmsRequest request, CancellationToken cancellationToken);
}

/// <summary>Templates a tenant registers with its SMS provider; the codes are configuration (<c>Sms:Templates:*</c>).</summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    public string SignName { get; set; } = "CareLoop";

    public Dictionary<string, string> Templates { get; set; } = new() { ["VerificationCode"] = "SMS_CARELOOP_OTP", ["CallbackSurvey"] = "SMS_CARELOOP_SURVEY" };
}
