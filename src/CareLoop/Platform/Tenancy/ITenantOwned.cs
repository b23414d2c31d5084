namespace CareLoop.Platform.Tenancy;

/// <summary>
/// Marks a row that belongs to exactly one tenant. <see cref="Persistence.CareLoopDbContext"/> filters every
/// query on it by the current tenant and stamps <see cref="TenantId"/> on insert (docs/adr/0005-tenancy-model.md).
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
