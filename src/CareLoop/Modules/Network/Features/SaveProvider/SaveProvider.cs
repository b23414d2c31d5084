using System.Security.Claims;
using CareLoop.Modules.Network.Domain;
using CareLoop.Modules.Network.Features.ListProviders;
using CareLoop.Modules.Staff.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CareLoop.Modules.Network.Features.SaveProvider;

public sealed record SaveProviderRequest(string? Name, bool IsBrandOwned, bool IsActive = true, long? ExpectedVersion = null);

/// <summary>Areas are GB/T 2260 codes of 2 (province), 4 (city) or 6 (district) digits; categories are catalog codes.</summary>
public sealed record SetContractRequest(IReadOnlyList<string>? Districts, IReadOnlyList<string>? Categories, DateOnly? EndsOn, long? ExpectedVersion = null);

/// <summary>The staff accounts (role ProviderAdmin) that administer the provider; an account administers at most one provider.</summary>
public sealed record SetProviderAdminsRequest(IReadOnlyList<Guid>? UserIds, long? ExpectedVersion = null);

/// <summary>Creates and renames providers and sets their contract; every change evicts the dispatch snapshot.</summary>
public sealed class SaveProviderHandler(
    CareLoopDbContext db, ITenantContext tenant, NetworkChecks checks, ListProvidersHandler list, IStaffDirectory staff, IAuditLog audit, IMemoryCache cache, TimeProvider time)
{
    public const string NotProviderAdmin = "not_provider_admin";
    public const string AdministersAnotherProvider = "administers_another_provider";

    public async Task<Result<ProviderRow>> SaveAsync(ClaimsPrincipal actor, Guid? id, SaveProviderRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.NetworkManage))
        {
            return Error.Forbidden();
        }

        if (new Validation().Required("name", request.Name).MaxLength("name", request.Name, 100).ToError() is { } invalid)
        {
            return invalid;
        }

        var name = request.Name!.Trim();
        if (await db.Set<Provider>().AnyAsync(p => p.Name == name && p.Id != id, cancellationToken))
        {
            return Error.Conflict(ErrorCodes.ProviderNameTaken);
        }

        Provider provider;
        if (id is null)
        {
            provider = Provider.Create(tenant.RequireTenantId(), name, request.IsBrandOwned, time.GetUtcNow());
            db.Add(provider);
        }
        else if (await FindAsync(id.Value, request.ExpectedVersion, cancellationToken) is { } found)
        {
            if (found.Error is { } error)
            {
                return error;
            }

            provider = found.Value!;
        }
        else
        {
            return Error.NotFound();
        }

        provider.Rename(name, request.IsBrandOwned, request.IsActive);
        audit.Record(id is null ? "network.provider-created" : "network.provider-updated", nameof(Provider), provider.Id.ToString(),
            new { provider.Name, provider.IsBrandOwned, provider.IsActive });
        return await SaveAndReadAsync(provider, cancellationToken);
    }

    public async Task<Result<ProviderRow>> ContractAsync(ClaimsPrincipal actor, Guid id, SetContractRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.NetworkManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation();
        checks.AreaPrefixes(v, "districts", request.Districts);
        await checks.CategoriesAsync(v, "categories", request.Categories, cancellationToken);
        if (request.Districts is not { Count: > 0 })
        {
            v.Add("districts", ErrorCodes.Required);
        }

        if (request.Categories is not { Count: > 0 })
        {
            v.Add("categories", ErrorCodes.Required);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        if (await FindAsync(id, request.ExpectedVersion, cancellationToken) is not { } found)
        {
            return Error.NotFound();
        }

        if (found.Error is { } error)
        {
            return error;
        }

        var provider = found.Value!;
        provider.Contract(request.Districts!, request.Categories!, request.EndsOn);
        audit.Record("network.provider-contracted", nameof(Provider), provider.Id.ToString(),
            new { provider.ContractDistricts, provider.ContractCategories, provider.ContractEndsOn });
        return await SaveAndReadAsync(provider, cancellationToken);
    }

    /// <summary>Links provider admins: each must hold the ProviderAdmin role and administer no other provider (field errors <c>userIds[i]</c>).</summary>
    public async Task<Result<ProviderRow>> AdminsAsync(ClaimsPrincipal actor, Guid id, SetProviderAdminsRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.NetworkManage))
        {
            return Error.Forbidden();
        }

        if (await FindAsync(id, request.ExpectedVersion, cancellationToken) is not { } found)
        {
            return Error.NotFound();
        }

        if (found.Error is { } error)
        {
            return error;
        }

        var userIds = request.UserIds ?? [];
        var admins = (await staff.InRoleAsync(Roles.ProviderAdmin, cancellationToken)).ToDictionary(m => m.Id);
        var others = await db.Set<Provider>().AsNoTracking().Where(p => p.Id != id).ToListAsync(cancellationToken);
        var v = new Validation();
        for (var i = 0; i < userIds.Count; i++)
        {
            if (!admins.ContainsKey(userIds[i]))
            {
                v.Add($"userIds[{i}]", NotProviderAdmin);
            }
            else if (others.FirstOrDefault(p => p.IsAdministeredBy(userIds[i])) is { } other)
            {
                v.Add($"userIds[{i}]", AdministersAnotherProvider, other.Name);
            }
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var provider = found.Value!;
        provider.SetAdmins(userIds);
        audit.Record("network.provider-admins-set", nameof(Provider), provider.Id.ToString(), new { provider.AdminUserIds });
        return await SaveAndReadAsync(provider, cancellationToken);
    }

    private async Task<Result<Provider>?> FindAsync(Guid id, long? expectedVersion, CancellationToken cancellationToken)
    {
        var provider = await db.Set<Provider>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (provider is null)
        {
            return null;
        }

        return expectedVersion is { } expected && expected != provider.Version ? Error.Conflict(ErrorCodes.ConcurrencyConflict) : provider;
    }

    private async Task<Result<ProviderRow>> SaveAndReadAsync(Provider provider, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        NetworkDirectory.Evict(cache, provider.TenantId);
        return (await list.HandleAsync(cancellationToken)).Single(p => p.Id == provider.Id);
    }
}

public static class SaveProviderEndpoints
{
    public static void MapSaveProvider(this RouteGroupBuilder network)
    {
        network.MapPost("/providers", async (SaveProviderRequest body, ClaimsPrincipal user, SaveProviderHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SaveAsync(user, null, body, ct)).ToHttp(http, p => TypedResults.Created($"/api/v1/network/providers/{p.Id}", p)))
            .RequireAuthorization(Permissions.NetworkManage)
            .WithSummary("Create a service provider (or the brand's own service organisation with isBrandOwned); it has no contract yet.");
        network.MapPut("/providers/{id:guid}", async (Guid id, SaveProviderRequest body, ClaimsPrincipal user, SaveProviderHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SaveAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.NetworkManage)
            .WithSummary("Rename a provider, mark it brand-owned, or deactivate it (its engineers stop being dispatched); 409 when expectedVersion is stale.");
        network.MapPut("/providers/{id:guid}/contract", async (Guid id, SetContractRequest body, ClaimsPrincipal user, SaveProviderHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.ContractAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.NetworkManage)
            .WithSummary("Set a provider's contract: GB/T 2260 area prefixes (2, 4 or 6 digits), catalog category codes, last valid day.");
        network.MapPut("/providers/{id:guid}/admins", async (Guid id, SetProviderAdminsRequest body, ClaimsPrincipal user, SaveProviderHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.AdminsAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.NetworkManage)
            .WithSummary("Set the provider's admin accounts: { userIds, expectedVersion }. Each must hold the ProviderAdmin role and administer no other provider (field errors userIds[i]). They see and confirm this provider's statements.");
    }
}
