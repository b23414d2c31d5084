using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Web;

namespace CareLoop.Platform.Auditing;

public sealed record AuditEventRow(Guid Id, DateTimeOffset OccurredAt, string ActorName, string Action, string EntityType, string? EntityId, string? IpAddress, string? Details);

public sealed class AuditQueries(CareLoopDbContext db)
{
    public Task<Page<AuditEventRow>> ListAsync(string? action, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = db.AuditEvents.AsQueryable();
        if (!string.IsNullOrWhiteSpace(action))
        {
            query = query.Where(a => a.Action == action);
        }

        return query
            .OrderByDescending(a => a.OccurredAt)
            .Select(a => new AuditEventRow(a.Id, a.OccurredAt, a.ActorName, a.Action, a.EntityType, a.EntityId, a.IpAddress, a.Details))
            .ToPageAsync(page, pageSize, cancellationToken);
    }
}

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/audit-events", (string? action, int? page, int? pageSize, AuditQueries queries, CancellationToken ct) =>
                queries.ListAsync(action, page, pageSize, ct))
            .WithTags("Audit")
            .RequireAuthorization(Permissions.AuditRead);
        return api;
    }
}
