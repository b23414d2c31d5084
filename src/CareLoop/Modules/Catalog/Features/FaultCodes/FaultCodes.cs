using System.Security.Claims;
using CareLoop.Modules.Catalog.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Catalog.Features.FaultCodes;

public sealed record FaultNode(Guid Id, string Code, string Name, FaultLevel Level, bool IsActive, IReadOnlyList<FaultNode> Children);

public sealed record AddFaultCodeRequest(Guid? CategoryId, Guid? ParentId, string? Code, string? Name);

/// <summary>A category's fault tree (symptom → component → cause) and adding nodes to it.</summary>
public sealed class FaultCodesHandler(CareLoopDbContext db, ITenantContext tenant, IAuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<FaultNode>> TreeAsync(Guid categoryId, CancellationToken cancellationToken)
    {
        var all = await db.Set<FaultCode>().AsNoTracking().Where(f => f.CategoryId == categoryId).OrderBy(f => f.Code).ToListAsync(cancellationToken);
        var byParent = all.ToLookup(f => f.ParentId);
        IReadOnlyList<FaultNode> Build(Guid? parent) =>
            byParent[parent].Select(f => new FaultNode(f.Id, f.Code, f.Name, f.Level, f.IsActive, Build(f.Id))).ToList();
        return Build(null);
    }

    public async Task<Result<FaultNode>> AddAsync(ClaimsPrincipal actor, AddFaultCodeRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CatalogManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation()
            .Required("code", request.Code).MaxLength("code", request.Code, 32)
            .Required("name", request.Name).MaxLength("name", request.Name, 200);
        if (!string.IsNullOrWhiteSpace(request.Code) && !CatalogRules.IsValidCode(request.Code))
        {
            v.Add("code", ErrorCodes.InvalidFormat);
        }

        if (request.CategoryId is null || !await db.Set<ProductCategory>().AnyAsync(c => c.Id == request.CategoryId, cancellationToken))
        {
            v.Add("categoryId", request.CategoryId is null ? ErrorCodes.Required : ErrorCodes.UnknownCategory);
        }

        FaultCode? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = await db.Set<FaultCode>().SingleOrDefaultAsync(f => f.Id == parentId && f.CategoryId == request.CategoryId, cancellationToken);
            if (parent is null)
            {
                v.Add("parentId", ErrorCodes.NotFound);
            }
            else if (FaultCode.LevelUnder(parent) is null)
            {
                v.Add("parentId", ErrorCodes.CauseHasNoChildren);
            }
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var code = request.Code!.Trim().ToUpperInvariant();
        if (await db.Set<FaultCode>().AnyAsync(f => f.CategoryId == request.CategoryId && f.Code == code, cancellationToken))
        {
            return Error.Conflict(ErrorCodes.FaultCodeTaken);
        }

        var node = FaultCode.Create(tenant.RequireTenantId(), request.CategoryId!.Value, parent, code, request.Name!, time.GetUtcNow());
        db.Add(node);
        audit.Record("catalog.fault-code-added", nameof(FaultCode), node.Id.ToString(), new { node.Code, node.Level });
        await db.SaveChangesAsync(cancellationToken);
        return new FaultNode(node.Id, node.Code, node.Name, node.Level, node.IsActive, []);
    }
}

public static class FaultCodesEndpoints
{
    public static void MapFaultCodes(this RouteGroupBuilder catalog)
    {
        catalog.MapGet("/categories/{categoryId:guid}/fault-codes", (Guid categoryId, FaultCodesHandler handler, CancellationToken ct) => handler.TreeAsync(categoryId, ct))
            .RequireAuthorization(Permissions.CatalogRead)
            .WithSummary("The category's fault tree: symptom → component → cause.");
        catalog.MapPost("/fault-codes", async (AddFaultCodeRequest body, ClaimsPrincipal user, FaultCodesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.AddAsync(user, body, ct)).ToHttp(http, n => TypedResults.Created($"/api/v1/catalog/fault-codes/{n.Id}", n)))
            .RequireAuthorization(Permissions.CatalogManage);
    }
}
