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
    SignInManager<StaffUser> signIn,
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
        var user = await signIn.UserManager.FindByIdAsync(token.UserId.ToString());
        if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
        {
            return AuthenticateResult.Fail("The token's user is locked or gone.");
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedGranularity)
        {
            token.MarkUsed(now);
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiTokenDefaults.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
