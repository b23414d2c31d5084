using CareLoop.Platform.Auditing;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Platform.Identity;

public sealed record IssuedToken(Guid Id, string AccessToken, DateTimeOffset ExpiresAt, int ExpiresIn);

public sealed record TokenSummary(Guid Id, string Name, string Hint, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, bool Revoked);

/// <summary>Issues, lists and revokes bearer tokens for the API.</summary>
public sealed class ApiTokenService(CareLoopDbContext db, IAuditLog audit, TimeProvider time)
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(1);

    public async Task<IssuedToken> IssueSessionAsync(StaffUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (token, plain) = ApiToken.Issue(user.TenantId, user.Id, ApiTokenKind.Session, "session", now, SessionLifetime);
        db.ApiTokens.Add(token);
        audit.Record(user.TenantId, user.Id, user.UserName!, "auth.token-issued", nameof(ApiToken), token.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedToken(token.Id, plain, token.ExpiresAt, (int)SessionLifetime.TotalSeconds);
    }

    public async Task<Result<IssuedToken>> CreatePersonalAsync(Guid userId, string? name, int expiresInDays, CancellationToken cancellationToken)
    {
        var invalid = new Validation()
            .Required("name", name)
            .MaxLength("name", name, 100)
            .Range("expiresInDays", expiresInDays, 1, 366)
            .ToError();
        if (invalid is not null)
        {
            return invalid;
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Error.NotFound();
        }

        var lifetime = TimeSpan.FromDays(expiresInDays);
        var (token, plain) = ApiToken.Issue(user.TenantId, user.Id, ApiTokenKind.Personal, name!.Trim(), time.GetUtcNow(), lifetime);
        db.ApiTokens.Add(token);
        audit.Record("token.created", nameof(ApiToken), token.Id.ToString(), new { token.Name, token.ExpiresAt });
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedToken(token.Id, plain, token.ExpiresAt, (int)lifetime.TotalSeconds);
    }

    public Task<List<TokenSummary>> ListPersonalAsync(Guid userId, CancellationToken cancellationToken) =>
        db.ApiTokens
            .Where(t => t.UserId == userId && t.Kind == ApiTokenKind.Personal)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenSummary(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt != null))
            .ToListAsync(cancellationToken);

    public async Task<Result> RevokeAsync(Guid userId, Guid tokenId, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return Error.NotFound();
        }

        token.Revoke(time.GetUtcNow());
        audit.Record("token.revoked", nameof(ApiToken), token.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
