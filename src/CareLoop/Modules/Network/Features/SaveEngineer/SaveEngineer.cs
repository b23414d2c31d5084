using System.Globalization;
using System.Security.Claims;
using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.Network.Domain;
using CareLoop.Modules.Network.Features.ListEngineers;
using CareLoop.Modules.Staff.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CareLoop.Modules.Network.Features.SaveEngineer;

/// <summary>A weekly shift: ISO weekday (1 = Monday … 7 = Sunday), local start and end as <c>HH:mm</c>.</summary>
public sealed record ShiftInput(int Day, string? Start, string? End);

public sealed record CertificateInput(string? Kind, DateOnly? ExpiresOn);

public sealed record LeaveInput(DateOnly? From, DateOnly? To);

/// <summary>
/// An engineer's service profile. <c>userId</c> only when creating (an existing user in the Engineer role). Lists replace
/// what was there; <c>shifts</c> null keeps the calendar (a new profile gets Monday–Saturday 08:00–18:00).
/// </summary>
public sealed record SaveEngineerRequest(
    Guid? UserId, Guid? StationId, IReadOnlyList<string>? Skills, IReadOnlyList<string>? ServiceDistricts, double? ServiceRadiusKm,
    int? DailyCapacity, double? HomeLatitude, double? HomeLongitude, IReadOnlyList<CertificateInput>? Certificates,
    IReadOnlyList<ShiftInput>? Shifts, IReadOnlyList<LeaveInput>? Leave, bool IsActive = true, long? ExpectedVersion = null);

/// <summary>Creates (<c>id</c> null) or replaces an engineer's profile; evicts the dispatch snapshot.</summary>
public sealed class SaveEngineerHandler(
    CareLoopDbContext db, ITenantContext tenant, IStaffDirectory staff, NetworkChecks checks, ListEngineersHandler list, IAuditLog audit,
    IMemoryCache cache, TimeProvider time)
{
    public async Task<Result<EngineerRow>> HandleAsync(ClaimsPrincipal actor, Guid? id, SaveEngineerRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.NetworkManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation();
        var shifts = EngineerValidation.Check(v, checks, request);
        await checks.CategoriesAsync(v, "skills", request.Skills, cancellationToken);
        var station = request.StationId is { } stationId ? await db.Set<Station>().SingleOrDefaultAsync(s => s.Id == stationId, cancellationToken) : null;
        if (request.StationId is not null && station is null)
        {
            v.Add("stationId", ErrorCodes.NotFound);
        }

        if (id is null && request.UserId is null)
        {
            v.Add("userId", ErrorCodes.Required);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        EngineerProfile profile;
        if (id is null)
        {
            var user = await staff.FindAsync(request.UserId!.Value, cancellationToken);
            if (user is null || !user.Roles.Contains(Roles.Engineer))
            {
                return Error.Validation([new FieldError("userId", ErrorCodes.NotAnEngineer)]);
            }

            if (await db.Set<EngineerProfile>().AnyAsync(p => p.UserId == user.Id, cancellationToken))
            {
                return Error.Conflict(ErrorCodes.EngineerProfileExists);
            }

            profile = EngineerProfile.Create(tenant.RequireTenantId(), user.Id, station?.Name ?? "", time.GetUtcNow());
            db.Add(profile);
        }
        else
        {
            var found = await db.Set<EngineerProfile>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (found is null)
            {
                return Error.NotFound();
            }

            if (request.ExpectedVersion is { } expected && expected != found.Version)
            {
                return Error.Conflict(ErrorCodes.ConcurrencyConflict);
            }

            profile = found;
        }

        profile.Assign(request.Skills ?? [], NetworkRules.Codes(request.ServiceDistricts ?? []), request.DailyCapacity!.Value);
        profile.LocateHome(request.HomeLatitude, request.HomeLongitude);
        profile.PlaceAt(station?.Id, station?.Name ?? "", request.ServiceRadiusKm, request.IsActive);
        profile.Certify((request.Certificates ?? []).Select(c => new Certificate(c.Kind!.Trim(), c.ExpiresOn!.Value)));
        profile.Schedule(shifts ?? profile.Shifts, (request.Leave ?? []).Select(l => new Leave(l.From!.Value, l.To!.Value)));
        audit.Record(id is null ? "network.engineer-created" : "network.engineer-updated", nameof(EngineerProfile), profile.Id.ToString(),
            new { profile.UserId, profile.StationId, profile.ServiceDistricts, profile.Skills, profile.DailyCapacity, profile.IsActive });
        await db.SaveChangesAsync(cancellationToken);
        NetworkDirectory.Evict(cache, profile.TenantId);
        return (await list.HandleAsync(null, null, cancellationToken)).Single(r => r.Id == profile.Id);
    }
}

/// <summary>The bad inputs of an engineer's profile, each on its own field.</summary>
internal static class EngineerValidation
{
    /// <summary>Adds every field error; returns the parsed shifts (null when none were sent).</summary>
    public static List<Shift>? Check(Validation v, NetworkChecks checks, SaveEngineerRequest r)
    {
        if (r.DailyCapacity is not { } capacity)
        {
            v.Add("dailyCapacity", ErrorCodes.Required);
        }
        else
        {
            v.Range("dailyCapacity", capacity, 0, NetworkRules.MaxDailyCapacity);
        }

        checks.Districts(v, "serviceDistricts", r.ServiceDistricts);
        if (r.ServiceRadiusKm is { } radius)
        {
            if (radius is <= 0 or > NetworkRules.MaxServiceRadiusKm || double.IsNaN(radius))
            {
                v.Add("serviceRadiusKm", ErrorCodes.OutOfRange, 1, NetworkRules.MaxServiceRadiusKm);
            }
            else if (r.HomeLatitude is null || r.HomeLongitude is null)
            {
                v.Add("serviceRadiusKm", ErrorCodes.RadiusNeedsHome);
            }
        }
        else if (r.ServiceDistricts is null || r.ServiceDistricts.All(string.IsNullOrWhiteSpace))
        {
            v.Add("serviceDistricts", ErrorCodes.NoServiceArea);
        }

        NetworkChecks.Position(v, "homeLatitude", "homeLongitude", r.HomeLatitude, r.HomeLongitude);
        Certificates(v, r.Certificates ?? []);
        LeaveDays(v, r.Leave ?? []);
        return r.Shifts is null ? null : Shifts(v, r.Shifts);
    }

    private static void Certificates(Validation v, IReadOnlyList<CertificateInput> certificates)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < certificates.Count; i++)
        {
            var kind = certificates[i].Kind?.Trim() ?? "";
            if (kind.Length == 0)
            {
                v.Add($"certificates[{i}].kind", ErrorCodes.Required);
            }
            else if (!NetworkRules.IsCertificateKind(kind))
            {
                v.Add($"certificates[{i}].kind", ErrorCodes.InvalidFormat);
            }
            else if (!seen.Add(kind))
            {
                v.Add($"certificates[{i}].kind", ErrorCodes.Duplicate, kind);
            }

            if (certificates[i].ExpiresOn is null)
            {
                v.Add($"certificates[{i}].expiresOn", ErrorCodes.Required);
            }
        }
    }

    private static void LeaveDays(Validation v, IReadOnlyList<LeaveInput> leave)
    {
        for (var i = 0; i < leave.Count; i++)
        {
            if (leave[i].From is null)
            {
                v.Add($"leave[{i}].from", ErrorCodes.Required);
            }

            if (leave[i].To is null)
            {
                v.Add($"leave[{i}].to", ErrorCodes.Required);
            }
            else if (leave[i].From is { } from && leave[i].To < from)
            {
                v.Add($"leave[{i}].to", ErrorCodes.EndsBeforeStart);
            }
        }
    }

    /// <summary>At most one shift per weekday, each starting before it ends (no shift runs past midnight).</summary>
    private static List<Shift> Shifts(Validation v, IReadOnlyList<ShiftInput> shifts)
    {
        var parsed = new List<Shift>();
        var days = new Dictionary<int, int>();
        for (var i = 0; i < shifts.Count; i++)
        {
            var s = shifts[i];
            var start = Time(v, $"shifts[{i}].start", s.Start);
            var end = Time(v, $"shifts[{i}].end", s.End);
            if (s.Day is < 1 or > 7)
            {
                v.Add($"shifts[{i}].day", ErrorCodes.OutOfRange, 1, 7);
                continue;
            }

            if (days.TryGetValue(s.Day, out var first))
            {
                v.Add($"shifts[{i}]", ErrorCodes.ShiftOverlap, s.Day, first + 1);
                continue;
            }

            days[s.Day] = i;
            if (start is { } from && end is { } to)
            {
                if (to <= from)
                {
                    v.Add($"shifts[{i}].end", ErrorCodes.EndsBeforeStart);
                }
                else
                {
                    parsed.Add(new Shift(s.Day, from, to));
                }
            }
        }

        return parsed;
    }

    private static TimeOnly? Time(Validation v, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            v.Add(field, ErrorCodes.Required);
            return null;
        }

        if (TimeOnly.TryParseExact(value.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return new TimeOnly(time.Hour, time.Minute);
        }

        v.Add(field, ErrorCodes.InvalidFormat);
        return null;
    }
}

public static class SaveEngineerEndpoints
{
    public static void MapSaveEngineer(this RouteGroupBuilder network)
    {
        network.MapPost("/engineers", async (SaveEngineerRequest body, ClaimsPrincipal user, SaveEngineerHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, null, body, ct)).ToHttp(http, e => TypedResults.Created($"/api/v1/network/engineers/{e.Id}", e)))
            .RequireAuthorization(Permissions.NetworkManage)
            .WithSummary("Create the service profile of an existing Engineer user: station, skills, districts or radius, capacity, home, certificates, shifts, leave.");
        network.MapPut("/engineers/{id:guid}", async (Guid id, SaveEngineerRequest body, ClaimsPrincipal user, SaveEngineerHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.NetworkManage)
            .WithSummary("Replace an engineer's profile (dispatch sees it at once); 422 with field errors for bad input, 409 when expectedVersion is stale.");
    }
}
