using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace CareLoop.Modules.Payments.Gateway;

/// <summary>WeChat Pay v3's notification as it arrives: the envelope, and the encrypted resource inside.</summary>
public sealed record WeChatNotification(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("create_time")] string? CreateTime,
    [property: JsonPropertyName("event_type")] string? EventType,
    [property: JsonPropertyName("resource_type")] string? ResourceType,
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("resource")] WeChatResource? Resource);

public sealed record WeChatResource(
    [property: JsonPropertyName("original_type")] string? OriginalType,
    [property: JsonPropertyName("algorithm")] string? Algorithm,
    [property: JsonPropertyName("ciphertext")] string? Ciphertext,
    [property: JsonPropertyName("associated_data")] string? AssociatedData,
    [property: JsonPropertyName("nonce")] string? Nonce);

/// <summary>The decrypted resource of a <c>TRANSACTION.SUCCESS</c> notification (the fields we use).</summary>
public sealed record WeChatTransaction(
    [property: JsonPropertyName("appid")] string? AppId,
    [property: JsonPropertyName("mchid")] string? MchId,
    [property: JsonPropertyName("out_trade_no")] string? OutTradeNo,
    [property: JsonPropertyName("transaction_id")] string? TransactionId,
    [property: JsonPropertyName("trade_type")] string? TradeType,
    [property: JsonPropertyName("trade_state")] string? TradeState,
    [property: JsonPropertyName("success_time")] string? SuccessTime,
    [property: JsonPropertyName("amount")] WeChatPaidAmount? Amount);

public sealed record WeChatPaidAmount(
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("payer_total")] long PayerTotal,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("payer_currency")] string? PayerCurrency);

/// <summary>The two pieces of WeChat Pay v3 cryptography a notification needs: the signed message and AEAD_AES_256_GCM.</summary>
public static class WeChatPayCrypto
{
    public const string Algorithm = "AEAD_AES_256_GCM";
    private const int TagBytes = 16;

    /// <summary>What <c>Wechatpay-Signature</c> signs: "timestamp\nnonce\nbody\n".</summary>
    public static string SignedMessage(string timestamp, string nonce, string body) => timestamp + "\n" + nonce + "\n" + body + "\n";

    /// <summary>Decrypts a resource: the ciphertext is base64 of the encrypted bytes followed by the 16-byte tag. Null when it does not authenticate.</summary>
    public static string? Decrypt(byte[] apiV3Key, WeChatResource resource)
    {
        if (resource.Algorithm != Algorithm || resource.Ciphertext is null || resource.Nonce is null)
        {
            return null;
        }

        try
        {
            var sealedBytes = Convert.FromBase64String(resource.Ciphertext);
            if (sealedBytes.Length < TagBytes)
            {
                return null;
            }

            var cipher = sealedBytes.AsSpan(0, sealedBytes.Length - TagBytes);
            var tag = sealedBytes.AsSpan(sealedBytes.Length - TagBytes);
            var plain = new byte[cipher.Length];
            using var aes = new AesGcm(apiV3Key, TagBytes);
            aes.Decrypt(Encoding.UTF8.GetBytes(resource.Nonce), cipher, tag, plain, Encoding.UTF8.GetBytes(resource.AssociatedData ?? ""));
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Encrypts as WeChat Pay does (the local adapter's simulated notifications).</summary>
    public static WeChatResource Encrypt(byte[] apiV3Key, string plaintext, string associatedData, string nonce)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[plain.Length + TagBytes];
        using var aes = new AesGcm(apiV3Key, TagBytes);
        aes.Encrypt(Encoding.UTF8.GetBytes(nonce), plain, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), Encoding.UTF8.GetBytes(associatedData));
        return new WeChatResource("transaction", Algorithm, Convert.ToBase64String(sealedBytes), associatedData, nonce);
    }
}
