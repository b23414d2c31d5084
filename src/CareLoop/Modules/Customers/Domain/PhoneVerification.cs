using System.Security.Cryptography;
using System.Text;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Customers.Domain;

public enum VerificationOutcome
{
    Verified = 1,
    Wrong = 2,
    Expired = 3,

    /// <summary>Too many wrong tries: the code is dead, a new one must be requested.</summary>
    Locked = 4,
}

/// <summary>
/// A one-time SMS code proving a customer holds a phone. Only a hash is stored; the code dies after its lifetime
/// (10 minutes to register a unit, 24 hours for a job's completion code), after <see cref="CustomerRules.VerificationMaxAttempts"/> wrong
/// tries, or once used.
/// </summary>
public sealed class PhoneVerification : ITenantOwned
{
    private PhoneVerification()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>The phone's blind index (the number itself is not kept here).</summary>
    public string PhoneIndex { get; private set; } = "";

    public string Purpose { get; private set; } = "";

    public string CodeHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public static (PhoneVerification Verification, string Code) Issue(Guid tenantId, string phoneIndex, string purpose, TimeSpan lifetime, DateTimeOffset now)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var verification = new PhoneVerification
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            PhoneIndex = phoneIndex,
            Purpose = purpose,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        verification.CodeHash = verification.Hash(code);
        return (verification, code);
    }

    /// <summary>Checks a typed code; a wrong one counts against the attempts. A verified code is used up.</summary>
    public VerificationOutcome Verify(string? code, DateTimeOffset now)
    {
        if (UsedAt is not null || Attempts >= CustomerRules.VerificationMaxAttempts)
        {
            return VerificationOutcome.Locked;
        }

        if (now >= ExpiresAt)
        {
            return VerificationOutcome.Expired;
        }

        var typed = Hash((code ?? "").Trim());
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(typed), Encoding.ASCII.GetBytes(CodeHash)))
        {
            Attempts++;
            return Attempts >= CustomerRules.VerificationMaxAttempts ? VerificationOutcome.Locked : VerificationOutcome.Wrong;
        }

        UsedAt = now;
        return VerificationOutcome.Verified;
    }

    private string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Id.ToString("N") + ":" + code)));
}
