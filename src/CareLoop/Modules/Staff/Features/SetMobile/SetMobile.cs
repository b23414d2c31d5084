using System.Security.Claims;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Security;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Staff.Features.SetMobile;

/// <summary>The mobile to set; empty clears it (the account then signs in on the phone by user name only).</summary>
public sealed record SetMobileRequest(string? Mobile);

public sealed record MobileView(Guid UserId, string? Mobile);

/// <summary>Seals a staff mobile and checks it is not another account's in the tenant (sign-in finds the account by it).</summary>
public sealed class StaffMobiles(CareLoopDbContext db, ITenantContext tenant, PersonalDataProtector protector)
{
    /// <summary>Null for no mobile; adds a field error to <paramref name="validation"/> when the input is not a phone number.</summary>
    public SealedPhone? Seal(string? input, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var sealedPhone = protector.SealPhone(tenant.RequireTenantId(), input);
        if (sealedPhone is null)
        {
            validation.Add("mobile", ErrorCodes.InvalidPhone);
        }

        return sealedPhone;
    }

    public Task<bool> IsTakenAsync(SealedPhone mobile, Guid? exceptUserId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.MobileIndex == mobile.BlindIndex && u.Id != exceptUserId, cancellationToken);
}

/// <summary>A tenant admin sets or clears a staff member's mobile; audited (the number itself is not written to the audit).</summary>
public sealed class SetMobileHandler(CareLoopDbContext db, StaffMobiles mobiles, IAuditLog audit)
{
    public async Task<Result<MobileView>> HandleAsync(ClaimsPrincipal actor, Guid userId, SetMobileRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.UsersManage))
        {
            return Error.Forbidden();
        }

        var validation = new Validation();
        var mobile = mobiles.Seal(request.Mobile, validation);
        if (validation.ToError() is { } invalid)
        {
            return invalid;
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Error.NotFound();
        }

        if (mobile is not null && await mobiles.IsTakenAsync(mobile, user.Id, cancellationToken))
        {
            return Error.Conflict(ErrorCodes.PhoneTaken);
        }

        user.SetMobile(mobile);
        audit.Record("user.mobile-set", nameof(StaffUser), user.Id.ToString(), new { mobile = user.MobileMasked });
        await db.SaveChangesAsync(cancellationToken);
        return new MobileView(user.Id, user.MobileMasked);
    }
}

public static class SetMobileEndpoint
{
    public static void MapSetMobile(this RouteGroupBuilder users) =>
        users.MapPut("/{id:guid}/mobile", async (Guid id, SetMobileRequest body, ClaimsPrincipal user, SetMobileHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.UsersManage)
            .WithSummary("Set (or clear with an empty value) a staff member's mobile, used to sign in on the phone; answered masked.");
}
