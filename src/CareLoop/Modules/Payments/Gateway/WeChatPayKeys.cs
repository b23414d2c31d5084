using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace CareLoop.Modules.Payments.Gateway;

/// <summary>
/// The keys that make a notification trustworthy: WeChat Pay's platform public key (checks <c>Wechatpay-Signature</c>)
/// and the merchant's APIv3 key (decrypts the resource). Outside Development both come from configuration (checked at
/// start by <c>SecretsValidator</c>); in Development a key pair and an APIv3 key are made at start and never written
/// anywhere, and the private half lets the local adapter sign the notifications it simulates.
/// </summary>
public sealed class WeChatPayKeys : IDisposable
{
    private readonly RSA _platform;

    public WeChatPayKeys(IOptions<WeChatPayOptions> options, IHostEnvironment environment)
    {
        var o = options.Value;
        _platform = RSA.Create(2048);
        if (!string.IsNullOrWhiteSpace(o.PlatformPublicKey) && !string.IsNullOrWhiteSpace(o.ApiV3Key))
        {
            _platform.ImportFromPem(o.PlatformPublicKey);
            ApiV3Key = System.Text.Encoding.ASCII.GetBytes(o.ApiV3Key);
            Serial = o.PlatformSerial ?? "";
            CanSign = false;
        }
        else if (environment.IsDevelopment())
        {
            ApiV3Key = System.Text.Encoding.ASCII.GetBytes(RandomNumberGenerator.GetHexString(32, lowercase: true));
            Serial = RandomNumberGenerator.GetHexString(40);
            CanSign = true;
        }
        else
        {
            throw new InvalidOperationException("Payments:WeChat:PlatformPublicKey and Payments:WeChat:ApiV3Key are required outside Development.");
        }
    }

    /// <summary>32 bytes: the AES-256-GCM key of notification resources.</summary>
    public byte[] ApiV3Key { get; }

    public string Serial { get; }

    /// <summary>True only for the generated development pair (the private key is at hand).</summary>
    public bool CanSign { get; }

    public bool Verify(string message, string signatureBase64)
    {
        var signature = new byte[512];
        return Convert.TryFromBase64String(signatureBase64, signature, out var length) &&
               _platform.VerifyData(System.Text.Encoding.UTF8.GetBytes(message), signature.AsSpan(0, length), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>Signs as WeChat Pay's platform would (Development only: the local adapter's simulated notifications).</summary>
    public string Sign(string message) => CanSign
        ? Convert.ToBase64String(_platform.SignData(System.Text.Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        : throw new InvalidOperationException("Only the development key pair signs.");

    public void Dispose() => _platform.Dispose();
}
