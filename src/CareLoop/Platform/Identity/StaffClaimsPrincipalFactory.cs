using System.Security.Claims;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareLoop.Platform.Identity;

/// <summary>Adds the tenant and display name to the principal of a signed-in staff user.</summary>
internal sealed class StaffClaimsPrincipalFactory(
    UserManager<StaffUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options,
    CareLoopDbContext db)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var slug = await db.Tenants.Where(t => t.Id == user.TenantId).Select(t => t.Slug).SingleAsync();
        identity.AddClaim(new Claim(CareLoopClaims.TenantId, user.TenantId.ToString()));
        identity.AddClaim(new Claim(CareLoopClaims.TenantSlug, slug));
        identity.AddClaim(new Claim(CareLoopClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
