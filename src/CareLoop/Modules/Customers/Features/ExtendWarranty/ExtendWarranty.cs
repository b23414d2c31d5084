using System.Security.Claims;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Modules.Customers.Features.WarrantySettings;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.ExtendWarranty;

public sealed record ExtendWarrantyRequest(int Days, ExtensionKind Kind, string? Reason);

public sealed record ExtensionResult(Guid Id, int Days, ExtensionStatus Status);

public sealed record DecideExtensionRequest(bool Approve);

/// <summary>
/// Extends a unit's warranty. Goodwill up to the tenant's limit (<see cref="WarrantySettingsHandler"/>, default 30 days) takes effect at
/// once; beyond it a supervisor approves. Every request and decision is audited with its reason.
/// </summary>
public sealed class ExtendWarrantyHandler(CareLoopDbContext db, IAuditLog audit, WarrantySettingsHandler settings, TimeProvider time)
{
    public async Task<Result<ExtensionResult>> RequestAsync(ClaimsPrincipal actor, Guid unitId, ExtendWarrantyRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CustomersManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation().Range("days", request.Days, 1, CustomerRules.MaxExtensionDays).Required("reason", request.Reason).MaxLength("reason", request.Reason, 500);
        if (!Enum.IsDefined(request.Kind))
        {
            v.Add("kind", ErrorCodes.InvalidFormat);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var unit = await db.Set<RegisteredUnit>().Include(u => u.Extensions).SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return Error.NotFound();
        }

        var extension = unit.Extend(request.Days, request.Kind, request.Reason!, actor.UserId()!.Value,
            actor.HasPermission(Permissions.WarrantyApprove), await settings.GoodwillLimitDaysAsync(cancellationToken), time.GetUtcNow());
        db.Entry(unit).State = EntityState.Modified;
        audit.Record(extension.Status == ExtensionStatus.Pending ? "warranty.extension-requested" : "warranty.extended",
            nameof(RegisteredUnit), unit.Id.ToString(), new { extension.Days, extension.Kind, extension.Reason });
        await db.SaveChangesAsync(cancellationToken);
        return new ExtensionResult(extension.Id, extension.Days, extension.Status);
    }

    public async Task<Result<ExtensionResult>> DecideAsync(ClaimsPrincipal actor, Guid unitId, Guid extensionId, bool approve, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.WarrantyApprove))
        {
            return Error.Forbidden();
        }

        var unit = await db.Set<RegisteredUnit>().Include(u => u.Extensions).SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        var extension = unit?.Extensions.SingleOrDefault(e => e.Id == extensionId);
        if (extension is null)
        {
            return Error.NotFound();
        }

        if (!extension.Decide(approve, actor.UserId()!.Value, time.GetUtcNow()))
        {
            return Error.Conflict(ErrorCodes.AlreadyDecided);
        }

        db.Entry(unit!).State = EntityState.Modified;
        audit.Record(approve ? "warranty.extension-approved" : "warranty.extension-rejected", nameof(RegisteredUnit), unitId.ToString(), new { extension.Days, extensionId });
        await db.SaveChangesAsync(cancellationToken);
        return new ExtensionResult(extension.Id, extension.Days, extension.Status);
    }
}

public static class ExtendWarrantyEndpoints
{
    public static void MapExtendWarranty(this RouteGroupBuilder api)
    {
        var units = api.MapGroup("/units").WithTags("Customers");
        units.MapPost("/{id:guid}/warranty-extensions", async (Guid id, ExtendWarrantyRequest body, ClaimsPrincipal user, ExtendWarrantyHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.RequestAsync(user, id, body, ct)).ToHttp(http, e => TypedResults.Created($"/api/v1/units/{id}/warranty-extensions/{e.Id}", e)))
            .RequireAuthorization(Permissions.CustomersManage)
            .WithSummary("Extend a unit's warranty (paid, or goodwill: above the tenant's limit it waits for a supervisor).");
        units.MapPost("/{id:guid}/warranty-extensions/{extensionId:guid}/decision", async (Guid id, Guid extensionId, DecideExtensionRequest body, ClaimsPrincipal user, ExtendWarrantyHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.DecideAsync(user, id, extensionId, body.Approve, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.WarrantyApprove)
            .WithSummary("Approve or reject a pending warranty extension.");
    }
}
