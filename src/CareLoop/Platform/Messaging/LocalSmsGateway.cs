using System.Collections.Concurrent;
using System.Text.Json;
using CareLoop.Platform.Security;

namespace CareLoop.Platform.Messaging;

/// <summary>
/// The local adapter: builds the body a real gateway call would carry (Aliyun's <c>SendSms</c> parameters) and,
/// instead of posting it, keeps the latest messages for the Development outbox page (<c>/dev/sms</c>) and logs them.
/// Outside Development the log line masks the phone and leaves out the parameters (they hold one-time codes).
/// </summary>
public sealed class LocalSmsGateway(ILogger<LocalSmsGateway> logger, IHostEnvironment environment, TimeProvider time) : ISmsGateway
{
    private const int Keep = 200;
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ConcurrentQueue<SentSms> _sent = new();

    public sealed record SentSms(DateTimeOffset At, string PhoneE164, string TemplateCode, IReadOnlyDictionary<string, string> TemplateParams, string WireBody);

    /// <summary>Newest first.</summary>
    public IReadOnlyList<SentSms> Sent => _sent.Reverse().ToList();

    public Task<SmsReceipt> SendAsync(SmsRequest request, CancellationToken cancellationToken)
    {
        var wire = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Action"] = "SendSms",
            ["PhoneNumbers"] = request.PhoneE164.TrimStart('+').StartsWith("86", StringComparison.Ordinal) ? request.PhoneE164[3..] : request.PhoneE164.TrimStart('+'),
            ["SignName"] = request.SignName,
            ["TemplateCode"] = request.TemplateCode,
            ["TemplateParam"] = JsonSerializer.Serialize(request.TemplateParams, Readable),
            ["OutId"] = request.OutId,
        }, Readable);
        _sent.Enqueue(new SentSms(time.GetUtcNow(), request.PhoneE164, request.TemplateCode, request.TemplateParams, wire));
        while (_sent.Count > Keep && _sent.TryDequeue(out _))
        {
        }

        if (environment.IsDevelopment())
        {
            logger.LogInformation("SMS (local gateway) {Body}", wire);
        }
        else
        {
            logger.LogInformation("SMS (local gateway) to {Phone} template {Template}", PhoneNumberRules.Mask(request.PhoneE164), request.TemplateCode);
        }

        return Task.FromResult(new SmsReceipt(true, "OK", request.OutId));
    }
}
