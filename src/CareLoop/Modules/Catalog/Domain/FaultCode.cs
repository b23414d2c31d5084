using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Catalog.Domain;

/// <summary>Three levels, as service data needs them: what the customer sees, which component, the root cause.</summary>
public enum FaultLevel
{
    Symptom = 1,
    Component = 2,
    Cause = 3,
}

/// <summary>A node of a category's fault tree: symptom → component → cause.</summary>
public sealed class FaultCode : ITenantOwned
{
    private FaultCode()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid CategoryId { get; private set; }

    public Guid? ParentId { get; private set; }

    public FaultLevel Level { get; private set; }

    /// <summary>Unique within the category, e.g. <c>S01</c>, <c>S01-C02</c>, <c>S01-C02-R03</c>.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public bool IsActive { get; private set; } = true;

    /// <summary>A symptom has no parent; a component hangs under a symptom; a cause under a component.</summary>
    public static FaultLevel? LevelUnder(FaultCode? parent) => parent?.Level switch
    {
        null => FaultLevel.Symptom,
        FaultLevel.Symptom => FaultLevel.Component,
        FaultLevel.Component => FaultLevel.Cause,
        _ => null,
    };

    public static FaultCode Create(Guid tenantId, Guid categoryId, FaultCode? parent, string code, string name, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        CategoryId = categoryId,
        ParentId = parent?.Id,
        Level = LevelUnder(parent) ?? throw new InvalidOperationException("A cause cannot have children."),
        Code = code.Trim().ToUpperInvariant(),
        Name = name.Trim(),
    };

    public void Rename(string name, bool isActive)
    {
        Name = name.Trim();
        IsActive = isActive;
    }
}
