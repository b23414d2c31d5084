using System.Security.Claims;
using System.Text.Json;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Domain.Sla;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CareLoop.Modules.WorkOrders.Features.SlaSettings;

/// <summary>One policy as the API takes it: budgets in minutes; a null kind or priority matches any.</summary>
public sealed record SlaPolicyInput(
    WorkOrderKind? Kind, WorkOrderPriority? Priority, int FirstContactMinutes, int CompletionMinutes, int RepairTurnaroundMinutes,
    SlaClockMode Mode = SlaClockMode.BusinessHours);

/// <summary>The working week (day name → intervals like <c>09:00-18:00</c>), special days (text), policies.</summary>
public sealed record SlaSettingsView(IReadOnlyDictionary<string, IReadOnlyList<string>> Week, string SpecialDays, IReadOnlyList<SlaPolicyInput> Policies, long Version);

public sealed record UpdateSlaSettingsRequest(Dictionary<string, List<string>>? Week, string? SpecialDays, List<SlaPolicyInput>? Policies, long ExpectedVersion);

/// <summary>
/// A tenant's SLA settings, and the policies + calendar the clocks run on. The holiday calendar is data the
/// administrator pastes in each year (国务院办公厅 notice), checked line by line.
/// </summary>
public sealed class SlaSettingsHandler(CareLoopDbContext db, ITenantContext tenant, IAuditLog audit, IMemoryCache cache, TimeProvider time)
{
    private const int MaxBudgetMinutes = 60 * 24 * 60;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SlaSettingsView> GetAsync(CancellationToken cancellationToken) =>
        View(await db.Set<Domain.SlaSettings>().AsNoTracking().SingleOrDefaultAsync(cancellationToken));

    /// <summary>
    /// The policies and calendar the clocks run on, parsed once per tenant and kept for <see cref="CacheFor"/>
    /// (every work-order write reads them; at an order peak that is thousands a second). Saving drops this node's
    /// copy at once; other nodes follow within the minute.
    /// </summary>
    public async Task<(IReadOnlyList<SlaPolicy> Policies, BusinessCalendar Calendar)> ConfigurationAsync(CancellationToken cancellationToken)
    {
        var key = CacheKey(tenant.RequireTenantId());
        if (cache.TryGetValue(key, out (IReadOnlyList<SlaPolicy>, BusinessCalendar) cached))
        {
            return cached;
        }

        var view = await GetAsync(cancellationToken);
        var week = view.Week.ToDictionary(d => Enum.Parse<DayOfWeek>(d.Key, ignoreCase: true), d => (IReadOnlyList<WorkingHours>)d.Value.Select(WorkingHours.Parse).ToList());
        var special = CalendarDaysParser.Parse(view.SpecialDays).Days;
        (IReadOnlyList<SlaPolicy>, BusinessCalendar) configuration = (view.Policies.Select(ToPolicy).ToList(), BusinessCalendar.For(week, special));
        cache.Set(key, configuration, CacheFor);
        return configuration;
    }

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);

    private static string CacheKey(Guid tenantId) => "sla-configuration:" + tenantId;

    public async Task<Result<SlaSettingsView>> UpdateAsync(ClaimsPrincipal actor, UpdateSlaSettingsRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettingsManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation();
        var week = ValidateWeek(request.Week ?? [], v);
        foreach (var error in CalendarDaysParser.Parse(request.SpecialDays ?? "").Errors)
        {
            v.Add($"specialDays[{error.Line}]", error.Code, error.Line);
        }

        var policies = request.Policies ?? [];
        for (var i = 0; i < policies.Count; i++)
        {
            var p = policies[i];
            v.Range($"policies[{i}].firstContactMinutes", p.FirstContactMinutes, 1, MaxBudgetMinutes)
                .Range($"policies[{i}].completionMinutes", p.CompletionMinutes, 1, MaxBudgetMinutes)
                .Range($"policies[{i}].repairTurnaroundMinutes", p.RepairTurnaroundMinutes, 1, MaxBudgetMinutes);
            if ((p.Kind is { } k && !Enum.IsDefined(k)) || (p.Priority is { } pr && !Enum.IsDefined(pr)) || !Enum.IsDefined(p.Mode))
            {
                v.Add($"policies[{i}]", ErrorCodes.InvalidFormat);
            }
            else if (policies.Take(i).Any(o => o.Kind == p.Kind && o.Priority == p.Priority))
            {
                v.Add($"policies[{i}]", ErrorCodes.Duplicate);
            }
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var saved = await db.Set<Domain.SlaSettings>().SingleOrDefaultAsync(cancellationToken);
        if ((saved?.Version ?? 0) != request.ExpectedVersion)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        if (saved is null)
        {
            saved = Domain.SlaSettings.Create(tenant.RequireTenantId());
            saved.Version = 1;
            db.Add(saved);
        }
        else
        {
            db.Entry(saved).State = EntityState.Modified;
        }

        saved.Change(JsonSerializer.Serialize(week, Json), request.SpecialDays?.Trim() ?? "", JsonSerializer.Serialize(policies, Json));
        audit.Record("settings.sla-changed", "SlaSettings", saved.TenantId.ToString(), new { days = week.Count, policies = policies.Count });
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);

            // New hours, holidays or budgets move every running clock's thresholds: the SLA job recomputes them all.
            var now = time.GetUtcNow();
            await db.Set<WorkOrder>().Where(w => EvaluateSla.SlaEvaluator.Running.Contains(w.State))
                .ExecuteUpdateAsync(u => u.SetProperty(w => w.SlaCheckAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        cache.Remove(CacheKey(saved.TenantId));
        return View(saved);
    }

    private static Dictionary<string, List<string>> ValidateWeek(Dictionary<string, List<string>> week, Validation v)
    {
        var clean = new Dictionary<string, List<string>>();
        foreach (var (day, intervals) in week)
        {
            if (!Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out var parsed) || int.TryParse(day, out _))
            {
                v.Add($"week.{day}", ErrorCodes.InvalidFormat);
                continue;
            }

            var hours = new List<WorkingHours>();
            foreach (var interval in intervals)
            {
                if (WorkingHours.TryParse(interval, out var h))
                {
                    hours.Add(h!);
                }
                else
                {
                    v.Add($"week.{parsed}", ErrorCodes.InvalidFormat);
                }
            }

            if (!WorkingHours.TryOrder(hours, out var ordered))
            {
                v.Add($"week.{parsed}", ErrorCodes.Duplicate);
                continue;
            }

            clean[parsed.ToString()] = ordered.Select(h => h.ToString()).ToList();
        }

        if (clean.Values.All(h => h.Count == 0))
        {
            v.Add("week", ErrorCodes.Required);
        }

        return clean;
    }

    private static SlaSettingsView View(Domain.SlaSettings? saved)
    {
        if (saved is null)
        {
            var standard = BusinessCalendar.StandardWeek.ToDictionary(d => d.Key.ToString(), d => (IReadOnlyList<string>)d.Value.Select(h => h.ToString()).ToList());
            var d = SlaPolicy.Default;
            return new SlaSettingsView(standard, "", [new(null, null, (int)d.FirstContact.TotalMinutes, (int)d.Completion.TotalMinutes, (int)d.RepairTurnaround.TotalMinutes, d.Mode)], 0);
        }

        return new SlaSettingsView(
            JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<string>>>(saved.WeekJson, Json)!,
            saved.SpecialDays,
            JsonSerializer.Deserialize<List<SlaPolicyInput>>(saved.PoliciesJson, Json)!,
            saved.Version);
    }

    private static SlaPolicy ToPolicy(SlaPolicyInput p) =>
        new(p.Kind, p.Priority, TimeSpan.FromMinutes(p.FirstContactMinutes), TimeSpan.FromMinutes(p.CompletionMinutes), TimeSpan.FromMinutes(p.RepairTurnaroundMinutes), p.Mode);
}

public static class SlaSettingsEndpoints
{
    public static void MapSlaSettings(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings/sla").WithTags("Settings");
        settings.MapGet("/", async (SlaSettingsHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.GetAsync(ct)))
            .RequireAuthorization(Permissions.WorkOrdersRead)
            .WithSummary("The tenant's working week, special days (holidays, make-up days) and SLA policies.");
        settings.MapPut("/", async (UpdateSlaSettingsRequest body, ClaimsPrincipal user, SlaSettingsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(user, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SettingsManage)
            .WithSummary("Change the SLA settings (expectedVersion from GET; 409 when stale; each bad calendar line is a field error).");
    }
}
