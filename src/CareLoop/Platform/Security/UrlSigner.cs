using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace CareLoop.Platform.Security;

/// <summary>
/// Signs values that travel in public URLs (the registration QR on a product, survey links): a truncated
/// HMAC-SHA256 (128 bits, base64url) under a key derived from <c>Security:DataEncryptionKey</c>, so a printed
/// code cannot be edited to claim another serial. The purpose is part of the MAC: a signature for one use
/// never validates another.
/// </summary>
public sealed class UrlSigner
{
    private readonly byte[] _key;

    public UrlSigner(byte[] masterKey) =>
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: Encoding.UTF8.GetBytes("careloop:url-signature:v1"));

    public static UrlSigner FromConfiguration(IConfiguration configuration) =>
        new(Convert.FromBase64String(configuration[SecretsValidator.DataEncryptionKey]
            ?? throw new InvalidOperationException($"{SecretsValidator.DataEncryptionKey} is not configured.")));

    public string Sign(string purpose, params string[] values) => WebEncoders.Base64UrlEncode(Mac(purpose, values));

    public bool Verify(string? signature, string purpose, params string[] values)
    {
        if (string.IsNullOrEmpty(signature) || signature.Length > 64)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = WebEncoders.Base64UrlDecode(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, Mac(purpose, values));
    }

    private byte[] Mac(string purpose, string[] values) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + "\n" + string.Join('\n', values)))[..16];
}
