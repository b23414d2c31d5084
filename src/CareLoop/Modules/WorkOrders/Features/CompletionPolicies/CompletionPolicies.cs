using System.Security.Claims;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders.Features.CompletionPolicies;

public sealed record CompletionPolicyView(WorkOrderKind Kind, int MinPhotos, bool RequiresBarcode, bool RequiresSignature, bool RequiresCustomerCode);

/// <summary>
/// What completing each kind of job needs, per tenant (<see cref="CompletionPolicy"/>): every kind is listed, with the
/// default where the tenant has set nothing; saving replaces all kinds at once.
/// </summary>
public sealed class CompletionPoliciesHandler(CareLoopDbContext db, ITenantContext tenant, IAuditLog audit)
{
    public async Task<IReadOnlyList<CompletionPolicyView>> GetAsync(CancellationToken cancellationToken)
    {
        var saved = await db.Set<CompletionPolicy>().AsNoTracking().ToDictionaryAsync(p => p.Kind, cancellationToken);
        return Enum.GetValues<WorkOrderKind>().Select(kind => View(kind, saved.GetValueOrDefault(kind)?.Requirements ?? CompletionPolicy.Default(kind))).ToList();
    }

    public async Task<CompletionRequirements> RequirementsAsync(WorkOrderKind kind, CancellationToken cancellationToken) =>
        (await db.Set<CompletionPolicy>().AsNoTracking().SingleOrDefaultAsync(p => p.Kind == kind, cancellationToken))?.Requirements ?? CompletionPolicy.Default(kind);

    public async Task<Result<IReadOnlyList<CompletionPolicyView>>> UpdateAsync(ClaimsPrincipal actor, IReadOnlyList<CompletionPolicyView>? request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettingsManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation();
        var policies = request ?? [];
        for (var i = 0; i < policies.Count; i++)
        {
            v.Range($"[{i}].minPhotos", policies[i].MinPhotos, 0, CompletionPolicy.MaxPhotos);
            if (!Enum.IsDefined(policies[i].Kind))
            {
                v.Add($"[{i}].kind", ErrorCodes.InvalidFormat);
            }
            else if (policies.Take(i).Any(p => p.Kind == policies[i].Kind))
            {
                v.Add($"[{i}].kind", ErrorCodes.Duplicate);
            }
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var saved = await db.Set<CompletionPolicy>().ToDictionaryAsync(p => p.Kind, cancellationToken);
        foreach (var policy in policies)
        {
            if (!saved.TryGetValue(policy.Kind, out var row))
            {
                row = CompletionPolicy.Create(tenant.RequireTenantId(), policy.Kind);
                db.Add(row);
            }

            row.Change(new CompletionRequirements(policy.MinPhotos, policy.RequiresBarcode, policy.RequiresSignature, policy.RequiresCustomerCode));
        }

        audit.Record("settings.completion-changed", nameof(CompletionPolicy), tenant.RequireTenantId().ToString(), policies);
        await db.SaveChangesAsync(cancellationToken);
        return Result<IReadOnlyList<CompletionPolicyView>>.Success(await GetAsync(cancellationToken));
    }

    private static CompletionPolicyView View(WorkOrderKind kind, CompletionRequirements r) =>
        new(kind, r.MinPhotos, r.RequiresBarcode, r.RequiresSignature, r.RequiresCustomerCode);
}

public static class CompletionPoliciesEndpoints
{
    public static void MapCompletionPolicies(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings/completion").WithTags("Settings");
        settings.MapGet("/", async (CompletionPoliciesHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.GetAsync(ct)))
            .RequireAuthorization(Permissions.WorkOrdersRead)
            .WithSummary("What completing each kind of job needs: photos, barcode equal to the serial, signature, the customer's SMS code.");
        settings.MapPut("/", async (List<CompletionPolicyView> body, ClaimsPrincipal user, CompletionPoliciesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(user, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SettingsManage)
            .WithSummary("Replace the completion requirements of the kinds listed.");
    }
}
