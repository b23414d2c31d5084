using System.Security.Claims;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Platform.Web;

public sealed record DashboardData(
    string TenantName, int StaffCount, int LockedCount, int AuditToday, int? OutboxPending, int? OutboxDead,
    IReadOnlyList<AuditEventRow> RecentActivity);

/// <summary>The tenant's workbench numbers; each block only for users allowed to see what it counts.</summary>
public sealed class DashboardSummary(CareLoopDbContext db, TimeProvider time)
{
    public async Task<DashboardData> LoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tenantName = await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        var staff = await db.Users.CountAsync(cancellationToken);
        var locked = await db.Users.CountAsync(u => u.LockoutEnd > now, cancellationToken);
        var since = now.AddHours(-24);
        var auditToday = await db.AuditEvents.CountAsync(a => a.OccurredAt >= since, cancellationToken);
        int? pending = null, dead = null;
        if (user.HasPermission(Permissions.OutboxManage))
        {
            pending = await db.OutboxMessages.CountAsync(m => m.State == OutboxState.Pending, cancellationToken);
            dead = await db.OutboxMessages.CountAsync(m => m.State == OutboxState.Dead, cancellationToken);
        }

        IReadOnlyList<AuditEventRow> recent = user.HasPermission(Permissions.AuditRead)
            ? (await new AuditQueries(db).ListAsync(null, 1, 8, cancellationToken)).Items
            : [];
        return new DashboardData(tenantName, staff, locked, auditToday, pending, dead, recent);
    }
}
