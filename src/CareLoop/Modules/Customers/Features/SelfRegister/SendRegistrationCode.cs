using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Messaging;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareLoop.Modules.Customers.Features.SelfRegister;

public sealed record SendCodeRequest(string? Phone);

public sealed record CodeSent(string MaskedPhone, int ExpiresInSeconds, int ResendAfterSeconds);

/// <summary>
/// Sends a one-time code by SMS to the phone a customer typed. At most one code a minute and ten a day per phone
/// (SMS bombing costs the brand money and annoys whoever owns the number).
/// </summary>
public sealed class SendRegistrationCodeHandler(
    CareLoopDbContext db, ITenantContext tenant, PhoneVault vault, ISmsGateway sms, IOptions<SmsOptions> smsOptions, TimeProvider time)
{
    public const string Purpose = "unit-registration";

    public async Task<Result<CodeSent>> HandleAsync(SendCodeRequest request, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequireTenantId();
        if (vault.Seal(tenantId, request.Phone) is not { } phone)
        {
            return new Validation().Add("phone", ErrorCodes.InvalidPhone).ToError()!;
        }

        var now = time.GetUtcNow();
        var recent = await db.Set<PhoneVerification>()
            .Where(v => v.PhoneIndex == phone.BlindIndex && v.Purpose == Purpose && v.CreatedAt > now.AddDays(-1))
            .Select(v => v.CreatedAt)
            .ToListAsync(cancellationToken);
        if (recent.Count > 0 && recent.Max() + CustomerRules.VerificationResendInterval > now)
        {
            var wait = (int)Math.Ceiling((recent.Max() + CustomerRules.VerificationResendInterval - now).TotalSeconds);
            return new Error(ErrorCodes.CodeRecentlySent, StatusCodes.Status429TooManyRequests, null, wait);
        }

        if (recent.Count >= CustomerRules.VerificationMaxPerDay)
        {
            return new Error(ErrorCodes.TooManyRequests, StatusCodes.Status429TooManyRequests);
        }

        var (verification, code) = PhoneVerification.Issue(tenantId, phone.BlindIndex, Purpose, now);
        db.Add(verification);
        await db.SaveChangesAsync(cancellationToken);

        var options = smsOptions.Value;
        await sms.SendAsync(new SmsRequest(phone.E164, options.SignName, options.Templates.GetValueOrDefault("VerificationCode", "VerificationCode"),
            new Dictionary<string, string> { ["code"] = code, ["minutes"] = ((int)CustomerRules.VerificationCodeLifetime.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            verification.Id.ToString("N")), cancellationToken);
        return new CodeSent(phone.Masked, (int)CustomerRules.VerificationCodeLifetime.TotalSeconds, (int)CustomerRules.VerificationResendInterval.TotalSeconds);
    }
}
