using System.Security.Claims;
using CareLoop.Modules.Staff.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Staff.Features.LockUser;

public sealed record LockUserRequest(bool Locked);

/// <summary>Locks an account (it can neither sign in nor use its tokens) or unlocks it.</summary>
public sealed class LockUserHandler(CareLoopDbContext db, UserManager<StaffUser> users, IAuditLog audit)
{
    public async Task<Result> HandleAsync(ClaimsPrincipal actor, Guid userId, bool locked, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.UsersManage))
        {
            return Error.Forbidden();
        }

        if (StaffRules.CannotLockYourself(actor.UserId() ?? Guid.Empty, userId, locked))
        {
            return Error.BadRequest(ErrorCodes.CannotLockYourself);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Error.NotFound();
        }

        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked)
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        // A locked account's session cookies stop working at the next security-stamp check.
        await users.UpdateSecurityStampAsync(user);
        audit.Record(locked ? "user.locked" : "user.unlocked", nameof(StaffUser), user.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}

public static class LockUserEndpoint
{
    public static void MapLockUser(this RouteGroupBuilder users) =>
        users.MapPost("/{id:guid}/lock", async (Guid id, LockUserRequest body, ClaimsPrincipal user, LockUserHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body.Locked, ct)).ToHttp(http, TypedResults.NoContent))
            .RequireAuthorization(Permissions.UsersManage)
            .WithSummary("Lock or unlock a staff user.");
}
