using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Demo;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Dispatch;

/// <summary>
/// Development, with <c>Demo:RouteDay</c> (on in appsettings.Development.json, off in tests): a day of jobs for
/// 苏州姑苏服务站 tomorrow, so route planning has something to plan — installations, repairs and maintenance across
/// 姑苏区 with two-hour windows, one address without coordinates (<c>no_location</c>) and one window too late for the
/// shift (<c>outside_shift</c>). Added again each day the app starts and finds tomorrow empty.
/// </summary>
internal sealed class RouteDayDemoSeeder(
    CareLoopDbContext db, ITenantContext tenant, ICustomerIntake intake, IWorkOrderDesk desk, ICatalog catalog, IConfiguration configuration, TimeProvider time)
    : IDemoSeeder
{
    private static readonly (string Name, string Phone, string District, string Detail, double? Lat, double? Lng, string Sku, WorkOrderKind Kind, int Hour, int Minute)[] Jobs =
    [
        ("吴建国", "13962100001", "320508", "干将西路 1288 号 3 幢 602 室", 31.2985, 120.6021, "WP-RO600", WorkOrderKind.Installation, 9, 0),
        ("沈丽华", "13962100002", "320508", "十全街 216 号 1 幢 301 室", 31.2951, 120.6334, "RV-X20", WorkOrderKind.OnSiteRepair, 9, 0),
        ("陆明", "13962100003", "320508", "平江路 120 号", 31.3168, 120.6322, "WP-RO600", WorkOrderKind.Maintenance, 10, 0),
        ("朱婷", "13962100004", "320508", "山塘街 338 号 2 幢 101 室", 31.3176, 120.5988, "WP-RO600", WorkOrderKind.Installation, 10, 0),
        ("钱志强", "13962100005", "320505", "狮山路 88 号 5 幢 1203 室", 31.2960, 120.5660, "RV-X20", WorkOrderKind.OnSiteRepair, 11, 0),
        ("孙佳怡", "13962100006", "320508", "人民路 3188 号 8 幢 902 室", 31.3320, 120.6170, "WP-RO600", WorkOrderKind.Installation, 13, 0),
        ("周晓东", "13962100007", "320508", "东环路 1500 号 4 幢 502 室", 31.3050, 120.6520, "RV-X20", WorkOrderKind.Maintenance, 13, 0),
        ("蒋欣", "13962100008", "320507", "元和街道 阳澄湖东路 66 号", 31.3680, 120.6400, "WP-RO600", WorkOrderKind.Installation, 14, 0),
        ("韩雪", "13962100009", "320508", "南门路 80 号 2 幢 401 室", 31.2880, 120.6150, "RV-X20", WorkOrderKind.OnSiteGuidance, 15, 0),
        ("杨帆", "13962100010", "320508", "桐泾北路 218 号 6 幢 701 室", 31.3100, 120.5900, "WP-RO600", WorkOrderKind.Installation, 16, 0),
        ("许磊", "13962100011", "320508", "胥江路 426 号（地址待核实）", null, null, "WP-RO600", WorkOrderKind.Installation, 10, 0),
        ("何静", "13962100012", "320508", "三香路 998 号 1 幢 1602 室", 31.2990, 120.5950, "WP-RO600", WorkOrderKind.Installation, 19, 30),
    ];

    public async Task SeedAsync(DemoTenants tenants, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:RouteDay", false))
        {
            return;
        }

        tenant.Set(tenants.BrandId, DemoSeeder.BrandSlug);
        var tomorrow = TimeDisplay.Today(time).AddDays(1);
        var waiting = await desk.UnassignedAsync("3205", 2000, cancellationToken);
        if (waiting.Any(w => w.AppointmentStart is { } s && TimeDisplay.DateOf(s) == tomorrow && w.RegionCode is "320508"))
        {
            return;
        }

        foreach (var j in Jobs)
        {
            var model = (await catalog.FindModelBySkuAsync(j.Sku, cancellationToken))!;
            var buyer = await intake.StageAsync(new BuyerInput(j.Name, j.Phone, j.District, j.Detail, j.Lat, j.Lng),
                [new UnitInput(model.Id, model.Sku, null, "unit")], "tmall", "DEMO-ROUTE-" + j.Phone[^2..], tomorrow.AddDays(-3), cancellationToken);
            var staged = buyer.Value!;
            var start = TimeDisplay.ToUtc(tomorrow, new TimeOnly(j.Hour, j.Minute));
            await desk.StageAsync(new StagedWorkOrder(staged.CustomerId, staged.UnitIds.Count > 0 ? staged.UnitIds[0] : null, staged.AddressId, staged.DistrictCode, j.Kind,
                $"演示：{model.Name}", "演示数据", start, start.AddHours(j.Minute == 0 ? 2 : 0.5)), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
