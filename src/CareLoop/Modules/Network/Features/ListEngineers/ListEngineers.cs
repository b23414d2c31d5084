using System.Globalization;
using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.Network.Domain;
using CareLoop.Modules.Staff.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Network.Features.ListEngineers;

/// <summary>A weekly shift as the API shows it: ISO weekday and <c>HH:mm</c> times.</summary>
public sealed record ShiftRow(int Day, string Start, string End)
{
    public static ShiftRow Of(Shift s) =>
        new(s.Day, s.Start.ToString("HH:mm", CultureInfo.InvariantCulture), s.End.ToString("HH:mm", CultureInfo.InvariantCulture));
}

/// <param name="IsActive">Dispatchable: the profile is active and the account is not locked.</param>
/// <param name="ProfileActive">The profile's own flag (what an edit sets).</param>
public sealed record EngineerRow(
    Guid Id, Guid UserId, string UserName, string DisplayName, Guid? StationId, string StationName, IReadOnlyList<string> Skills,
    IReadOnlyList<string> ServiceDistricts, double? ServiceRadiusKm, int DailyCapacity, double? HomeLatitude, double? HomeLongitude,
    double? LastLatitude, double? LastLongitude, DateTimeOffset? LastLocatedAt, double Rating, IReadOnlyList<Certificate> Certificates,
    IReadOnlyList<ShiftRow> Shifts, IReadOnlyList<Leave> Leave, bool IsActive, bool ProfileActive, bool AccountLocked, long Version);

/// <summary>An Engineer user without a service profile yet: who an admin may add to the network.</summary>
public sealed record EngineerCandidate(Guid UserId, string UserName, string DisplayName);

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
                return new EngineerRow(p.Id, p.UserId, member?.UserName ?? "", member?.DisplayName ?? "", p.StationId, p.StationName, p.Skills,
                    p.ServiceDistricts, p.ServiceRadiusKm, p.DailyCapacity, p.HomeLatitude, p.HomeLongitude, p.LastLatitude, p.LastLongitude,
                    p.LastLocatedAt, p.Rating, p.Certificates, p.Shifts.Select(ShiftRow.Of).ToList(), p.LeaveDays,
                    p.IsActive && member is { IsLocked: false }, p.IsActive, member is not { IsLocked: false }, p.Version);
            })
            .OrderBy(r => r.UserName, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyList<EngineerCandidate>> CandidatesAsync(CancellationToken cancellationToken)
    {
        var profiled = (await db.Set<EngineerProfile>().Select(p => p.UserId).ToListAsync(cancellationToken)).ToHashSet();
        return (await staff.InRoleAsync(Roles.Engineer, cancellationToken))
            .Where(m => !profiled.Contains(m.Id) && !m.IsLocked)
            .OrderBy(m => m.UserName, StringComparer.Ordinal)
            .Select(m => new EngineerCandidate(m.Id, m.UserName, m.DisplayName))
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
    public static void MapListEngineers(this RouteGroupBuilder network)
    {
        network.MapGet("/engineers", (string? district, string? category, ListEngineersHandler handler, CancellationToken ct) =>
                handler.HandleAsync(district, category, ct))
            .RequireAuthorization(Permissions.NetworkRead)
            .WithSummary("Engineers with station, skills, districts (GB/T 2260), radius, capacity, home and last position, certificates, shifts, leave, rating.");
        network.MapGet("/engineer-candidates", (ListEngineersHandler handler, CancellationToken ct) => handler.CandidatesAsync(ct))
            .RequireAuthorization(Permissions.NetworkRead)
            .WithSummary("Engineer users without a service profile yet (what POST /network/engineers accepts as userId).");
    }
}
