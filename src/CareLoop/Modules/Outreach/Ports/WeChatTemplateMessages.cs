using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareLoop.Modules.Outreach.Ports;

/// <summary>
/// A WeChat official-account template message (<c>POST /cgi-bin/message/template/send</c>): the follower's openid,
/// the approved template id, an optional page to open, and the template's fields as <c>{"key":{"value":"…"}}</c>.
/// </summary>
public sealed record WeChatTemplateMessage(string ToUser, string TemplateId, string? Url, IReadOnlyDictionary<string, string> Data, string ClientMsgId);

/// <summary>WeChat's answer: <c>errcode</c> 0 and a <c>msgid</c>, or the error (e.g. 43004: the user does not follow the account).</summary>
public sealed record WeChatReceipt(bool Accepted, int ErrCode, string ErrMsg, long? MsgId);

/// <summary>The port template messages go through; the real adapter posts the body with the account's access token.</summary>
public interface IWeChatTemplateMessages
{
    Task<WeChatReceipt> SendAsync(WeChatTemplateMessage message, CancellationToken cancellationToken);
}

/// <summary>The body of <c>message/template/send</c>, exactly as WeChat takes it.</summary>
public static class WeChatWire
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Body(WeChatTemplateMessage message) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["touser"] = message.ToUser,
        ["template_id"] = message.TemplateId,
        ["url"] = message.Url,
        ["data"] = message.Data.ToDictionary(d => d.Key, d => new Dictionary<string, string> { ["value"] = d.Value }),
        ["client_msg_id"] = message.ClientMsgId,
    }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value), Options);
}

/// <summary>The local adapter: builds the real body and keeps the latest for the Development outbox page instead of posting it.</summary>
public sealed class LocalWeChatTemplateMessages(ILogger<LocalWeChatTemplateMessages> logger, TimeProvider time) : IWeChatTemplateMessages
{
    private const int Keep = 200;
    private readonly ConcurrentQueue<(DateTimeOffset At, string Body)> _sent = new();
    private long _msgId = 1000;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Body)> Sent => _sent.Reverse().ToList();

    public Task<WeChatReceipt> SendAsync(WeChatTemplateMessage message, CancellationToken cancellationToken)
    {
        var body = WeChatWire.Body(message);
        _sent.Enqueue((time.GetUtcNow(), body));
        while (_sent.Count > Keep && _sent.TryDequeue(out _))
        {
        }

        logger.LogInformation("WeChat template message (local adapter) template {Template}", message.TemplateId);
        return Task.FromResult(new WeChatReceipt(true, 0, "ok", Interlocked.Increment(ref _msgId)));
    }
}
