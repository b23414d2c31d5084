using System.Security.Claims;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Platform.Identity;

namespace CareLoop.Modules.WorkOrders;

internal static class WorkOrderActors
{
    public static WorkOrderActor From(ClaimsPrincipal user) =>
        new(user.UserId(), user.Identity?.Name ?? "system", user.RolesOf().ToHashSet());

    /// <summary>Engineers see the orders assigned to them, nothing else; every other reader sees the tenant's orders.</summary>
    public static bool SeesOnlyOwn(ClaimsPrincipal user) => !user.HasPermission(Permissions.WorkOrdersReadAll);
}
