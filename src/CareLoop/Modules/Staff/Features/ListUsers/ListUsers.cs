using System.Linq.Expressions;
using System.Security.Claims;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Staff.Features.ListUsers;

public sealed record UserRow(
    Guid Id, string UserName, string DisplayName, string? Email, string? Mobile, IReadOnlyList<string> Roles, bool Locked,
    DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);

public sealed class ListUsersHandler(CareLoopDbContext db, TimeProvider time)
{
    public async Task<Result<Page<UserRow>>> HandleAsync(
        ClaimsPrincipal actor, string? search, string? role, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.UsersRead))
        {
            return Error.Forbidden();
        }

        var term = search?.Trim().ToUpperInvariant();
        var rows = await QueryAsync(
            string.IsNullOrEmpty(term) ? null : u => u.NormalizedUserName!.Contains(term) || u.DisplayName.Contains(search!.Trim()),
            cancellationToken);
        if (!string.IsNullOrWhiteSpace(role))
        {
            rows = rows.Where(r => r.Roles.Contains(role)).ToList();
        }

        var size = Math.Clamp(pageSize ?? Paging.DefaultPageSize, 1, Paging.MaxPageSize);
        var p = Math.Max(1, page ?? 1);
        return new Page<UserRow>(rows.Skip((p - 1) * size).Take(size).ToList(), p, size, rows.Count);
    }

    /// <summary>Users of the current tenant with their roles, newest first.</summary>
    internal async Task<List<UserRow>> QueryAsync(Expression<Func<StaffUser, bool>>? filter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var users = filter is null ? db.Users : db.Users.Where(filter);
        var list = await users
            .OrderByDescending(u => u.CreatedAt)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.Email, u.MobileMasked, u.LockoutEnd, u.CreatedAt, u.LastSignInAt,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(cancellationToken);
        return list
            .Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.Email, u.MobileMasked, u.Roles, u.LockoutEnd > now, u.CreatedAt, u.LastSignInAt))
            .ToList();
    }
}

public static class ListUsersEndpoint
{
    public static void MapListUsers(this RouteGroupBuilder users) =>
        users.MapGet("/", async (string? search, string? role, int? page, int? pageSize, ClaimsPrincipal user, ListUsersHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, search, role, page, pageSize, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.UsersRead)
            .WithSummary("Staff users of the tenant with their roles.");
}
