using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace CareLoop.Modules.Callbacks.Features.Survey;

/// <summary>What a survey link carries, sealed: whose callback, which link (the nonce), until when.</summary>
public sealed record SurveyTicket(Guid TenantId, Guid CallbackId, string Nonce, DateTimeOffset ExpiresAt);

/// <summary>
/// Survey links: <c>/s/{token}</c>, the token an authenticated encryption (ASP.NET Core Data Protection, keys in the
/// database) of tenant, callback, nonce and expiry, so it shows no id and cannot be edited. The expiry is checked
/// against <see cref="TimeProvider"/>; single use is the callback's business (the nonce must be the current one and
/// unanswered). See docs/adr/0024.
/// </summary>
public sealed class SurveyLinks(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("CareLoop.Callbacks.Survey.v1");

    public static string NewNonce() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(12));

    public static string PathFor(string token) => "/s/" + token;

    public string Seal(SurveyTicket ticket)
    {
        var payload = string.Join('|', ticket.TenantId.ToString("N"), ticket.CallbackId.ToString("N"), ticket.Nonce, ticket.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        return WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    /// <summary>The ticket, or null when the token was not made here (tampered, truncated, from another deployment).</summary>
    public SurveyTicket? Open(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))).Split('|');
            return parts.Length == 4 && Guid.TryParseExact(parts[0], "N", out var tenantId) && Guid.TryParseExact(parts[1], "N", out var callbackId) &&
                   long.TryParse(parts[3], System.Globalization.CultureInfo.InvariantCulture, out var expires)
                ? new SurveyTicket(tenantId, callbackId, parts[2], DateTimeOffset.FromUnixTimeSeconds(expires))
                : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
