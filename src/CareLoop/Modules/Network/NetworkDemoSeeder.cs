using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.Network.Domain;
using CareLoop.Modules.Staff.Contracts;
using CareLoop.Platform.Demo;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Network;

/// <summary>
/// Demo network of <c>demo-brand</c>: its own service organisation contracted for all of Suzhou (GB/T 2260 3205) and
/// the three demo categories, two stations, and engineers covering the districts of Suzhou (320505 虎丘区, 320506 吴中区,
/// 320507 相城区, 320508 姑苏区, 320509 吴江区, 320583 昆山市), on shift every day 08:00–20:00 so the demo dispatches on
/// any day. Scripts and tests rely on <c>engineer</c> covering 320508.
/// </summary>
internal sealed class NetworkDemoSeeder(CareLoopDbContext db, ITenantContext tenant, IStaffDirectory staff, IConfiguration configuration, TimeProvider time) : IDemoSeeder
{
    private static readonly (string UserName, string Station, string[] Skills, string[] Districts, int Capacity, double Lat, double Lng)[] Engineers =
    [
        ("engineer", "苏州姑苏服务站", ["water-purifier", "robot-vacuum"], ["320505", "320506", "320507", "320508"], 8, 31.2990, 120.6190),
        ("engineer2", "苏州吴江服务站", ["water-purifier", "robot-vacuum", "floor-washer"], ["320506", "320509", "320583"], 6, 31.1389, 120.6459),
    ];

    /// <summary>With <c>Demo:RouteDay</c>: two more 姑苏 engineers, so the station's day-route plan has three routes.</summary>
    private static readonly (string UserName, string[] Skills, string[] Districts, int Capacity, double? Lat, double? Lng)[] RouteDayEngineers =
    [
        ("engineer3", ["water-purifier", "robot-vacuum"], ["320505", "320507", "320508"], 5, 31.3265, 120.5870),
        ("engineer4", ["water-purifier"], ["320507", "320508"], 4, null, null), // no home on file: starts from the station
    ];

    public async Task SeedAsync(DemoTenants tenants, CancellationToken cancellationToken)
    {
        tenant.Set(tenants.BrandId, DemoSeeder.BrandSlug);
        if (await db.Set<EngineerProfile>().AnyAsync(cancellationToken))
        {
            await SeedRouteDayAsync(cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        var provider = Provider.Create(tenants.BrandId, "苏州自营服务中心", isBrandOwned: true, now);
        provider.Contract(["3205"], ["water-purifier", "robot-vacuum", "floor-washer"], endsOn: null);
        db.Add(provider);
        var stations = new Dictionary<string, Station>();
        foreach (var (name, district, address, lat, lng) in new[]
                 {
                     ("苏州姑苏服务站", "320508", "姑苏区人民路 1000 号", 31.3010, 120.6210),
                     ("苏州吴江服务站", "320509", "吴江区中山北路 500 号", 31.1600, 120.6400),
                 })
        {
            var station = Station.Create(tenants.BrandId, provider.Id, name, now);
            station.Update(name, district, address, lat, lng, isActive: true);
            stations[name] = station;
            db.Add(station);
        }

        var everyDay = Enumerable.Range(1, 7).Select(d => new Shift(d, new TimeOnly(8, 0), new TimeOnly(20, 0))).ToList();
        var users = (await staff.InRoleAsync(Roles.Engineer, cancellationToken)).ToDictionary(u => u.UserName);
        foreach (var e in Engineers.Where(e => users.ContainsKey(e.UserName)))
        {
            var profile = EngineerProfile.Create(tenants.BrandId, users[e.UserName].Id, e.Station, now);
            profile.Assign(e.Skills, e.Districts, e.Capacity);
            profile.LocateHome(e.Lat, e.Lng);
            profile.PlaceAt(stations[e.Station].Id, e.Station, serviceRadiusKm: null, isActive: true);
            profile.Schedule(everyDay, []);
            profile.Rate(4.8);
            db.Add(profile);
        }

        await db.SaveChangesAsync(cancellationToken);
        await SeedRouteDayAsync(cancellationToken);
    }

    private async Task SeedRouteDayAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:RouteDay", false))
        {
            return;
        }

        var station = await db.Set<Station>().FirstOrDefaultAsync(s => s.Name == "苏州姑苏服务站", cancellationToken);
        var users = (await staff.InRoleAsync(Roles.Engineer, cancellationToken)).ToDictionary(u => u.UserName);
        var now = time.GetUtcNow();
        foreach (var e in RouteDayEngineers.Where(e => station is not null && users.ContainsKey(e.UserName)))
        {
            var userId = users[e.UserName].Id;
            if (await db.Set<EngineerProfile>().AnyAsync(p => p.UserId == userId, cancellationToken))
            {
                continue;
            }

            var profile = EngineerProfile.Create(station!.TenantId, userId, station.Name, now);
            profile.Assign(e.Skills, e.Districts, e.Capacity);
            profile.LocateHome(e.Lat, e.Lng);
            profile.PlaceAt(station.Id, station.Name, serviceRadiusKm: null, isActive: true);
            profile.Schedule(Enumerable.Range(1, 7).Select(d => new Shift(d, new TimeOnly(9, 0), new TimeOnly(18, 0))).ToList(), []);
            profile.Rate(4.6);
            db.Add(profile);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
