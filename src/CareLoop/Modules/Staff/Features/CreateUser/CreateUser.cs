using System.Security.Claims;
using CareLoop.Modules.Staff.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Modules.Staff.Features.SetMobile;
using CareLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace CareLoop.Modules.Staff.Features.CreateUser;

/// <param name="Mobile">Optional; an engineer signs in on the phone with it (stored encrypted, unique in the tenant).</param>
public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Email, string? Password, IReadOnlyList<string>? Roles, string? Mobile = null);

public sealed record CreatedUser(Guid Id, string UserName);

/// <summary>A tenant admin creates a staff account with its roles; account, roles, audit and event commit together.</summary>
public sealed class CreateUserHandler(
    CareLoopDbContext db, UserManager<StaffUser> users, ITenantContext tenant, StaffMobiles mobiles, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<CreatedUser>> HandleAsync(ClaimsPrincipal actor, CreateUserRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.UsersManage))
        {
            return Error.Forbidden();
        }

        var roles = request.Roles ?? [];
        var validation = new Validation()
            .Required("userName", request.UserName)
            .MaxLength("userName", request.UserName, StaffRules.UserNameMaxLength)
            .Required("displayName", request.DisplayName)
            .MaxLength("displayName", request.DisplayName, StaffRules.DisplayNameMaxLength)
            .Required("password", request.Password)
            .MaxLength("email", request.Email, 256);
        if (!string.IsNullOrWhiteSpace(request.UserName) && !StaffRules.IsValidUserName(request.UserName.Trim()))
        {
            validation.Add("userName", ErrorCodes.InvalidFormat);
        }

        if (roles.Count == 0)
        {
            validation.Add("roles", ErrorCodes.Required);
        }

        foreach (var role in roles.Where(r => !Roles.Assignable.Contains(r)))
        {
            validation.Add("roles", ErrorCodes.UnknownRole, role);
        }

        if (!string.IsNullOrEmpty(request.Password))
        {
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, null!, request.Password);
                if (!check.Succeeded)
                {
                    validation.Add("password", ErrorCodes.WeakPassword);
                    break;
                }
            }
        }

        var mobile = mobiles.Seal(request.Mobile, validation);
        if (validation.ToError() is { } invalid)
        {
            return invalid;
        }

        if (mobile is not null && await mobiles.IsTakenAsync(mobile, exceptUserId: null, cancellationToken))
        {
            return Error.Conflict(ErrorCodes.PhoneTaken);
        }

        if (await users.FindByNameAsync(request.UserName!.Trim()) is not null)
        {
            return Error.Conflict(ErrorCodes.UserNameTaken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = StaffUser.Create(tenant.RequireTenantId(), request.UserName!, request.DisplayName!, request.Email, time.GetUtcNow(), roles);
        user.SetMobile(mobile);
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            return created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))
                ? Error.Conflict(ErrorCodes.UserNameTaken)
                : Error.Validation([new FieldError("userName", ErrorCodes.InvalidFormat)]);
        }

        await users.AddToRolesAsync(user, roles.Distinct());
        audit.Record("user.created", nameof(StaffUser), user.Id.ToString(), new { user.UserName, roles });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedUser(user.Id, user.UserName!);
    }
}

public static class CreateUserEndpoint
{
    public static void MapCreateUser(this RouteGroupBuilder users) =>
        users.MapPost("/", async (CreateUserRequest body, ClaimsPrincipal user, CreateUserHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, body, ct)).ToHttp(http, u => TypedResults.Created($"/api/v1/users/{u.Id}", u)))
            .RequireAuthorization(Permissions.UsersManage)
            .WithSummary("Create a staff user with roles.");
}
