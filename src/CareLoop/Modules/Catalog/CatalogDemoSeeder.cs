using CareLoop.Modules.Catalog.Domain;
using CareLoop.Platform.Demo;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Catalog;

/// <summary>
/// The demo brand's catalog. Scripts and tests rely on: SKU <c>WP-RO600</c> (water purifier; PP cotton every
/// 90 days, RO membrane every 720 days) and <c>RV-X20</c> (robot vacuum; HEPA filter 90 days, main brush 180 days).
/// </summary>
internal sealed class CatalogDemoSeeder(CareLoopDbContext db, ITenantContext tenant, TimeProvider time) : IDemoSeeder
{
    public async Task SeedAsync(DemoTenants tenants, CancellationToken cancellationToken)
    {
        tenant.Set(tenants.BrandId, DemoSeeder.BrandSlug);
        if (await db.Set<ProductCategory>().AnyAsync(cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        var categories = new[]
        {
            ("water-purifier", "净水器"), ("robot-vacuum", "扫地机器人"), ("floor-washer", "洗地机"),
            ("cordless-vacuum", "无线吸尘器"), ("hair-dryer", "吹风机"),
        }.Select((c, i) => ProductCategory.Create(tenants.BrandId, c.Item1, c.Item2, i, now)).ToDictionary(c => c.Code);
        db.AddRange(categories.Values);

        var purifier = ProductModel.Create(tenants.BrandId, "WP-RO600", "RO600 反渗透净水器", categories["water-purifier"].Id, now);
        purifier.Describe(purifier.Name, purifier.CategoryId, new DateOnly(2025, 3, 15), null, true, "WP6[0-9]{9}");
        purifier.SetWarranty(new WarrantyPolicy(12, 3, WarrantyStartRule.InvoiceDate, 0, true, [new ComponentWarranty("增压泵", 36)]));
        purifier.SetConsumables([("PP-COTTON", "PP棉滤芯", 90, 5900), ("RO-MEMBRANE", "RO反渗透膜", 720, 39900)], now);
        purifier.SetParts([("PUMP", "增压泵", 19900, false), ("INLET-VALVE", "进水电磁阀", 4900, false), ("FAUCET", "龙头", 8900, false)], now);

        var vacuum = ProductModel.Create(tenants.BrandId, "RV-X20", "X20 扫拖机器人", categories["robot-vacuum"].Id, now);
        vacuum.Describe(vacuum.Name, vacuum.CategoryId, new DateOnly(2025, 9, 1), null, true, "RVX20[0-9]{8}");
        vacuum.SetWarranty(new WarrantyPolicy(24, 6, WarrantyStartRule.DeliveryDatePlusDays, 7, true, [new ComponentWarranty("风机电机", 60)]));
        vacuum.SetConsumables([("HEPA", "HEPA滤网", 90, 3900), ("MAIN-BRUSH", "主刷", 180, 6900)], now);
        vacuum.SetParts([("FAN-MOTOR", "风机电机", 29900, false), ("BATTERY", "锂电池", 25900, false), ("SIDE-BRUSH", "边刷", 1900, true)], now);
        db.AddRange(purifier, vacuum);

        AddFaults(categories["robot-vacuum"], now,
            ("S01", "无法回充", "C01", "充电座", "R01", "充电触点氧化"),
            ("S02", "吸力变弱", "C02", "主刷", "R02", "毛发缠绕（宠物家庭）"),
            ("S03", "地毯上卡住", "C03", "驱动轮", "R03", "长毛地毯阻力过大"));
        AddFaults(categories["water-purifier"], now,
            ("S01", "出水变慢", "C01", "RO反渗透膜", "R01", "滤芯超期未换导致堵塞"),
            ("S02", "机器漏水", "C02", "快接头", "R02", "安装时未插到位"));
        await db.SaveChangesAsync(cancellationToken);
    }

    private void AddFaults(ProductCategory category, DateTimeOffset now, params (string S, string Symptom, string C, string Component, string R, string Cause)[] trees)
    {
        foreach (var t in trees)
        {
            var symptom = FaultCode.Create(category.TenantId, category.Id, null, t.S, t.Symptom, now);
            var component = FaultCode.Create(category.TenantId, category.Id, symptom, $"{t.S}-{t.C}", t.Component, now);
            var cause = FaultCode.Create(category.TenantId, category.Id, component, $"{t.S}-{t.C}-{t.R}", t.Cause, now);
            db.AddRange(symptom, component, cause);
        }
    }
}
