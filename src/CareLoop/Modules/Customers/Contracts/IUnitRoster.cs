namespace CareLoop.Modules.Customers.Contracts;

/// <summary>
/// Registered units in registration order, for modules that keep a schedule per unit (Lifecycle): every registration
/// path (staff, self-registration, import, platform orders) lands here, so a reader that walks the roster with a
/// cursor sees each unit once, and a cursor at the start backfills every existing unit.
/// </summary>
public interface IUnitRoster
{
    /// <summary>
    /// Up to <paramref name="take"/> units registered at or after <paramref name="from"/> (after skipping the first
    /// <paramref name="skip"/> registered exactly at <paramref name="from"/>), oldest first.
    /// </summary>
    Task<IReadOnlyList<UnitLifecycleFacts>> RegisteredSinceAsync(DateTimeOffset from, int skip, int take, CancellationToken cancellationToken);

    /// <summary>The facts of these units now (owner, area, tags, warranty end), for the ones that exist.</summary>
    Task<IReadOnlyList<UnitLifecycleFacts>> FactsAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken cancellationToken);
}

/// <summary>
/// What a schedule needs of one unit: its owner, model, the day its life started (installation, else delivery, else
/// purchase, else registration), when it was registered, the owner's district and tags, and the last day of the
/// main-unit warranty (null when the policy gives none).
/// </summary>
public sealed record UnitLifecycleFacts(
    Guid UnitId, Guid CustomerId, Guid ModelId, DateOnly StartedOn, DateTimeOffset RegisteredAt, string? DistrictCode, IReadOnlyList<string> Tags, DateOnly? WarrantyEndsOn);
