using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Platform.Outbox;

public sealed record OutboxRow(Guid Id, string Type, OutboxState State, int Attempts, DateTimeOffset OccurredAt, DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt, string? LastError);

/// <summary>What tenant admins see of their outbox: pending, delivered and dead messages; dead ones can be retried.</summary>
public sealed class OutboxAdmin(CareLoopDbContext db, IAuditLog audit, TimeProvider time)
{
    public Task<Page<OutboxRow>> ListAsync(OutboxState? state, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = db.OutboxMessages.AsQueryable();
        if (state is { } s)
        {
            query = query.Where(m => m.State == s);
        }

        return query
            .OrderByDescending(m => m.OccurredAt)
            .Select(m => new OutboxRow(m.Id, m.Type, m.State, m.Attempts, m.OccurredAt, m.NextAttemptAt, m.DeliveredAt, m.LastError))
            .ToPageAsync(page, pageSize, cancellationToken);
    }

    public async Task<Result> RetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return Error.NotFound();
        }

        if (!message.Retry(time.GetUtcNow()))
        {
            return Error.Conflict(ErrorCodes.OutboxMessageNotDead);
        }

        audit.Record("outbox.retried", nameof(OutboxMessage), id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}

public static class OutboxEndpoints
{
    public static RouteGroupBuilder MapOutboxAdmin(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/outbox").WithTags("Outbox").RequireAuthorization(Permissions.OutboxManage);
        group.MapGet("/", async Task<IResult> (string? state, int? page, int? pageSize, OutboxAdmin admin, HttpContext http, CancellationToken ct) =>
        {
            OutboxState? filter = null;
            if (!string.IsNullOrEmpty(state))
            {
                if (!Enum.TryParse<OutboxState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    return http.Problem(Error.Validation([new FieldError("state", ErrorCodes.InvalidFormat)]));
                }

                filter = parsed;
            }

            return TypedResults.Ok(await admin.ListAsync(filter, page, pageSize, ct));
        });
        group.MapPost("/{id:guid}/retry", async (Guid id, OutboxAdmin admin, HttpContext http, CancellationToken ct) =>
            (await admin.RetryAsync(id, ct)).ToHttp(http, TypedResults.NoContent));
        return api;
    }
}
