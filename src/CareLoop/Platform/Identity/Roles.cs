namespace CareLoop.Platform.Identity;

public static class Roles
{
    public const string PlatformAdmin = nameof(PlatformAdmin);
    public const string TenantAdmin = nameof(TenantAdmin);
    public const string Supervisor = nameof(Supervisor);
    public const string Agent = nameof(Agent);
    public const string Dispatcher = nameof(Dispatcher);
    public const string Engineer = nameof(Engineer);
    public const string RepairTechnician = nameof(RepairTechnician);
    public const string WarehouseClerk = nameof(WarehouseClerk);
    public const string QualityManager = nameof(QualityManager);

    /// <summary>A contracted service provider's administrator (服务商管理员): sees and confirms that provider's statements (Network links the account to the provider).</summary>
    public const string ProviderAdmin = nameof(ProviderAdmin);

    public static readonly IReadOnlyList<string> All =
    [
        PlatformAdmin, TenantAdmin, Supervisor, Agent, Dispatcher, Engineer, RepairTechnician, WarehouseClerk, QualityManager, ProviderAdmin,
    ];

    /// <summary>Roles a tenant admin may hand out; PlatformAdmin is granted only by the platform.</summary>
    public static readonly IReadOnlyList<string> Assignable = All.Where(r => r != PlatformAdmin).ToArray();
}
