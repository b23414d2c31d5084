namespace CareLoop.Platform.Identity;

/// <summary>
/// Authorization is per action, not per page: every endpoint and every page action names one permission,
/// and <see cref="RolePermissions"/> is the single table that grants permissions to roles.
/// Each permission is also an authorization policy of the same name.
/// </summary>
public static class Permissions
{
    public const string DashboardView = "dashboard.view";
    public const string UsersRead = "users.read";
    public const string UsersManage = "users.manage";
    public const string AuditRead = "audit.read";
    public const string OutboxManage = "outbox.manage";
    public const string TokensManageOwn = "tokens.manage-own";
    public const string MobileUse = "mobile.use";
    public const string CatalogRead = "catalog.read";
    public const string CatalogManage = "catalog.manage";
    public const string NetworkRead = "network.read";
    public const string CustomersRead = "customers.read";
    public const string CustomersManage = "customers.manage";
    public const string CustomersRevealPhone = "customers.reveal-phone";
    public const string WarrantyApprove = "warranty.approve";
    public const string SettingsManage = "settings.manage";
    public const string CustomersImport = "customers.import";
    public const string CustomersExport = "customers.export";

    public static readonly IReadOnlyList<string> All =
        [DashboardView, UsersRead, UsersManage, AuditRead, OutboxManage, TokensManageOwn, MobileUse, CatalogRead, CatalogManage, NetworkRead, CustomersRead, CustomersManage, CustomersRevealPhone, WarrantyApprove, SettingsManage, CustomersImport, CustomersExport];
}

public static class RolePermissions
{
    private static readonly string[] Everyone = [Permissions.DashboardView, Permissions.TokensManageOwn, Permissions.CatalogRead];

    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Map = new Dictionary<string, IReadOnlySet<string>>
    {
        [Roles.PlatformAdmin] = Set(Permissions.UsersRead, Permissions.UsersManage, Permissions.AuditRead, Permissions.OutboxManage, Permissions.CatalogManage, Permissions.NetworkRead, Permissions.CustomersRead, Permissions.CustomersManage),
        [Roles.TenantAdmin] = Set(Permissions.UsersRead, Permissions.UsersManage, Permissions.AuditRead, Permissions.OutboxManage, Permissions.CatalogManage, Permissions.NetworkRead, Permissions.CustomersRead, Permissions.CustomersManage, Permissions.CustomersRevealPhone, Permissions.WarrantyApprove, Permissions.SettingsManage, Permissions.CustomersImport, Permissions.CustomersExport),
        [Roles.Supervisor] = Set(Permissions.UsersRead, Permissions.AuditRead, Permissions.NetworkRead, Permissions.CustomersRead, Permissions.CustomersManage, Permissions.CustomersRevealPhone, Permissions.WarrantyApprove, Permissions.CustomersImport, Permissions.CustomersExport),
        [Roles.Agent] = Set(Permissions.CustomersRead, Permissions.CustomersManage, Permissions.CustomersRevealPhone),
        [Roles.Dispatcher] = Set(Permissions.UsersRead, Permissions.NetworkRead, Permissions.CustomersRead),
        [Roles.Engineer] = Set(Permissions.MobileUse),
        [Roles.RepairTechnician] = Set(),
        [Roles.WarehouseClerk] = Set(),
        [Roles.QualityManager] = Set(Permissions.AuditRead, Permissions.CustomersRead),
    };

    public static IEnumerable<string> For(IEnumerable<string> roles) =>
        roles.SelectMany(r => Map.TryGetValue(r, out var set) ? set : Enumerable.Empty<string>()).Distinct();

    private static HashSet<string> Set(params string[] permissions) => [.. Everyone, .. permissions];
}
