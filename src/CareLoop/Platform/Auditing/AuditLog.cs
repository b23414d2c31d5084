using System.Security.Claims;
using System.Text.Json;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Platform.Auditing;

/// <summary>
/// Adds an <see cref="AuditEvent"/> to the current unit of work; it is committed by the caller's SaveChanges,
/// so the audit record exists if and only if the change does.
/// </summary>
public interface IAuditLog
{
    void Record(string action, string entityType, string? entityId, object? details = null);

    /// <summary>For actions before a user is signed in (sign-in itself): name the tenant and actor explicitly.</summary>
    void Record(Guid tenantId, Guid? actorId, string actorName, string action, string entityType, string? entityId, object? details = null);
}

internal sealed class AuditLog(
    CareLoopDbContext db, ITenantContext tenant, IHttpContextAccessor http, TimeProvider time) : IAuditLog
{
    public void Record(string action, string entityType, string? entityId, object? details = null)
    {
        var user = http.HttpContext?.User;
        var actorId = Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        Record(tenant.RequireTenantId(), actorId, user?.Identity?.Name ?? "system", action, entityType, entityId, details);
    }

    public void Record(Guid tenantId, Guid? actorId, string actorName, string action, string entityType, string? entityId, object? details = null)
    {
        var ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        var json = details is null ? null : JsonSerializer.Serialize(details);
        db.AuditEvents.Add(AuditEvent.Create(tenantId, actorId, actorName, action, entityType, entityId, time.GetUtcNow(), ip, json));
    }
}
