using System.Security.Claims;
using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.TransferUnit;

public sealed record TransferUnitRequest(Guid? ToCustomerId, DateOnly? TransferredOn, string? Reason);

public sealed record UnitTransferred(Guid UnitId, Guid FromCustomerId, Guid ToCustomerId, DateOnly TransferredOn, bool WarrantyTransferred);

/// <summary>
/// Records a change of owner (sold second-hand, gifted, moved to a family member). Whether the warranty goes along is
/// the model's policy, not the agent's choice: when it does not, the cover ends the day before the transfer.
/// </summary>
public sealed class TransferUnitHandler(CareLoopDbContext db, ICatalog catalog, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<UnitTransferred>> HandleAsync(ClaimsPrincipal actor, Guid unitId, TransferUnitRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CustomersManage))
        {
            return Error.Forbidden();
        }

        var unit = await db.Set<RegisteredUnit>().Include(u => u.Transfers).SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return Error.NotFound();
        }

        var today = TimeDisplay.Today(time);
        var on = request.TransferredOn ?? today;
        var v = new Validation().Required("reason", request.Reason).MaxLength("reason", request.Reason, 500);
        if (request.ToCustomerId is not { } to || !await db.Set<Customer>().AnyAsync(c => c.Id == to, cancellationToken))
        {
            v.Add("toCustomerId", request.ToCustomerId is null ? ErrorCodes.Required : ErrorCodes.NotFound);
        }

        if (on > today)
        {
            v.Add("transferredOn", ErrorCodes.InFuture);
        }
        else if (unit.PurchaseDate is { } bought && on < bought)
        {
            v.Add("transferredOn", ErrorCodes.OutOfRange, bought.ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"));
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        if (request.ToCustomerId == unit.CustomerId)
        {
            return Error.Conflict(ErrorCodes.SameOwner);
        }

        var from = unit.CustomerId;
        var carries = await catalog.WarrantyTransfersAsync(unit.ModelId, cancellationToken);
        var transfer = unit.TransferTo(request.ToCustomerId!.Value, on, request.Reason!, carries, actor.UserId(), time.GetUtcNow());
        db.Entry(unit).State = EntityState.Modified;
        audit.Record("unit.transferred", nameof(RegisteredUnit), unit.Id.ToString(),
            new { from, to = transfer.ToCustomerId, on, transfer.Reason, warrantyTransferred = carries });
        await db.SaveChangesAsync(cancellationToken);
        return new UnitTransferred(unit.Id, from, transfer.ToCustomerId, on, carries);
    }
}

public static class TransferUnitEndpoint
{
    public static void MapTransferUnit(this RouteGroupBuilder api) =>
        api.MapPost("/units/{id:guid}/transfers", async (Guid id, TransferUnitRequest body, ClaimsPrincipal user, TransferUnitHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.CustomersManage)
            .WithTags("Customers")
            .WithSummary("Transfer a unit to another customer; the warranty follows only if the model's policy says so.");
}
