using System.Security.Cryptography;
using System.Text;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Platform.Identity;

public enum ApiTokenKind
{
    /// <summary>Short-lived token from <c>POST /api/v1/auth/token</c>.</summary>
    Session = 1,

    /// <summary>Named long-lived token a user creates for scripts and integrations.</summary>
    Personal = 2,
}

/// <summary>An opaque bearer token. Only its SHA-256 hash is stored (docs/adr/0006).</summary>
public sealed class ApiToken : ITenantOwned
{
    public const string Prefix = "clt_";

    private ApiToken()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid UserId { get; private set; }

    public ApiTokenKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    public string Hash { get; private set; } = "";

    /// <summary>First characters of the token, shown in lists so a user can tell tokens apart.</summary>
    public string Hint { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>Creates a token; the plain value is returned once and never stored.</summary>
    public static (ApiToken Token, string PlainText) Issue(
        Guid tenantId, Guid userId, ApiTokenKind kind, string name, DateTimeOffset now, TimeSpan lifetime)
    {
        var plain = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            UserId = userId,
            Kind = kind,
            Name = name,
            Hash = HashOf(plain),
            Hint = plain[..(Prefix.Length + 4)],
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (token, plain);
    }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public void MarkUsed(DateTimeOffset now) => LastUsedAt = now;

    public static string HashOf(string plain) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plain)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
