using System.Security.Claims;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Settlement.Features.Rules;

/// <summary>The rule set in force: its version (0: never saved, nothing is paid) and the rules.</summary>
public sealed record RuleSetView(int Version, CommissionRules Rules, DateTimeOffset? SavedAt);

/// <summary>A new version of the rules, saved over <paramref name="ExpectedVersion"/> (the version read).</summary>
public sealed record SaveRulesRequest(CommissionRules Rules, int ExpectedVersion);

/// <summary>Reads and saves the tenant's commission rules; each save adds a version, older versions stay for the entries they produced.</summary>
public sealed class CommissionRulesHandler(CareLoopDbContext db, IAuditLog audit, TimeProvider time)
{
    public async Task<RuleSetView> CurrentAsync(CancellationToken cancellationToken)
    {
        var latest = await db.Set<CommissionRuleSet>().AsNoTracking().OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? new RuleSetView(0, CommissionRules.Empty, null) : new RuleSetView(latest.Version, latest.Rules, latest.SavedAt);
    }

    public async Task<Result<RuleSetView>> GetAsync(ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        actor.HasPermission(Permissions.SettlementRead) ? await CurrentAsync(cancellationToken) : Error.Forbidden();

    public async Task<Result<RuleSetView>> SaveAsync(ClaimsPrincipal actor, SaveRulesRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettlementManage))
        {
            return Error.Forbidden();
        }

        if (request.Rules is null)
        {
            return new Validation().Add("rules", ErrorCodes.Required).ToError()!;
        }

        var rules = Normalize(request.Rules);
        if (rules.Validate() is { } invalid)
        {
            return invalid;
        }

        var current = await CurrentAsync(cancellationToken);
        if (current.Version != request.ExpectedVersion)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        var saved = CommissionRuleSet.Save(current.Version + 1, rules, actor.UserId(), time.GetUtcNow());
        db.Add(saved);
        audit.Record("settlement.rules-saved", nameof(CommissionRuleSet), saved.Id.ToString(), new { saved.Version });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict); // someone saved the same version first (unique index)
        }

        return new RuleSetView(saved.Version, rules, saved.SavedAt);
    }

    private static CommissionRules Normalize(CommissionRules r) => r with
    {
        BaseAmounts = (r.BaseAmounts ?? []).Select(b => b with { CategoryCode = b.CategoryCode?.Trim() ?? "" }).ToList(),
        DistanceBands = r.DistanceBands ?? [],
    };
}
