using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using CareLoop.Modules.Integrations.Domain;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CareLoop.Modules.Integrations.Features.ReceiveOrders;

/// <summary>A verified call: the key it was signed with and the exact bytes that were signed.</summary>
public sealed record SignedRequest(IntegrationKey Key, byte[] Body);

/// <summary>
/// Verifies the order API's signature scheme: <c>X-CareLoop-Key</c> (key id), <c>X-CareLoop-Timestamp</c> (Unix
/// seconds, at most 5 minutes from server time) and <c>X-CareLoop-Signature</c> = <c>sha256=</c> + lowercase hex
/// HMAC-SHA256 of <c>timestamp + "." + body</c> with the key's secret, compared in constant time. Every failure is
/// the same 401 to the caller (the reason goes to the log). Keys are cached briefly: at a peak every order needs one.
/// </summary>
public sealed class SignedRequests(IServiceScopeFactory scopes, IMemoryCache cache, PersonalDataProtector protector, TimeProvider time, ILogger<SignedRequests> logger)
{
    public const string KeyHeader = "X-CareLoop-Key";
    public const string TimestampHeader = "X-CareLoop-Timestamp";
    public const string SignatureHeader = "X-CareLoop-Signature";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new();

    public async Task<Result<SignedRequest>> VerifyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var keyId = request.Headers[KeyHeader].ToString();
        var timestamp = request.Headers[TimestampHeader].ToString();
        var signature = request.Headers[SignatureHeader].ToString();
        if (keyId.Length is 0 or > 64 || timestamp.Length == 0 || !signature.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return Refuse("missing or malformed signing headers", keyId);
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - seconds) > Window.TotalSeconds)
        {
            return Refuse("timestamp outside the 5-minute window", keyId);
        }

        var key = await FindAsync(keyId, cancellationToken);
        if (key is null || key.IsRevoked)
        {
            return Refuse(key is null ? "unknown key" : "revoked key", keyId);
        }

        if (!Bucket(key).AttemptAcquire().IsAcquired)
        {
            return new Error(ErrorCodes.TooManyRequests, StatusCodes.Status429TooManyRequests) { Extensions = new Dictionary<string, object?> { ["retryAfter"] = 1 } };
        }

        var body = await ReadAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return new Error(ErrorCodes.PayloadTooLarge, StatusCodes.Status413PayloadTooLarge, null, maxBytes / 1024);
        }

        var expected = Encoding.ASCII.GetBytes(signature["sha256=".Length..]);
        foreach (var cipher in key.SecretCiphersAt(time.GetUtcNow()))
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(protector.Decrypt(cipher), timestamp, body)), expected))
            {
                return new SignedRequest(key, body);
            }
        }

        return Refuse("bad signature", keyId);
    }

    /// <summary>The signature a caller must send: lowercase hex HMAC-SHA256 over <c>timestamp + "." + body</c>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>Drops a key from this node's cache (rotated or revoked here); other nodes follow within <see cref="CacheFor"/>.</summary>
    public void Forget(string keyId)
    {
        cache.Remove(CacheKey(keyId));
        _buckets.TryRemove(keyId, out _);
    }

    private async Task<IntegrationKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey(keyId), out IntegrationKey? cached))
        {
            return cached;
        }

        // The key is what tells the tenant, so this lookup cannot run under a tenant's filter (ADR 0005).
        await using var scope = scopes.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<CareLoopDbContext>().Set<IntegrationKey>().IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        cache.Set(CacheKey(keyId), key, CacheFor);
        return key;
    }

    private TokenBucketRateLimiter Bucket(IntegrationKey key) =>
        _buckets.GetOrAdd(key.Id, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = key.RatePerSecond,
            TokensPerPeriod = key.RatePerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>How much of an oversized body is read and thrown away so the caller can read its 413 (beyond it the connection is dropped).</summary>
    public const long DrainLimit = 16 * 1024 * 1024;

    /// <summary>The body, or null when it is longer than <paramref name="maxBytes"/> (whatever follows is discarded, not kept).</summary>
    private static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        long total = 0;
        int read;
        var tooLarge = request.ContentLength > maxBytes;
        while (total <= DrainLimit && (read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            total += read;
            tooLarge |= total > maxBytes;
            if (!tooLarge)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        return tooLarge ? null : buffer.ToArray();
    }

    private Error Refuse(string reason, string keyId)
    {
        logger.LogWarning("Order API call refused for key {KeyId}: {Reason}", keyId.Length > 64 ? keyId[..64] : keyId, reason);
        return new Error(ErrorCodes.InvalidSignature, StatusCodes.Status401Unauthorized);
    }

    private static string CacheKey(string keyId) => "integration-key:" + keyId;
}
