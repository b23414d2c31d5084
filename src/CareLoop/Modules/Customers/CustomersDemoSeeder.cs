using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Demo;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers;

/// <summary>Demo customers of <c>demo-brand</c> in Suzhou (fictitious names and numbers; addresses geocoded, so dispatch measures distances).</summary>
internal sealed class CustomersDemoSeeder(
    CareLoopDbContext db, ITenantContext tenant, PhoneVault vault, Regions regions, ICatalog catalog, TimeProvider time) : IDemoSeeder
{
    private static readonly (string Name, string Phone, string District, string Detail, string[] Tags, ContactChannel Channel, double Lat, double Lng)[] People =
    [
        ("张伟", "13812345678", "320508", "平江路 88 号 3 幢 501 室", ["养宠物", "长毛地毯"], ContactChannel.WeChat, 31.3160, 120.6330),
        ("王秀英", "13912345601", "320506", "吴中大道 1188 号 12 幢 1102 室", ["老人家庭"], ContactChannel.Phone, 31.2560, 120.6300),
        ("李娜", "15012345602", "320505", "狮山路 35 号 2 幢 801 室", [], ContactChannel.Sms, 31.2990, 120.5650),
        ("刘洋", "18612345603", "320509", "中山南路 1008 号 6 幢 302 室", ["有小孩"], ContactChannel.WeChat, 31.1500, 120.6420),
        ("陈静", "13712345604", "320583", "前进中路 168 号 9 幢 1501 室", ["养宠物"], ContactChannel.App, 31.3850, 120.9800),
    ];

    /// <summary>Units: one in warranty bought on Tmall, one water purifier from JD, one robot vacuum whose main warranty has run out.</summary>
    private static readonly (string Owner, string Sku, string Serial, PurchaseChannel Channel, string Order, int DaysAgo)[] Units =
    [
        ("张伟", "RV-X20", "RVX2000000001", PurchaseChannel.Tmall, "TM20260508001", 200),
        ("王秀英", "WP-RO600", "WP6000000001", PurchaseChannel.JD, "JD20251201002", 350),
        ("陈静", "RV-X20", "RVX2000000002", PurchaseChannel.Offline, "", 800),
    ];

    public async Task SeedAsync(DemoTenants tenants, CancellationToken cancellationToken)
    {
        tenant.Set(tenants.BrandId, DemoSeeder.BrandSlug);
        if (await db.Set<Customer>().AnyAsync(cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var p in People)
        {
            var customer = Customer.Create(tenants.BrandId, p.Name, now);
            var phone = vault.Seal(tenants.BrandId, p.Phone)!;
            customer.AddPhone(phone.Cipher, phone.BlindIndex, phone.Masked, now);
            customer.AddAddress(regions.PathOf(p.District)!, p.Detail, p.Lat, p.Lng, now);
            customer.SetPreferences(p.Channel, true, true, p.Channel == ContactChannel.WeChat);
            customer.Tag(p.Tags);
            // The contact policy's channel facts: an elderly household is phoned; one follower of the brand's WeChat account.
            customer.SetContactFacts(p.Tags.Contains("老人家庭"), null, p.Name == "刘洋" ? "oDemo-LiuYang-0001" : null);
            db.Add(customer);
            foreach (var u in Units.Where(u => u.Owner == p.Name))
            {
                var model = (await catalog.FindModelBySkuAsync(u.Sku, cancellationToken))!;
                var bought = TimeDisplay.Today(time).AddDays(-u.DaysAgo);
                db.Add(RegisteredUnit.Register(tenants.BrandId, customer.Id, u.Serial, model.Id, model.Sku, bought, u.Channel, u.Order, bought.AddDays(2), bought.AddDays(3), now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
