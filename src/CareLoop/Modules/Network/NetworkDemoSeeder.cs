using CareLoop.Modules.Network.Domain;
using CareLoop.Modules.Staff.Contracts;
using CareLoop.Platform.Demo;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Network;

/// <summary>
/// Demo engineers of <c>demo-brand</c> covering the districts of Suzhou (GB/T 2260: 320505 虎丘区, 320506 吴中区,
/// 320507 相城区, 320508 姑苏区, 320509 吴江区, 320583 昆山市). Scripts and tests rely on <c>engineer</c> covering 320508.
/// </summary>
internal sealed class NetworkDemoSeeder(CareLoopDbContext db, ITenantContext tenant, IStaffDirectory staff, TimeProvider time) : IDemoSeeder
{
    private static readonly (string UserName, string Station, string[] Skills, string[] Districts, int Capacity, double Lat, double Lng)[] Engineers =
    [
        ("engineer", "苏州姑苏服务站", ["water-purifier", "robot-vacuum"], ["320505", "320506", "320507", "320508"], 8, 31.2990, 120.6190),
        ("engineer2", "苏州吴江服务站", ["water-purifier", "robot-vacuum", "floor-washer"], ["320506", "320509", "320583"], 6, 31.1389, 120.6459),
    ];

    public async Task SeedAsync(DemoTenants tenants, CancellationToken cancellationToken)
    {
        tenant.Set(tenants.BrandId, DemoSeeder.BrandSlug);
        if (await db.Set<EngineerProfile>().AnyAsync(cancellationToken))
        {
            return;
        }

        var users = (await staff.InRoleAsync(Roles.Engineer, cancellationToken)).ToDictionary(u => u.UserName);
        foreach (var e in Engineers.Where(e => users.ContainsKey(e.UserName)))
        {
            var profile = EngineerProfile.Create(tenants.BrandId, users[e.UserName].Id, e.Station, time.GetUtcNow());
            profile.Assign(e.Skills, e.Districts, e.Capacity);
            profile.LocateHome(e.Lat, e.Lng);
            db.Add(profile);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
