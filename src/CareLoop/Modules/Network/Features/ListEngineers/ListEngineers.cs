using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.Network.Domain;
using CareLoop.Modules.Staff.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Network.Features.ListEngineers;

public sealed record EngineerRow(
    Guid Id, Guid UserId, string UserName, string DisplayName, string StationName, IReadOnlyList<string> Skills,
    IReadOnlyList<string> ServiceDistricts, int DailyCapacity, double? HomeLatitude, double? HomeLongitude, bool IsActive);

/// <summary>The tenant's engineers, optionally only those covering a district and category.</summary>
public sealed class ListEngineersHandler(CareLoopDbContext db, IStaffDirectory staff)
{
    public async Task<IReadOnlyList<EngineerRow>> HandleAsync(string? district, string? category, CancellationToken cancellationToken)
    {
        var profiles = await db.Set<EngineerProfile>().AsNoTracking().ToListAsync(cancellationToken);
        var selected = profiles.Where(p =>
            (string.IsNullOrWhiteSpace(district) || p.Serves(district)) &&
            (string.IsNullOrWhiteSpace(category) || p.CanFix(category)));
        var engineers = (await staff.InRoleAsync(Roles.Engineer, cancellationToken)).ToDictionary(m => m.Id);
        return selected
            .Select(p =>
            {
                var member = engineers.GetValueOrDefault(p.UserId);
                return new EngineerRow(p.Id, p.UserId, member?.UserName ?? "", member?.DisplayName ?? "", p.StationName, p.Skills,
                    p.ServiceDistricts, p.DailyCapacity, p.HomeLatitude, p.HomeLongitude, p.IsActive && member is { IsLocked: false });
            })
            .OrderBy(r => r.UserName, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyList<EngineerInfo>> EngineersCoveringAsync(string districtCode, string categoryCode, CancellationToken cancellationToken) =>
        (await HandleAsync(districtCode, categoryCode, cancellationToken))
            .Where(r => r.IsActive)
            .Select(r => new EngineerInfo(r.UserId, r.StationName, r.Skills, r.ServiceDistricts, r.DailyCapacity, r.HomeLatitude, r.HomeLongitude))
            .ToList();
}

public static class ListEngineersEndpoint
{
    public static void MapListEngineers(this RouteGroupBuilder network) =>
        network.MapGet("/engineers", (string? district, string? category, ListEngineersHandler handler, CancellationToken ct) =>
                handler.HandleAsync(district, category, ct))
            .RequireAuthorization(Permissions.NetworkRead)
            .WithSummary("Engineers with their skills, service districts (GB/T 2260) and daily capacity.");
}
