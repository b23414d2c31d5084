using CareLoop.Modules.Customers.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Field.Features.SignIn;

public sealed record MobileCodeRequest(string? Tenant, string? Mobile);

/// <summary>The mobile with either the password or the SMS code just sent to it.</summary>
public sealed record MobileSignInRequest(string? Tenant, string? Mobile, string? Password = null, string? Code = null);

/// <summary>
/// The engineer signs in on the phone with the mobile number a tenant admin set on their account, and either the
/// password or a one-time SMS code (the shared one-time codes: one a minute, five wrong tries lock it). A number that
/// is not an account's gets the same answer as one that is, and no SMS, so the form does not tell who works here.
/// The session then stays on the device for <see cref="StaySignedIn"/>, renewed while used (ADR 0020).
/// </summary>
public sealed class MobileSignInHandler(
    CareLoopDbContext db, CredentialCheck credentials, SignInManager<StaffUser> signIn, PersonalDataProtector protector, IPhoneCodes codes,
    IAuditLog audit, TimeProvider time)
{
    public const string Purpose = "mobile-sign-in";
    public const string Template = "MobileSignIn";
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan StaySignedIn = TimeSpan.FromDays(30);

    public async Task<Result<CodeSent>> SendCodeAsync(MobileCodeRequest request, CancellationToken cancellationToken)
    {
        var found = await FindAsync(request.Tenant, request.Mobile, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var (mobile, user) = found.Value!;
        if (user is null)
        {
            return new CodeSent(mobile.Masked, (int)CodeLifetime.TotalSeconds, 60);
        }

        return await codes.SendToPhoneAsync(mobile.E164, Purpose, CodeLifetime, Template, new Dictionary<string, string>(), cancellationToken);
    }

    /// <summary>Checks the password or code; on success the caller signs the user in (cookie, see <see cref="SignInAsync"/>, or a bearer token).</summary>
    public async Task<Result<StaffUser>> VerifyAsync(MobileSignInRequest request, CancellationToken cancellationToken)
    {
        var byCode = !string.IsNullOrWhiteSpace(request.Code);
        if (!byCode && string.IsNullOrEmpty(request.Password))
        {
            return new Validation().Add("password", ErrorCodes.Required).ToError()!;
        }

        var found = await FindAsync(request.Tenant, request.Mobile, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var (mobile, user) = found.Value!;
        if (user is null)
        {
            return byCode ? new Validation().Add("code", ErrorCodes.VerificationWrong).ToError()! : new Error(ErrorCodes.InvalidCredentials, StatusCodes.Status401Unauthorized);
        }

        if (!byCode)
        {
            var checkedPassword = await credentials.CheckPasswordAsync(user, request.Password!, cancellationToken);
            if (!checkedPassword.IsSuccess)
            {
                return checkedPassword.Error!;
            }
        }
        else if (await signIn.UserManager.IsLockedOutAsync(user))
        {
            return new Error(ErrorCodes.AccountLocked, StatusCodes.Status401Unauthorized);
        }
        else if (await codes.VerifyPhoneAsync(mobile.E164, Purpose, request.Code!.Trim(), "code", cancellationToken) is { } wrong)
        {
            audit.Record(user.TenantId, user.Id, user.UserName!, "auth.sign-in-failed", nameof(StaffUser), user.Id.ToString(), new { method = "sms-code" });
            await db.SaveChangesAsync(cancellationToken);
            return wrong;
        }
        else
        {
            user.RecordSignIn(time.GetUtcNow());
        }

        return user;
    }

    /// <summary>Signs in with a cookie that stays on this device (<paramref name="remember"/>) for <see cref="StaySignedIn"/>, renewed while used.</summary>
    public async Task SignInAsync(StaffUser user, bool remember, string method, CancellationToken cancellationToken)
    {
        var properties = new AuthenticationProperties { IsPersistent = remember, AllowRefresh = true };
        if (remember)
        {
            properties.IssuedUtc = time.GetUtcNow();
            properties.ExpiresUtc = properties.IssuedUtc + StaySignedIn;
        }

        await signIn.SignInAsync(user, properties, method);
        audit.Record(user.TenantId, user.Id, user.UserName!, "auth.signed-in", nameof(StaffUser), user.Id.ToString(), new { method, device = "mobile" });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<Result<(SealedPhone Mobile, StaffUser? User)>> FindAsync(string? tenantSlug, string? mobile, CancellationToken cancellationToken)
    {
        var invalid = new Validation().Required("tenant", tenantSlug).MaxLength("tenant", tenantSlug, 64).Required("mobile", mobile).ToError();
        if (invalid is not null)
        {
            return invalid;
        }

        var entered = await credentials.EnterTenantAsync(tenantSlug!, cancellationToken);
        if (!entered.IsSuccess)
        {
            return entered.Error!;
        }

        if (protector.SealPhone(entered.Value, mobile) is not { } sealedPhone)
        {
            return new Validation().Add("mobile", ErrorCodes.InvalidPhone).ToError()!;
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.MobileIndex == sealedPhone.BlindIndex, cancellationToken);
        return (sealedPhone, user);
    }
}
