using System.Security.Cryptography;
using System.Text;

namespace CareLoop.Platform.Security;

/// <summary>
/// Protects personal data at rest (PIPL): AES-256-GCM encryption, and a keyed HMAC "blind index" that allows exact
/// lookup (find a customer by phone) without storing the value. Both keys are derived (HKDF) from one 32-byte
/// master key, configuration <c>Security:DataEncryptionKey</c> (base64). Rotation: a new version prefix.
/// </summary>
public sealed class PersonalDataProtector
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _encryptionKey;
    private readonly byte[] _indexKey;

    public PersonalDataProtector(byte[] masterKey)
    {
        if (masterKey.Length != 32)
        {
            throw new ArgumentException("Security:DataEncryptionKey must be 32 bytes (base64).", nameof(masterKey));
        }

        _encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: Encoding.UTF8.GetBytes("careloop:pii:encryption:v1"));
        _indexKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: Encoding.UTF8.GetBytes("careloop:pii:blind-index:v1"));
    }

    public static PersonalDataProtector FromConfiguration(IConfiguration configuration) =>
        new(Convert.FromBase64String(configuration[SecretsValidator.DataEncryptionKey]
            ?? throw new InvalidOperationException($"{SecretsValidator.DataEncryptionKey} is not configured.")));

    public string Encrypt(string plain)
    {
        var data = Encoding.UTF8.GetBytes(plain);
        var output = new byte[NonceSize + TagSize + data.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return Version + ":" + Convert.ToBase64String(output);
    }

    public string Decrypt(string protectedValue)
    {
        if (!protectedValue.StartsWith(Version + ":", StringComparison.Ordinal))
        {
            throw new CryptographicException("Unknown protection version.");
        }

        var input = Convert.FromBase64String(protectedValue[(Version.Length + 1)..]);
        var plain = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>
    /// A typed phone number as CareLoop stores it: E.164, encrypted, its blind index (to find it without decrypting) and
    /// its masked form for screens. Null when the input is not a valid phone number.
    /// </summary>
    public SealedPhone? SealPhone(Guid tenantId, string? input) =>
        PhoneNumberRules.Normalize(input) is { } e164 ? new SealedPhone(e164, Encrypt(e164), BlindIndex(tenantId, e164), PhoneNumberRules.Mask(e164)) : null;

    /// <summary>Deterministic per tenant, so the same phone in two tenants does not link them.</summary>
    public string BlindIndex(Guid tenantId, string normalizedValue) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(tenantId.ToString("N") + ":" + normalizedValue)));
}

/// <summary>A phone number sealed for storage (see <see cref="PersonalDataProtector.SealPhone"/>).</summary>
public sealed record SealedPhone(string E164, string Cipher, string BlindIndex, string Masked);
