using System.Security.Claims;
using CareLoop.Modules.Integrations.Domain;
using CareLoop.Modules.Integrations.Features.ReceiveOrders;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Security;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Integrations.Features.ManageKeys;

/// <summary>A shop's key as administrators see it: never its secret (that is shown once, when made).</summary>
public sealed record IntegrationKeyRow(
    string Id, string Name, string ShopId, int RatePerSecond, DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? PreviousValidUntil,
    DateTimeOffset? RevokedAt);

/// <summary>A key with its new secret: the only time the secret leaves CareLoop (it is kept encrypted).</summary>
public sealed record IssuedIntegrationKey(IntegrationKeyRow Key, string Secret);

public sealed record CreateIntegrationKeyRequest(string? Name, string? ShopId, int? RatePerSecond);

public sealed record RotateIntegrationKeyRequest(int? OverlapHours);

/// <summary>
/// Administrators manage the shops' keys: create (the secret shown once), rotate (a new secret; the old one keeps
/// working for the overlap so the shop can switch without losing orders), revoke (refused at once). Every change is
/// audited and dropped from this node's key cache; other nodes follow within <see cref="SignedRequests.CacheFor"/>.
/// </summary>
public sealed class IntegrationKeysHandler(
    CareLoopDbContext db, ITenantContext tenant, PersonalDataProtector protector, SignedRequests signing, IAuditLog audit, TimeProvider time)
{
    public const int MaxRatePerSecond = 10_000;
    public const int MaxOverlapHours = 168;
    public const int DefaultOverlapHours = 24;

    public async Task<Result<IReadOnlyList<IntegrationKeyRow>>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.IntegrationsManage))
        {
            return Error.Forbidden();
        }

        return await db.Set<IntegrationKey>().AsNoTracking()
            .OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).ThenBy(k => k.Id)
            .Select(k => new IntegrationKeyRow(k.Id, k.Name, k.ShopId, k.RatePerSecond, k.CreatedAt, k.RotatedAt, k.PreviousValidUntil, k.RevokedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<Result<IssuedIntegrationKey>> CreateAsync(ClaimsPrincipal actor, CreateIntegrationKeyRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.IntegrationsManage))
        {
            return Error.Forbidden();
        }

        var rate = request.RatePerSecond ?? IntegrationKey.DefaultRatePerSecond;
        if (new Validation()
                .Required("name", request.Name).MaxLength("name", request.Name?.Trim(), 100)
                .Required("shopId", request.ShopId).MaxLength("shopId", request.ShopId?.Trim(), 64)
                .Range("ratePerSecond", rate, 1, MaxRatePerSecond)
                .ToError() is { } invalid)
        {
            return invalid;
        }

        var secret = IntegrationKey.NewSecret();
        var key = IntegrationKey.Create(tenant.RequireTenantId(), IntegrationKey.NewId(), request.Name!, request.ShopId!, protector.Encrypt(secret), rate, time.GetUtcNow());
        db.Add(key);
        Audit(actor, "integration-key.created", key, new { key.Name, key.ShopId, key.RatePerSecond });
        await db.SaveChangesAsync(cancellationToken);
        signing.Forget(key.Id); // a call with this id before it existed cached "unknown key"
        return new IssuedIntegrationKey(Row(key), secret);
    }

    public async Task<Result<IssuedIntegrationKey>> RotateAsync(ClaimsPrincipal actor, string id, RotateIntegrationKeyRequest? request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.IntegrationsManage))
        {
            return Error.Forbidden();
        }

        var overlap = request?.OverlapHours ?? DefaultOverlapHours;
        if (new Validation().Range("overlapHours", overlap, 0, MaxOverlapHours).ToError() is { } invalid)
        {
            return invalid;
        }

        var key = await db.Set<IntegrationKey>().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return Error.NotFound();
        }

        if (key.IsRevoked)
        {
            return Error.Conflict(ErrorCodes.IntegrationKeyRevoked);
        }

        var now = time.GetUtcNow();
        var secret = IntegrationKey.NewSecret();
        key.Rotate(protector.Encrypt(secret), now.AddHours(overlap), now);
        Audit(actor, "integration-key.rotated", key, new { overlapHours = overlap, key.PreviousValidUntil });
        await db.SaveChangesAsync(cancellationToken);
        signing.Forget(key.Id);
        return new IssuedIntegrationKey(Row(key), secret);
    }

    public async Task<Result<IntegrationKeyRow>> RevokeAsync(ClaimsPrincipal actor, string id, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.IntegrationsManage))
        {
            return Error.Forbidden();
        }

        var key = await db.Set<IntegrationKey>().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return Error.NotFound();
        }

        if (!key.IsRevoked)
        {
            key.Revoke(time.GetUtcNow());
            Audit(actor, "integration-key.revoked", key);
            await db.SaveChangesAsync(cancellationToken);
        }

        signing.Forget(key.Id);
        return Row(key);
    }

    private static IntegrationKeyRow Row(IntegrationKey k) =>
        new(k.Id, k.Name, k.ShopId, k.RatePerSecond, k.CreatedAt, k.RotatedAt, k.PreviousValidUntil, k.RevokedAt);

    // Named explicitly: on a staff page there is no request whose user the audit log could read.
    private void Audit(ClaimsPrincipal actor, string action, IntegrationKey key, object? details = null) =>
        audit.Record(key.TenantId, actor.UserId(), actor.Identity?.Name ?? "system", action, nameof(IntegrationKey), key.Id, details);
}

public static class IntegrationKeysEndpoints
{
    public static RouteGroupBuilder MapIntegrationKeys(this RouteGroupBuilder keys)
    {
        keys.MapGet("/", async (ClaimsPrincipal user, IntegrationKeysHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.ListAsync(user, ct)).ToHttp(http, TypedResults.Ok))
            .Produces<IReadOnlyList<IntegrationKeyRow>>()
            .WithSummary("The tenant's integration keys (never their secrets), active first.");
        keys.MapPost("/", async (CreateIntegrationKeyRequest body, ClaimsPrincipal user, IntegrationKeysHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.CreateAsync(user, body, ct)).ToHttp(http, k => TypedResults.Created($"/api/v1/integration-keys/{k.Key.Id}", k)))
            .Produces<IssuedIntegrationKey>(StatusCodes.Status201Created).ProducesProblem(422)
            .WithSummary("Create a key for a shop: { name, shopId, ratePerSecond? (1–10000, default 100) }. The secret is in this response only.");
        keys.MapPost("/{id}/rotation", async (string id, RotateIntegrationKeyRequest? body, ClaimsPrincipal user, IntegrationKeysHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.RotateAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .Produces<IssuedIntegrationKey>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Give the key a new secret (in this response only); the previous one keeps working for overlapHours (0–168, default 24).");
        keys.MapPost("/{id}/revocation", async (string id, ClaimsPrincipal user, IntegrationKeysHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.RevokeAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .Produces<IntegrationKeyRow>().ProducesProblem(404)
            .WithSummary("Revoke the key: every call signed with it is refused (401) from now on. Revoking again changes nothing.");
        return keys;
    }
}
