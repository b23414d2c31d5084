using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace CareLoop.Platform.Identity;

/// <summary>A permission is granted when any of the user's roles grants it in <see cref="RolePermissions"/>.</summary>
public sealed class PermissionRequirement(string permission) : IAuthorizationRequirement
{
    public string Permission { get; } = permission;
}

internal sealed class PermissionAuthorizationHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.HasPermission(requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class PrincipalExtensions
{
    public static IEnumerable<string> RolesOf(this ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Select(c => c.Value);

    public static bool HasPermission(this ClaimsPrincipal user, string permission) =>
        RolePermissions.For(user.RolesOf()).Contains(permission);

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The name people know the user by (e.g. 派单员 赵强), for timelines and records; the login name when absent.</summary>
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(Tenancy.CareLoopClaims.DisplayName) ?? user.Identity?.Name ?? "";
}
