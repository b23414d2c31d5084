using System.Security.Claims;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Platform.Identity;

namespace CareLoop.Modules.WorkOrders;

internal static class WorkOrderActors
{
    public static WorkOrderActor From(ClaimsPrincipal user) =>
        new(user.UserId(), user.FindFirst(CareLoop.Platform.Tenancy.CareLoopClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "system", user.RolesOf().ToHashSet());

    /// <summary>Engineers see the orders assigned to them, nothing else; every other reader sees the tenant's orders.</summary>
    public static bool SeesOnlyOwn(ClaimsPrincipal user) => !user.HasPermission(Permissions.WorkOrdersReadAll);

    /// <summary>Whether the user may see this order at all (a hidden order is reported as not found).</summary>
    public static bool Sees(ClaimsPrincipal user, WorkOrder order) => !SeesOnlyOwn(user) || order.AssigneeId == user.UserId();
}
