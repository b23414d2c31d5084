using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.WorkOrders.Domain;

public enum ChargeKind
{
    Part = 1,
    Labour = 2,
    VisitFee = 3,
    Shipping = 4,
}

/// <summary>
/// One line of what a job costs, in 分. Covered lines are the brand's (warranty, goodwill); the customer pays the rest,
/// and only after approving the quote. A unit under warranty costs its owner nothing: every line is covered,
/// shipping both ways included.
/// </summary>
public sealed class ChargeLine : ITenantOwned
{
    private ChargeLine()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public ChargeKind Kind { get; private set; }

    public string Description { get; private set; } = "";

    public int Quantity { get; private set; }

    public long UnitPriceFen { get; private set; }

    public bool Covered { get; private set; }

    public string AddedByName { get; private set; } = "";

    public DateTimeOffset AddedAt { get; private set; }

    public long TotalFen => Quantity * UnitPriceFen;

    public static ChargeLine Create(Guid tenantId, Guid workOrderId, ChargeKind kind, string description, int quantity, long unitPriceFen, bool covered, string addedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        WorkOrderId = workOrderId,
        Kind = kind,
        Description = description.Trim(),
        Quantity = quantity,
        UnitPriceFen = unitPriceFen,
        Covered = covered,
        AddedByName = addedBy,
        AddedAt = now,
    };
}
