using System.Security.Claims;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace CareLoop.Platform.Identity;

public sealed record TokenRequest(string? Tenant, string? UserName, string? Password);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

public sealed record MeResponse(Guid UserId, string UserName, string DisplayName, Guid TenantId, string Tenant, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions);

public sealed record CreateTokenRequest(string? Name, int ExpiresInDays = 90);

public sealed record CreatedTokenResponse(Guid Id, string AccessToken, DateTimeOffset ExpiresAt);

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueTokenAsync)
            .AllowAnonymous()
            .WithTags("Auth")
            .WithSummary("Exchange tenant, user name and password for a bearer token (1 hour).");

        api.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(Me(user)))
            .WithTags("Auth")
            .RequireAuthorization(Permissions.DashboardView);

        var tokens = api.MapGroup("/me/tokens").WithTags("Auth").RequireAuthorization(Permissions.TokensManageOwn);
        tokens.MapGet("/", async (ClaimsPrincipal user, ApiTokenService service, CancellationToken ct) =>
            TypedResults.Ok(await service.ListPersonalAsync(user.UserId()!.Value, ct)));
        tokens.MapPost("/", async (CreateTokenRequest body, ClaimsPrincipal user, ApiTokenService service, HttpContext http, CancellationToken ct) =>
            (await service.CreatePersonalAsync(user.UserId()!.Value, body.Name, body.ExpiresInDays, ct))
                .ToHttp(http, t => TypedResults.Created($"/api/v1/me/tokens/{t.Id}", new CreatedTokenResponse(t.Id, t.AccessToken, t.ExpiresAt))));
        tokens.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, ApiTokenService service, HttpContext http, CancellationToken ct) =>
            (await service.RevokeAsync(user.UserId()!.Value, id, ct)).ToHttp(http, TypedResults.NoContent));
        return api;
    }

    /// <summary>Sign-out for the UI: a form post with an antiforgery token.</summary>
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (SignInManager<StaffUser> signIn, IAuditLog audit, CareLoopDbContext db, ClaimsPrincipal user) =>
            {
                if (user.Identity?.IsAuthenticated == true)
                {
                    audit.Record("auth.signed-out", nameof(StaffUser), user.UserId()?.ToString());
                    await db.SaveChangesAsync();
                }

                await signIn.SignOutAsync();
                return TypedResults.LocalRedirect("/login");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> IssueTokenAsync(TokenRequest body, CredentialCheck credentials, ApiTokenService tokens, HttpContext http, CancellationToken ct)
    {
        var verified = await credentials.VerifyAsync(body.Tenant, body.UserName, body.Password, ct);
        if (!verified.IsSuccess)
        {
            return http.Problem(verified.Error!);
        }

        var issued = await tokens.IssueSessionAsync(verified.Value!, ct);
        return TypedResults.Ok(new TokenResponse(issued.AccessToken, "Bearer", issued.ExpiresIn));
    }

    public static MeResponse Me(ClaimsPrincipal user)
    {
        var roles = user.RolesOf().ToArray();
        return new MeResponse(
            user.UserId() ?? Guid.Empty,
            user.Identity?.Name ?? "",
            user.FindFirstValue(Tenancy.CareLoopClaims.DisplayName) ?? "",
            Guid.TryParse(user.FindFirstValue(Tenancy.CareLoopClaims.TenantId), out var t) ? t : Guid.Empty,
            user.FindFirstValue(Tenancy.CareLoopClaims.TenantSlug) ?? "",
            roles,
            RolePermissions.For(roles).Order(StringComparer.Ordinal).ToArray());
    }
}
