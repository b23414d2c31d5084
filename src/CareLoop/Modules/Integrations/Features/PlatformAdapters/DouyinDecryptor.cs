using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace CareLoop.Modules.Integrations.Features.PlatformAdapters;

/// <summary>One ciphertext to decrypt, as Douyin's <c>order.batchDecrypt</c> takes it (the order id authorises it).</summary>
public sealed record CipherInfo([property: JsonPropertyName("auth_id")] string AuthId, [property: JsonPropertyName("cipher_text")] string CipherText);

/// <summary>One answer of <c>order.batchDecrypt</c>: the plain text, or an error number (e.g. 300008: order not authorised).</summary>
public sealed record DecryptInfo(
    [property: JsonPropertyName("auth_id")] string AuthId,
    [property: JsonPropertyName("cipher_text")] string CipherText,
    [property: JsonPropertyName("decrypt_text")] string? DecryptText,
    [property: JsonPropertyName("err_no")] int ErrNo,
    [property: JsonPropertyName("err_msg")] string? ErrMsg);

/// <summary>
/// The port to Douyin's (抖店) decryption service. Douyin sends the buyer's name (<c>#…#</c>), phone (<c>$…$</c>) and
/// address detail (<c>~…~</c>) encrypted; only Douyin can decrypt them, per order, and every call is logged on its
/// side. CareLoop keeps the ciphertext in the raw payload and decrypts only to put the buyer on file (phone encrypted
/// at rest like any phone, ADR 0008); plain text is never stored elsewhere or logged.
/// </summary>
public interface IDouyinDecryptor
{
    Task<IReadOnlyList<DecryptInfo>> BatchDecryptAsync(IReadOnlyList<CipherInfo> cipherInfos, CancellationToken cancellationToken);
}

/// <summary>
/// The local adapter (development and tests): Douyin's ciphertext shapes, sealed with AES-GCM under a sandbox key
/// (<c>Integrations:Douyin:SandboxKey</c>, base64 32 bytes; random per process when unset), so the whole path runs
/// here as it would against Douyin. A production deployment registers an adapter that calls <c>order.batchDecrypt</c>.
/// </summary>
public sealed class LocalDouyinDecryptor : IDouyinDecryptor
{
    private readonly byte[] _key;

    public LocalDouyinDecryptor(IConfiguration configuration) =>
        _key = configuration["Integrations:Douyin:SandboxKey"] is { Length: > 0 } configured ? Convert.FromBase64String(configured) : RandomNumberGenerator.GetBytes(32);

    /// <summary>Encrypts as Douyin would: <c>$…$</c> for a phone, <c>#…#</c> for a name, <c>~…~</c> for an address.</summary>
    public string Encrypt(string plain, char marker)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var data = Encoding.UTF8.GetBytes(plain);
        var cipher = new byte[data.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(_key, 16))
        {
            aes.Encrypt(nonce, data, cipher, tag);
        }

        return $"{marker}{Convert.ToBase64String([.. nonce, .. tag, .. cipher])}{marker}1{marker}";
    }

    public Task<IReadOnlyList<DecryptInfo>> BatchDecryptAsync(IReadOnlyList<CipherInfo> cipherInfos, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DecryptInfo>>(cipherInfos.Select(Decrypt).ToList());

    private DecryptInfo Decrypt(CipherInfo info)
    {
        try
        {
            var body = info.CipherText[1..].Split(info.CipherText[0])[0];
            var bytes = Convert.FromBase64String(body);
            if (bytes.Length < 28)
            {
                throw new FormatException("Too short for a nonce and a tag.");
            }

            var plain = new byte[bytes.Length - 28];
            using var aes = new AesGcm(_key, 16);
            aes.Decrypt(bytes[..12], bytes[28..], bytes[12..28], plain);
            return new DecryptInfo(info.AuthId, info.CipherText, Encoding.UTF8.GetString(plain), 0, "success");
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException or IndexOutOfRangeException)
        {
            return new DecryptInfo(info.AuthId, info.CipherText, null, 300003, "decrypt failed");
        }
    }
}
