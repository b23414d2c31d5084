using CareLoop.Platform.Auditing;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Platform.Identity;

/// <summary>Tenant + user name + password → user, with lockout. Shared by the sign-in page and the token endpoint.</summary>
public sealed class CredentialCheck(
    CareLoopDbContext db, TenantContext tenant, SignInManager<StaffUser> signIn, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<StaffUser>> VerifyAsync(string? tenantSlug, string? userName, string? password, CancellationToken cancellationToken)
    {
        var invalid = new Validation()
            .Required("tenant", tenantSlug)
            .Required("userName", userName)
            .Required("password", password)
            .MaxLength("tenant", tenantSlug, 64)
            .MaxLength("userName", userName, 256)
            .ToError();
        if (invalid is not null)
        {
            return invalid;
        }

        var entered = await EnterTenantAsync(tenantSlug!, cancellationToken);
        if (!entered.IsSuccess)
        {
            return entered.Error!;
        }

        var user = await signIn.UserManager.FindByNameAsync(userName!.Trim());
        if (user is null)
        {
            return new Error(ErrorCodes.InvalidCredentials, StatusCodes.Status401Unauthorized);
        }

        return await CheckPasswordAsync(user, password!, cancellationToken);
    }

    /// <summary>Finds the active tenant by its slug and makes it the request's tenant (the user lookups that follow are filtered by it).</summary>
    public async Task<Result<Guid>> EnterTenantAsync(string tenantSlug, CancellationToken cancellationToken)
    {
        var slug = tenantSlug.Trim().ToLowerInvariant();
        var found = await db.Tenants.Where(t => t.Slug == slug && t.IsActive).Select(t => new { t.Id, t.Slug }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return new Error(ErrorCodes.UnknownTenant, StatusCodes.Status400BadRequest, null, slug);
        }

        tenant.Set(found.Id, found.Slug);
        return found.Id;
    }

    /// <summary>The user's password, with lockout after repeated failures; every failure and lockout audited.</summary>
    public async Task<Result<StaffUser>> CheckPasswordAsync(StaffUser user, string password, CancellationToken cancellationToken)
    {
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            audit.Record(user.TenantId, user.Id, user.UserName!, "auth.locked-out", "StaffUser", user.Id.ToString());
            await db.SaveChangesAsync(cancellationToken);
            return new Error(ErrorCodes.AccountLocked, StatusCodes.Status401Unauthorized);
        }

        if (!check.Succeeded)
        {
            audit.Record(user.TenantId, user.Id, user.UserName!, "auth.sign-in-failed", "StaffUser", user.Id.ToString());
            await db.SaveChangesAsync(cancellationToken);
            return new Error(ErrorCodes.InvalidCredentials, StatusCodes.Status401Unauthorized);
        }

        user.RecordSignIn(time.GetUtcNow());
        return user;
    }
}
