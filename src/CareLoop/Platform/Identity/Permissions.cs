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
    public const string WorkOrdersRead = "work-orders.read";

    /// <summary>Every order of the tenant; without it (engineers) only the orders assigned to oneself.</summary>
    public const string WorkOrdersReadAll = "work-orders.read-all";
    public const string WorkOrdersCreate = "work-orders.create";

    /// <summary>May call the transition endpoint; which actions is the state machine's table (roles per transition).</summary>
    public const string WorkOrdersTransition = "work-orders.transition";
    public const string ServiceRequestsRead = "service-requests.read";
    public const string ServiceRequestsManage = "service-requests.manage";

    /// <summary>Ask for a tighter SLA on one order (special approval, 特批).</summary>
    public const string SlaUpgradesRequest = "sla-upgrades.request";

    /// <summary>Approve or reject such requests.</summary>
    public const string SlaUpgradesDecide = "sla-upgrades.decide";

    /// <summary>Keep one's own saved list views (and share them with the tenant).</summary>
    public const string SavedViewsUse = "saved-views.use";

    /// <summary>Delete views other users shared with the tenant (their private views stay invisible).</summary>
    public const string SavedViewsManageShared = "saved-views.manage-shared";

    /// <summary>See the platform orders received and the refused ones (the dead-letter list).</summary>
    public const string IntegrationsRead = "integrations.read";

    /// <summary>Create, rotate and revoke the shops' integration keys; replay or dismiss refused orders.</summary>
    public const string IntegrationsManage = "integrations.manage";

    /// <summary>Edit providers, stations, contracts and engineers' profiles (skills, certificates, areas, calendar).</summary>
    public const string NetworkManage = "network.manage";

    /// <summary>See the dispatcher board: the queue, engineers' load, dispatch decisions and their explanations.</summary>
    public const string DispatchRead = "dispatch.read";

    /// <summary>Assign or reassign an order to an engineer who passes the hard rules; re-run automatic dispatch; plan routes.</summary>
    public const string DispatchAssign = "dispatch.assign";

    /// <summary>Assign to an engineer a hard rule excludes (no skill, off shift…), with a recorded reason.</summary>
    public const string DispatchOverride = "dispatch.override";

    /// <summary>See the grab pool and grab offered orders (engineers).</summary>
    public const string DispatchGrab = "dispatch.grab";

    /// <summary>Work the satisfaction callback queue: call, record outcomes, send survey links.</summary>
    public const string CallbacksWork = "callbacks.work";

    /// <summary>Sample confirmed callbacks and record re-check results (quality control).</summary>
    public const string CallbacksSupervise = "callbacks.supervise";

    /// <summary>See lifecycle schedules, the call list and campaign progress.</summary>
    public const string LifecycleRead = "lifecycle.read";

    /// <summary>Work call-list entries (record attempts and outcomes) and record consumable replacements.</summary>
    public const string LifecycleCall = "lifecycle.call";

    /// <summary>Define campaigns and lifecycle templates, assign agents, run the daily computation by hand.</summary>
    public const string LifecycleManage = "lifecycle.manage";

    public static readonly IReadOnlyList<string> All =
        [DashboardView, UsersRead, UsersManage, AuditRead, OutboxManage, TokensManageOwn, MobileUse, CatalogRead, CatalogManage, NetworkRead, CustomersRead, CustomersManage, CustomersRevealPhone, WarrantyApprove, SettingsManage, CustomersImport, CustomersExport, WorkOrdersRead, WorkOrdersReadAll, WorkOrdersCreate, WorkOrdersTransition, ServiceRequestsRead, ServiceRequestsManage, SlaUpgradesRequest, SlaUpgradesDecide, SavedViewsUse, SavedViewsManageShared, IntegrationsRead, IntegrationsManage, NetworkManage, DispatchRead, DispatchAssign, DispatchOverride, DispatchGrab, CallbacksWork, CallbacksSupervise, LifecycleRead, LifecycleCall, LifecycleManage, SettlementRead, SettlementManage, SettlementApprove, SettlementProvider];
    /// <summary>See commission rules, every party's ledger and statements.</summary>
    public const string SettlementRead = "settlement.read";

    /// <summary>Edit commission rules, close a month, issue and pay statements, request corrections.</summary>
    public const string SettlementManage = "settlement.manage";

    /// <summary>Approve somebody else's correction (a reversing ledger entry).</summary>
    public const string SettlementApprove = "settlement.approve";

    /// <summary>See, confirm and export the statements of the provider one administers (and of its engineers) — nobody else's.</summary>
    public const string SettlementProvider = "settlement.provider";

}

public static class RolePermissions
{
    private static readonly string[] Everyone = [Permissions.DashboardView, Permissions.TokensManageOwn, Permissions.CatalogRead, Permissions.SavedViewsUse];

    private static readonly string[] Service = [Permissions.WorkOrdersRead, Permissions.WorkOrdersReadAll, Permissions.WorkOrdersTransition];

    private static readonly string[] Dispatch = [Permissions.DispatchRead, Permissions.DispatchAssign];

    private static readonly string[] Lifecycle = [Permissions.LifecycleRead, Permissions.LifecycleCall];

    private static readonly string[] ServiceDesk = [Permissions.ServiceRequestsRead, Permissions.ServiceRequestsManage];

    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Map = new Dictionary<string, IReadOnlySet<string>>
    {
        [Roles.PlatformAdmin] = Set(Permissions.UsersRead, Permissions.UsersManage, Permissions.AuditRead, Permissions.OutboxManage, Permissions.CatalogManage, Permissions.NetworkRead, Permissions.CustomersRead, Permissions.CustomersManage, Permissions.WorkOrdersRead, Permissions.WorkOrdersReadAll),
        [Roles.TenantAdmin] = Set([Permissions.UsersRead, Permissions.UsersManage, Permissions.AuditRead, Permissions.OutboxManage, Permissions.CatalogManage, Permissions.NetworkRead, Permissions.CustomersRead, Permissions.CustomersManage, Permissions.CustomersRevealPhone, Permissions.WarrantyApprove, Permissions.SettingsManage, Permissions.CustomersImport, Permissions.CustomersExport, .. Service, Permissions.WorkOrdersCreate, .. ServiceDesk, Permissions.SlaUpgradesRequest, Permissions.SlaUpgradesDecide, Permissions.SavedViewsManageShared, Permissions.IntegrationsRead, Permissions.IntegrationsManage, Permissions.NetworkManage, .. Dispatch, Permissions.DispatchOverride, .. Lifecycle, Permissions.LifecycleManage, Permissions.CallbacksWork, Permissions.CallbacksSupervise, Permissions.SettlementRead, Permissions.SettlementManage, Permissions.SettlementApprove]),
        [Roles.Supervisor] = Set([Permissions.UsersRead, Permissions.AuditRead, Permissions.NetworkRead, Permissions.CustomersRead, Permissions.CustomersManage, Permissions.CustomersRevealPhone, Permissions.WarrantyApprove, Permissions.CustomersImport, Permissions.CustomersExport, .. Service, Permissions.WorkOrdersCreate, .. ServiceDesk, Permissions.SlaUpgradesRequest, Permissions.SlaUpgradesDecide, Permissions.IntegrationsRead, Permissions.NetworkManage, .. Dispatch, Permissions.DispatchOverride, .. Lifecycle, Permissions.LifecycleManage, Permissions.CallbacksWork, Permissions.CallbacksSupervise, Permissions.SettlementRead, Permissions.SettlementApprove]),
        [Roles.Agent] = Set([Permissions.CustomersRead, Permissions.CustomersManage, Permissions.CustomersRevealPhone, .. Service, Permissions.WorkOrdersCreate, .. ServiceDesk, Permissions.SlaUpgradesRequest, .. Lifecycle, Permissions.CallbacksWork]),
        [Roles.Dispatcher] = Set([Permissions.UsersRead, Permissions.NetworkRead, Permissions.CustomersRead, .. Service, Permissions.ServiceRequestsRead, Permissions.SlaUpgradesRequest, .. Dispatch]),
        [Roles.Engineer] = Set(Permissions.MobileUse, Permissions.WorkOrdersRead, Permissions.WorkOrdersTransition, Permissions.DispatchGrab),
        [Roles.RepairTechnician] = Set([.. Service]),
        [Roles.WarehouseClerk] = Set([.. Service]),
        [Roles.QualityManager] = Set([Permissions.AuditRead, Permissions.CustomersRead, .. Service, Permissions.ServiceRequestsRead, Permissions.CallbacksSupervise]),
        [Roles.ProviderAdmin] = Set(Permissions.SettlementProvider),
    };

    public static IEnumerable<string> For(IEnumerable<string> roles) =>
        roles.SelectMany(r => Map.TryGetValue(r, out var set) ? set : Enumerable.Empty<string>()).Distinct();

    private static HashSet<string> Set(params string[] permissions) => [.. Everyone, .. permissions];
}
