using System.Security.Claims;
using System.Text.Encodings.Web;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareLoop.Platform.Identity;

public static class ApiTokenDefaults
{
    public const string Scheme = "ApiToken";
}

/// <summary>Authenticates <c>Authorization: Bearer clt_…</c> by the token's hash (docs/adr/0006).</summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CareLoopDbContext db,
    TenantContext tenant,
    IOptions<IdentityOptions> identity,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly TimeSpan LastUsedGranularity = TimeSpan.FromMinutes(5);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var plain = header["Bearer ".Length..].Trim();
        var now = time.GetUtcNow();
        // The token is what tells us the tenant, so this one lookup runs before any tenant is known.
        var hash = ApiToken.HashOf(plain);
        var token = await db.ApiTokens.IgnoreQueryFilters().SingleOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (token is null || !token.IsUsable(now))
        {
            return AuthenticateResult.Fail("The access token is invalid, expired or revoked.");
        }

        tenant.Set(token.TenantId, null);
        var user = await db.Users.Where(u => u.Id == token.UserId)
            .Select(u => new { u.Id, u.UserName, u.Email, u.DisplayName, u.LockoutEnabled, u.LockoutEnd, Slug = db.Tenants.Where(t => t.Id == u.TenantId).Select(t => t.Slug).Single() })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (user is null || (user.LockoutEnabled && user.LockoutEnd > now))
        {
            return AuthenticateResult.Fail("The token's user is locked or gone.");
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedGranularity)
        {
            token.MarkUsed(now);
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        // The same claims the cookie's principal carries (StaffClaimsPrincipalFactory), in three queries instead of
        // Identity's six: bearer requests are the API's hot path (docs/benchmarks.md). Permissions derive from roles.
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(Context.RequestAborted);
        var claims = await db.UserClaims.Where(c => c.UserId == user.Id).Select(c => new Claim(c.ClaimType!, c.ClaimValue!)).ToListAsync(Context.RequestAborted);
        var types = identity.Value.ClaimsIdentity;
        var principalIdentity = new ClaimsIdentity(ApiTokenDefaults.Scheme, types.UserNameClaimType, types.RoleClaimType);
        principalIdentity.AddClaim(new Claim(types.UserIdClaimType, user.Id.ToString()));
        principalIdentity.AddClaim(new Claim(types.UserNameClaimType, user.UserName!));
        if (user.Email is not null)
        {
            principalIdentity.AddClaim(new Claim(types.EmailClaimType, user.Email));
        }

        principalIdentity.AddClaims(roles.Select(r => new Claim(types.RoleClaimType, r)));
        principalIdentity.AddClaims(claims);
        principalIdentity.AddClaim(new Claim(CareLoopClaims.TenantId, token.TenantId.ToString()));
        principalIdentity.AddClaim(new Claim(CareLoopClaims.TenantSlug, user.Slug));
        principalIdentity.AddClaim(new Claim(CareLoopClaims.DisplayName, user.DisplayName));
        tenant.Set(token.TenantId, user.Slug);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(principalIdentity), ApiTokenDefaults.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
