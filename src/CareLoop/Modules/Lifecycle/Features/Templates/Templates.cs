using System.Security.Claims;
using CareLoop.Modules.Lifecycle.Domain;
using CareLoop.Modules.Lifecycle.Features.Schedules;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Lifecycle.Features.Templates;

public sealed record TemplateRequest(string? Key, TemplateKind Kind, int OffsetDays, string? Body, bool IsActive = true);

public sealed record TemplateView(Guid Id, string Key, TemplateKind Kind, int OffsetDays, string Body, bool IsActive);

/// <summary>
/// The tenant's lifecycle templates: the reminder window, warranty-expiry and usage-tip messages. An offset of 0 days
/// and a placeholder outside <see cref="LifecycleTemplate.Placeholders"/> are refused; a saved template rewinds the
/// roster cursor, so existing units get its milestone on the next run.
/// </summary>
public sealed class TemplatesHandler(CareLoopDbContext db, ITenantContext tenant, ScheduleSync sync, IAuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<TemplateView>> ListAsync(CancellationToken cancellationToken) =>
        (await sync.TemplatesAsync(cancellationToken)).OrderBy(t => t.Kind).ThenBy(t => t.OffsetDays).Select(View).ToList();

    public async Task<Result<TemplateView>> SaveAsync(ClaimsPrincipal actor, TemplateRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.LifecycleManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation().Required("key", request.Key).MaxLength("key", request.Key, 64).Required("body", request.Body).MaxLength("body", request.Body, 1000)
            .Range("offsetDays", request.OffsetDays, 1, 3650);
        if (!Enum.IsDefined(request.Kind))
        {
            v.Add("kind", ErrorCodes.InvalidFormat);
        }

        if (request.Body is { } body && LifecycleTemplate.UnknownPlaceholders(body) is { Count: > 0 } unknown)
        {
            v.Add("body", LifecycleErrors.UnknownPlaceholder, string.Join(", ", unknown.Select(p => "{" + p + "}")), string.Join(", ", LifecycleTemplate.Placeholders.Select(p => "{" + p + "}")));
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        await sync.TemplatesAsync(cancellationToken);
        var key = request.Key!.Trim().ToLowerInvariant();
        var now = time.GetUtcNow();
        var template = await db.Set<LifecycleTemplate>().SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
        if (template is null)
        {
            template = LifecycleTemplate.Create(tenant.RequireTenantId(), key, request.Kind, request.OffsetDays, request.Body!, now);
            db.Add(template);
        }
        else if (template.Kind != request.Kind)
        {
            return new Validation().Add("key", LifecycleErrors.TemplateKeyTaken).ToError()!;
        }
        else
        {
            template.Change(request.OffsetDays, request.Body!, request.IsActive, now);
        }

        (await db.Set<ScheduleCursor>().SingleOrDefaultAsync(cancellationToken))?.Rewind();
        audit.Record("lifecycle.template-saved", nameof(LifecycleTemplate), template.Id.ToString(), new { template.Key, template.Kind, template.OffsetDays });
        await db.SaveChangesAsync(cancellationToken);
        return View(template);
    }

    private static TemplateView View(LifecycleTemplate t) => new(t.Id, t.Key, t.Kind, t.OffsetDays, t.Body, t.IsActive);
}
