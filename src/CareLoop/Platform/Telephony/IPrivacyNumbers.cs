namespace CareLoop.Platform.Telephony;

/// <summary>
/// An AXB binding request in the shape of Aliyun 号码隐私保护 <c>BindAxb</c>: a virtual number X from the pool
/// <paramref name="PoolKey"/> connects A (<paramref name="PhoneNoA"/>, the engineer) and B (<paramref name="PhoneNoB"/>,
/// the customer) until <paramref name="Expiration"/>; a call from A to X rings B and from B to X rings A, so neither sees
/// the other's number. <paramref name="OutId"/> is ours (the work order's id) and comes back on call records.
/// </summary>
public sealed record AxbBinding(string PoolKey, string PhoneNoA, string PhoneNoB, DateTimeOffset Expiration, string OutId);

/// <summary>
/// The provider's answer: <paramref name="Code"/> <c>OK</c> with the secret number (X, E.164) and the subscription id
/// needed to unbind, or an error code such as <c>isv.NO_AVAILABLE_NUMBER</c> (the pool is exhausted).
/// </summary>
public sealed record AxbBound(string Code, string? SecretNo, string? SubsId)
{
    public bool Ok => Code == "OK" && SecretNo is not null;
}

/// <summary>The port to a privacy-number (虚拟号) provider, for engineers calling customers without seeing their numbers.</summary>
public interface IPrivacyNumbers
{
    Task<AxbBound> BindAxbAsync(AxbBinding request, CancellationToken cancellationToken);

    /// <summary><c>UnbindSubscription</c>: frees the secret number of <paramref name="subsId"/> (false when unknown or already free).</summary>
    Task<bool> UnbindSubscriptionAsync(string poolKey, string subsId, string secretNo, CancellationToken cancellationToken);
}

/// <summary>The pool to bind from and its numbers (the local adapter's; a real provider owns its pool): <c>PrivacyNumbers:*</c>.</summary>
public sealed class PrivacyNumberOptions
{
    public const string Section = "PrivacyNumbers";

    public string PoolKey { get; set; } = "FC100000000000001";

    /// <summary>How long a binding lives (a real provider caps it too).</summary>
    public int BindingHours { get; set; } = 4;

    public string[] Pool { get; set; } = ["+8617100000001", "+8617100000002", "+8617100000003", "+8617100000004", "+8617100000005"];
}
