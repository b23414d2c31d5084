using System.Security.Cryptography;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Integrations.Domain;

/// <summary>
/// A shop's credential for the order API: a public key id (<c>X-CareLoop-Key</c>) and a secret for the HMAC signature,
/// stored encrypted (it must be read back to verify). Rotation keeps the previous secret valid for an overlap period so
/// the shop can switch without losing orders; a revoked key is refused at once.
/// </summary>
public sealed class IntegrationKey : ITenantOwned
{
    public const int DefaultRatePerSecond = 100;

    private IntegrationKey()
    {
    }

    /// <summary>The key id the shop sends, e.g. <c>ik_7f3a…</c> (or <c>demo-shop</c> in Development).</summary>
    public string Id { get; private set; } = "";

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>The platform shop this key speaks for (orders carry it too and must match).</summary>
    public string ShopId { get; private set; } = "";

    public string SecretCipher { get; private set; } = "";

    public string? PreviousSecretCipher { get; private set; }

    public DateTimeOffset? PreviousValidUntil { get; private set; }

    /// <summary>Orders a second the key may send before 429 (a token bucket with a burst of the same size).</summary>
    public int RatePerSecond { get; private set; } = DefaultRatePerSecond;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RotatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public static IntegrationKey Create(Guid tenantId, string id, string name, string shopId, string secretCipher, int ratePerSecond, DateTimeOffset now) => new()
    {
        Id = id,
        TenantId = tenantId,
        Name = name.Trim(),
        ShopId = shopId.Trim(),
        SecretCipher = secretCipher,
        RatePerSecond = ratePerSecond,
        CreatedAt = now,
    };

    /// <summary>A new random key id: <c>ik_</c> and 20 hex characters.</summary>
    public static string NewId() => "ik_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    /// <summary>A new random secret: 32 bytes as 64 hex characters, shown once.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Replaces the secret; the old one keeps working until <paramref name="overlapUntil"/>.</summary>
    public void Rotate(string newSecretCipher, DateTimeOffset overlapUntil, DateTimeOffset now)
    {
        PreviousSecretCipher = SecretCipher;
        PreviousValidUntil = overlapUntil;
        SecretCipher = newSecretCipher;
        RotatedAt = now;
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    /// <summary>The secrets a signature may be made with at <paramref name="now"/>: the current one, and the previous during the overlap.</summary>
    public IEnumerable<string> SecretCiphersAt(DateTimeOffset now)
    {
        yield return SecretCipher;
        if (PreviousSecretCipher is { } previous && PreviousValidUntil > now)
        {
            yield return previous;
        }
    }
}
