using System.Linq.Expressions;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Platform.Persistence;

/// <summary>
/// The one DbContext. Its model is every module's <see cref="IEntityTypeConfiguration{TEntity}"/> in this assembly;
/// tenant-owned entities are filtered by the current tenant (fail closed: no tenant, no rows).
/// </summary>
public sealed class CareLoopDbContext(
    DbContextOptions<CareLoopDbContext> options,
    ITenantContext tenant,
    TimeProvider time,
    DatabaseProvider provider)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<OutboxDelivery> OutboxDeliveries => Set<OutboxDelivery>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Read by the tenant query filters on every query (EF parameterizes it per query).</summary>
    internal Guid CurrentTenantId => tenant.TenantId ?? Guid.Empty;

    internal DatabaseProvider Provider => provider;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<string>().HaveMaxLength(4000);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        provider.ConfigureConventions(configurationBuilder);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CareLoopDbContext).Assembly);

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            // No index on TenantId alone: every lookup is by a key within the tenant, and with one big tenant a
            // TenantId-only index lures the planner into walking the whole tenant (composite indexes lead with it).
            builder.Entity(entity.ClrType).HasQueryFilter(TenantFilter(entity.ClrType));
        }

        // Every Guid key is made by the application (Guid v7). Telling EF so means a new child added to a tracked
        // aggregate is inserted, instead of being mistaken for an existing row because its key is already set.
        foreach (var key in builder.Model.GetEntityTypes().Select(e => e.FindPrimaryKey()).OfType<Microsoft.EntityFrameworkCore.Metadata.IMutableKey>())
        {
            foreach (var property in key.Properties.Where(p => p.ClrType == typeof(Guid)))
            {
                property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType)))
        {
            builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
    }

    /// <summary>Only framework code (Data Protection's key store) saves synchronously; application code awaits.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var auto = PrepareSave();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var auto = PrepareSave();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

    /// <summary>
    /// Detects changes once, then guards tenants, bumps versions and moves domain events to the outbox with automatic
    /// detection off (each <c>Entries()</c> call and the save itself would scan every tracked entity again: at an order
    /// peak that was a measurable share of the CPU). Returns the setting to restore after the save.
    /// </summary>
    private bool PrepareSave()
    {
        ChangeTracker.DetectChanges();
        var auto = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            GuardTenants();
            BumpVersions();
            MoveDomainEventsToOutbox(time.GetUtcNow());
        }
        catch
        {
            ChangeTracker.AutoDetectChangesEnabled = auto;
            throw;
        }

        return auto;
    }

    private LambdaExpression TenantFilter(Type entityType)
    {
        var e = Expression.Parameter(entityType, "e");
        var body = Expression.Equal(
            Expression.Property(e, nameof(ITenantOwned.TenantId)),
            Expression.Property(Expression.Constant(this), nameof(CurrentTenantId)));
        return Expression.Lambda(body, e);
    }

    /// <summary>New rows get the current tenant; no row of another tenant may be written.</summary>
    private void GuardTenants()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            var property = entry.Property(nameof(ITenantOwned.TenantId));
            var rowTenant = (Guid)property.CurrentValue!;
            if (entry.State == EntityState.Added && rowTenant == Guid.Empty)
            {
                property.CurrentValue = tenant.TenantId
                    ?? throw new InvalidOperationException($"Cannot add {entry.Metadata.ClrType.Name} without a tenant.");
                continue;
            }

            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && tenant.TenantId is { } current && rowTenant != current)
            {
                throw new CrossTenantWriteException(entry.Metadata.ClrType.Name);
            }
        }
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
        {
            var version = entry.Property(nameof(IVersioned.Version));
            version.CurrentValue = (long)version.OriginalValue! + 1;
        }
    }

    private void MoveDomainEventsToOutbox(DateTimeOffset now)
    {
        var sources = ChangeTracker.Entries<IHasDomainEvents>()
            .Select(e => e.Entity)
            .Where(e => e.DomainEvents.Count > 0)
            .ToList();
        foreach (var source in sources)
        {
            var tenantId = source is ITenantOwned owned ? owned.TenantId : tenant.RequireTenantId();
            foreach (var domainEvent in source.DomainEvents)
            {
                OutboxMessages.Add(OutboxSerializer.ToMessage(tenantId, domainEvent, now));
            }

            source.ClearDomainEvents();
        }
    }
}

/// <summary>A bug, never user input: code tried to write a row that belongs to another tenant.</summary>
public sealed class CrossTenantWriteException(string entity)
    : InvalidOperationException($"Refused to write a {entity} row of another tenant.");
