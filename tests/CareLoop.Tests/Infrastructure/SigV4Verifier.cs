using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CareLoop.Tests.Infrastructure;

/// <summary>An S3 error as the service reports it: HTTP status, <c>&lt;Code&gt;</c> and <c>&lt;Message&gt;</c>, plus extra elements.</summary>
public sealed record S3Error(int Status, string Code, string Message, IReadOnlyDictionary<string, string>? Details = null);

/// <summary>
/// Checks an AWS Signature Version 4 <c>Authorization</c> header the way S3 does: it rebuilds the canonical request from
/// what arrived (method, path and query re-encoded from their decoded form, the signed headers, the payload hash), derives
/// the signing key from the secret and compares signatures. Only header-based signing with a whole-body payload hash or
/// <c>UNSIGNED-PAYLOAD</c>; streaming (aws-chunked) signatures are refused as not implemented.
/// </summary>
public sealed class SigV4Verifier(string accessKey, string secretKey, string region, TimeProvider time)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    /// <summary>Null when the request is signed by the configured key; otherwise the error S3 would answer.</summary>
    public S3Error? Verify(HttpRequest request, string rawTarget, byte[] body)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return new S3Error(403, "AccessDenied", "Anonymous access is forbidden for this operation.");
        }

        var parts = authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaderList) ||
            !parts.TryGetValue("Signature", out var signature))
        {
            return Malformed("The authorization header is malformed; it must have Credential, SignedHeaders and Signature.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[3] != "s3" || scope[4] != "aws4_request")
        {
            return Malformed($"The credential '{credential}' is malformed.");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(scope[0]), Encoding.UTF8.GetBytes(accessKey)))
        {
            return new S3Error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
        }

        if (scope[2] != region)
        {
            return Malformed($"The authorization header is malformed; the region '{scope[2]}' is wrong; expecting '{region}'.");
        }

        var amzDate = request.Headers["x-amz-date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt) ||
            !amzDate.StartsWith(scope[1], StringComparison.Ordinal))
        {
            return new S3Error(403, "AccessDenied", "AWS authentication requires a valid x-amz-date matching the credential scope.");
        }

        if ((time.GetUtcNow() - signedAt).Duration() > MaxSkew)
        {
            return new S3Error(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.");
        }

        var signedHeaders = signedHeaderList.Split(';');
        if (!signedHeaders.Contains("host") || !signedHeaders.SequenceEqual(signedHeaders.Order(StringComparer.Ordinal)) ||
            request.Headers.Keys.Any(h => h.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase) && !signedHeaders.Contains(h.ToLowerInvariant())))
        {
            return new S3Error(403, "AccessDenied", "There were headers present in the request which were not signed, or the host header was not signed.");
        }

        var payloadHash = request.Headers["x-amz-content-sha256"].ToString();
        if (payloadHash.Length == 0)
        {
            return new S3Error(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256.");
        }

        if (payloadHash.StartsWith("STREAMING-", StringComparison.Ordinal))
        {
            return new S3Error(501, "NotImplemented", $"This peer does not implement streaming payload signing ({payloadHash}).");
        }

        if (payloadHash != UnsignedPayload && payloadHash != Convert.ToHexStringLower(SHA256.HashData(body)))
        {
            return new S3Error(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        var canonicalRequest = string.Join('\n',
            request.Method,
            CanonicalPath(rawTarget),
            CanonicalQuery(rawTarget),
            string.Concat(signedHeaders.Select(h => h + ":" + CanonicalHeaderValue(request, h) + "\n")),
            signedHeaderList,
            payloadHash);
        var credentialScope = string.Join('/', scope[1..]);
        var stringToSign = string.Join('\n', Algorithm, amzDate, credentialScope, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var expected = Convert.ToHexStringLower(Hmac(SigningKey(scope[1]), stringToSign));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return new S3Error(403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                new Dictionary<string, string> { ["AWSAccessKeyId"] = scope[0], ["StringToSign"] = stringToSign, ["CanonicalRequest"] = canonicalRequest });
        }

        return null;
    }

    /// <summary>RFC 3986 encoding as SigV4 defines it: unreserved characters as they are, everything else as %XX of its UTF-8 bytes.</summary>
    public static string UriEncode(string value, bool keepSlash)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string CanonicalPath(string rawTarget)
    {
        var path = rawTarget.Split('?', 2)[0];
        return path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(s => UriEncode(Uri.UnescapeDataString(s), keepSlash: false)));
    }

    private static string CanonicalQuery(string rawTarget)
    {
        var query = rawTarget.Split('?', 2) is [_, var q] ? q : "";
        return string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: UriEncode(Uri.UnescapeDataString(p[0]), false), Value: UriEncode(Uri.UnescapeDataString(p.Length == 2 ? p[1] : ""), false)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }

    private static string CanonicalHeaderValue(HttpRequest request, string name) =>
        string.Join(',', request.Headers[name].Select(v => string.Join(' ', (v ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))));

    private byte[] SigningKey(string date)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, "s3");
        return Hmac(key, "aws4_request");
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static S3Error Malformed(string message) => new(400, "AuthorizationHeaderMalformed", message);
}
