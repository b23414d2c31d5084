using CareLoop.Modules.WorkOrders.Domain.Sla;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.WorkOrders.Domain;

/// <summary>
/// A tenant's SLA configuration as the administrator typed it: the working week, the special-days calendar (public
/// holidays and 调休 make-up days, in <see cref="CalendarDaysParser"/>'s text format) and the policies. Absent until
/// saved; the defaults apply meanwhile (Mon–Fri 09:00–18:00, no special days, <see cref="SlaPolicy.Default"/>).
/// </summary>
public sealed class SlaSettings : ITenantOwned, IVersioned
{
    private SlaSettings()
    {
    }

    public Guid TenantId { get; private set; }

    /// <summary>JSON: day of week → working intervals, e.g. <c>{"Monday":["09:00-18:00"]}</c>.</summary>
    public string WeekJson { get; private set; } = "";

    public string SpecialDays { get; private set; } = "";

    /// <summary>JSON array of policies (kind, priority, budgets in minutes, mode).</summary>
    public string PoliciesJson { get; private set; } = "";

    public long Version { get; set; }

    public static SlaSettings Create(Guid tenantId) => new() { TenantId = tenantId };

    public void Change(string weekJson, string specialDays, string policiesJson)
    {
        WeekJson = weekJson;
        SpecialDays = specialDays;
        PoliciesJson = policiesJson;
    }
}
