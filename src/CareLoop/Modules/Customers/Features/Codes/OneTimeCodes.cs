using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Messaging;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareLoop.Modules.Customers.Features.Codes;

/// <summary>
/// One-time SMS codes for any purpose (self-registration, a job's completion code): at most one a minute and ten a
/// day per phone and purpose (SMS bombing costs the brand money and annoys whoever owns the number), only a hash kept,
/// the latest code checked, a wrong try saved even when the caller's request fails, five wrong tries lock the code.
/// </summary>
public sealed class OneTimeCodes(CareLoopDbContext db, ITenantContext tenant, PhoneVault vault, ISmsGateway sms, IOptions<SmsOptions> smsOptions, TimeProvider time)
    : ICustomerCodes, IPhoneCodes
{
    public async Task<Result<CodeSent>> SendToPhoneAsync(
        string phone, string purpose, TimeSpan lifetime, string template, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken) =>
        vault.Seal(tenant.RequireTenantId(), phone) is { } sealedPhone
            ? await SendAsync(sealedPhone, purpose, lifetime, template, parameters, cancellationToken)
            : new Validation().Add("mobile", ErrorCodes.InvalidPhone).ToError()!;

    public Task<Error?> VerifyPhoneAsync(string phone, string purpose, string? code, string field, CancellationToken cancellationToken) =>
        vault.IndexOf(tenant.RequireTenantId(), phone) is { } index
            ? VerifyAsync(index, purpose, code, field, cancellationToken)
            : Task.FromResult(new Validation().Add(field, ErrorCodes.VerificationWrong).ToError());

    public async Task<Result<CodeSent>> SendAsync(PhoneVault.Sealed phone, string purpose, TimeSpan lifetime, string template, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var recent = await db.Set<PhoneVerification>()
            .Where(v => v.PhoneIndex == phone.BlindIndex && v.Purpose == purpose && v.CreatedAt > now.AddDays(-1))
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

        var (verification, code) = PhoneVerification.Issue(tenant.RequireTenantId(), phone.BlindIndex, purpose, lifetime, now);
        db.Add(verification);
        await db.SaveChangesAsync(cancellationToken);

        var options = smsOptions.Value;
        var templateParams = new Dictionary<string, string>(parameters) { ["code"] = code };
        await sms.SendAsync(new SmsRequest(phone.E164, options.SignName, options.Templates.GetValueOrDefault(template, template), templateParams, verification.Id.ToString("N")), cancellationToken);
        return new CodeSent(phone.Masked, (int)lifetime.TotalSeconds, (int)CustomerRules.VerificationResendInterval.TotalSeconds);
    }

    /// <summary>Checks the latest code sent to the phone for the purpose; null when it matches (and is now used up).</summary>
    public async Task<Error?> VerifyAsync(string phoneIndex, string purpose, string? code, string field, CancellationToken cancellationToken)
    {
        var verification = await db.Set<PhoneVerification>()
            .Where(x => x.PhoneIndex == phoneIndex && x.Purpose == purpose)
            .OrderByDescending(x => x.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var outcome = verification?.Verify(code, time.GetUtcNow()) ?? VerificationOutcome.Wrong;
        if (outcome == VerificationOutcome.Verified)
        {
            return null;
        }

        if (verification is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return new Validation().Add(field, outcome switch
        {
            VerificationOutcome.Expired => ErrorCodes.VerificationExpired,
            VerificationOutcome.Locked => ErrorCodes.VerificationLocked,
            _ => ErrorCodes.VerificationWrong,
        }).ToError();
    }

    public async Task<Result<CodeSent>> SendToCustomerAsync(
        Guid customerId, string purpose, TimeSpan lifetime, string template, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        if (await PrimaryPhoneAsync(customerId, cancellationToken) is not { } phone)
        {
            return new Validation().Add("customer", ErrorCodes.NoPhone).ToError()!;
        }

        var e164 = vault.Reveal(phone);
        return await SendAsync(new PhoneVault.Sealed(e164, phone.Cipher, phone.BlindIndex, phone.Masked), purpose, lifetime, template, parameters, cancellationToken);
    }

    public async Task<Error?> VerifyCustomerAsync(Guid customerId, string purpose, string? code, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return new Validation().Add(field, ErrorCodes.Required).ToError();
        }

        return await PrimaryPhoneAsync(customerId, cancellationToken) is { } phone
            ? await VerifyAsync(phone.BlindIndex, purpose, code, field, cancellationToken)
            : new Validation().Add("customer", ErrorCodes.NoPhone).ToError();
    }

    public async Task<CustomerCodeState?> LatestCustomerCodeAsync(Guid customerId, string purpose, CancellationToken cancellationToken)
    {
        if (await PrimaryPhoneAsync(customerId, cancellationToken) is not { } phone ||
            await db.Set<PhoneVerification>().AsNoTracking().Where(x => x.PhoneIndex == phone.BlindIndex && x.Purpose == purpose)
                .OrderByDescending(x => x.CreatedAt).FirstOrDefaultAsync(cancellationToken) is not { } latest)
        {
            return null;
        }

        var left = Math.Max(0, CustomerRules.VerificationMaxAttempts - latest.Attempts);
        return new CustomerCodeState(phone.Masked, left, left == 0 || latest.UsedAt is not null, time.GetUtcNow() >= latest.ExpiresAt, latest.ExpiresAt);
    }

    private async Task<CustomerPhone?> PrimaryPhoneAsync(Guid customerId, CancellationToken cancellationToken) =>
        await db.Set<CustomerPhone>().AsNoTracking().Where(p => p.CustomerId == customerId)
            .OrderByDescending(p => p.IsPrimary).ThenBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
}
