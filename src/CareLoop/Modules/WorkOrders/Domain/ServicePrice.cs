using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.WorkOrders.Domain;

/// <summary>
/// The tenant's price list for one kind of job, in 分: the labour charge and the visit fee the engineer's phone adds
/// (covered under warranty like every line). A minimal list until a pricing module exists; kinds a tenant has not set,
/// or whose entry was deactivated, use <see cref="Default"/>. A deactivated entry keeps its amounts for the record.
/// </summary>
public sealed class ServicePrice : ITenantOwned
{
    public const long MaxFen = 10_000_000;

    private ServicePrice()
    {
    }

    public Guid TenantId { get; private set; }

    public WorkOrderKind Kind { get; private set; }

    public long LabourFen { get; private set; }

    public long VisitFeeFen { get; private set; }

    /// <summary>Set when an administrator deactivated the entry; the kind's default applies again until it is set anew.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    /// <summary>Installation is part of the sale (free); a repair ¥80 labour and ¥30 visit; maintenance ¥50 and ¥30; the rest nothing.</summary>
    public static (long LabourFen, long VisitFeeFen) Default(WorkOrderKind kind) => kind switch
    {
        WorkOrderKind.OnSiteRepair => (8000, 3000),
        WorkOrderKind.Maintenance => (5000, 3000),
        _ => (0, 0),
    };

    public static ServicePrice Create(Guid tenantId, WorkOrderKind kind) => new() { TenantId = tenantId, Kind = kind };

    /// <summary>Sets the amounts; a deactivated entry is active again.</summary>
    public void Change(long labourFen, long visitFeeFen)
    {
        LabourFen = labourFen;
        VisitFeeFen = visitFeeFen;
        DeactivatedAt = null;
    }

    public void Deactivate(DateTimeOffset at)
    {
        if (!IsActive)
        {
            throw new InvalidOperationException($"The {Kind} price is already deactivated.");
        }

        DeactivatedAt = at;
    }
}
