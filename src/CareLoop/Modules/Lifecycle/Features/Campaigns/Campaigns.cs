using System.Security.Claims;
using CareLoop.Modules.Lifecycle.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Lifecycle.Features.Campaigns;

public sealed record CampaignRequest(
    string? Name, Guid? ModelId = null, string? RegionPrefix = null, string? Tag = null, int? DueWithinDays = null, WarrantyFilter Warranty = WarrantyFilter.Any,
    IReadOnlyList<Guid>? Agents = null);

/// <summary>A campaign with its funnel: entries, contacted (≥ 1 attempt), reached, bought, revenue in 分, opt-outs, still open.</summary>
public sealed record CampaignView(
    Guid Id, string Name, Guid? ModelId, string? RegionPrefix, string? Tag, int? DueWithinDays, WarrantyFilter Warranty, IReadOnlyList<Guid> Agents, bool IsActive,
    DateTimeOffset CreatedAt, int Entries, int Contacted, int Reached, int Bought, long RevenueFen, int OptOuts, int Open);

/// <summary>Supervisors define campaigns over the call list and watch their conversion.</summary>
public sealed class CampaignsHandler(CareLoopDbContext db, ITenantContext tenant, CampaignAudience audience, IAuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<CampaignView>> ListAsync(CancellationToken cancellationToken)
    {
        var campaigns = await db.Set<Campaign>().AsNoTracking().OrderByDescending(c => c.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var views = new List<CampaignView>();
        foreach (var c in campaigns)
        {
            views.Add(await ViewAsync(c, cancellationToken));
        }

        return views;
    }

    public async Task<Result<CampaignView>> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Set<Campaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } c ? await ViewAsync(c, cancellationToken) : Error.NotFound();

    public async Task<Result<CampaignView>> CreateAsync(ClaimsPrincipal actor, CampaignRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.LifecycleManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation().Required("name", request.Name).MaxLength("name", request.Name, 100).MaxLength("tag", request.Tag, 50);
        if (request.RegionPrefix is { Length: > 0 } prefix && (prefix.Trim().Length is not (2 or 4 or 6) || !prefix.Trim().All(char.IsAsciiDigit)))
        {
            v.Add("regionPrefix", ErrorCodes.RegionPrefix);
        }

        if (request.DueWithinDays is { } days)
        {
            v.Range("dueWithinDays", days, 1, 3650);
        }

        if (!Enum.IsDefined(request.Warranty))
        {
            v.Add("warranty", ErrorCodes.InvalidFormat);
        }

        var agents = request.Agents ?? [];
        if (agents.Count > 0)
        {
            var tenantId = tenant.RequireTenantId();
            var known = await db.Users.AsNoTracking().Where(u => agents.Contains(u.Id) && u.TenantId == tenantId).Select(u => u.Id).ToListAsync(cancellationToken);
            foreach (var (agent, i) in agents.Select((a, i) => (a, i)).Where(a => !known.Contains(a.a)))
            {
                v.Add($"agents[{i}]", LifecycleErrors.UnknownAgent);
            }
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var campaign = Campaign.Create(tenant.RequireTenantId(), request.Name!, request.ModelId, request.RegionPrefix, request.Tag, request.DueWithinDays, request.Warranty, agents,
            actor.UserId(), time.GetUtcNow());
        db.Add(campaign);
        audit.Record("lifecycle.campaign-created", nameof(Campaign), campaign.Id.ToString(), new { campaign.Name, campaign.ModelId, campaign.RegionPrefix, campaign.Tag });
        await db.SaveChangesAsync(cancellationToken);
        await audience.AttachAsync(cancellationToken);
        return await ViewAsync(campaign, cancellationToken);
    }

    public async Task<Result<CampaignView>> CloseAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.LifecycleManage))
        {
            return Error.Forbidden();
        }

        if (await db.Set<Campaign>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } campaign)
        {
            return Error.NotFound();
        }

        campaign.Close();
        audit.Record("lifecycle.campaign-closed", nameof(Campaign), campaign.Id.ToString(), new { campaign.Name });
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(campaign, cancellationToken);
    }

    private async Task<CampaignView> ViewAsync(Campaign c, CancellationToken cancellationToken)
    {
        var entries = db.Set<CallListEntry>().AsNoTracking().Where(e => e.CampaignId == c.Id);
        var stats = await entries.GroupBy(e => 1).Select(g => new
        {
            Entries = g.Count(),
            Contacted = g.Count(e => e.Attempts > 0),
            // Reached: an agent spoke to the customer (an entry settled by a replacement learnt elsewhere was never called).
            Reached = g.Count(e => e.Attempts > 0 && e.Outcome != null && e.Outcome != CallOutcome.Unreachable && e.Outcome != CallOutcome.WrongNumber),
            Bought = g.Count(e => e.Outcome == CallOutcome.BoughtOnline || e.Outcome == CallOutcome.EngineerWillBring),
            Revenue = g.Sum(e => e.RevenueFen),
            OptOuts = g.Count(e => e.Outcome == CallOutcome.OptOut),
            Open = g.Count(e => e.Status == EntryStatus.Open),
        }).SingleOrDefaultAsync(cancellationToken);
        return new CampaignView(c.Id, c.Name, c.ModelId, c.RegionPrefix, c.Tag, c.DueWithinDays, c.Warranty, c.Agents, c.IsActive, c.CreatedAt,
            stats?.Entries ?? 0, stats?.Contacted ?? 0, stats?.Reached ?? 0, stats?.Bought ?? 0, stats?.Revenue ?? 0, stats?.OptOuts ?? 0, stats?.Open ?? 0);
    }
}

/// <summary>Open call-list entries without a campaign join the oldest active campaign whose audience wants them.</summary>
public sealed class CampaignAudience(CareLoopDbContext db, TimeProvider time)
{
    public async Task<int> AttachAsync(CancellationToken cancellationToken)
    {
        var campaigns = await db.Set<Campaign>().Where(c => c.IsActive).OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
        if (campaigns.Count == 0)
        {
            return 0;
        }

        var today = TimeDisplay.Today(time);
        var joined = 0;
        var last = DateTimeOffset.UnixEpoch;
        while (true)
        {
            var entries = await db.Set<CallListEntry>().Where(e => e.Status == EntryStatus.Open && e.CampaignId == null && e.CreatedAt > last)
                .OrderBy(e => e.CreatedAt).Take(1000).ToListAsync(cancellationToken);
            if (entries.Count == 0)
            {
                return joined;
            }

            foreach (var entry in entries)
            {
                if (campaigns.FirstOrDefault(c => c.Wants(entry, today)) is { } campaign)
                {
                    entry.JoinCampaign(campaign.Id, campaign.AgentFor(entry.Id));
                    joined++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            last = entries[^1].CreatedAt;
            if (entries.Count < 1000)
            {
                return joined;
            }
        }
    }
}
