namespace CareLoop.Modules.Network.Contracts;

/// <summary>What other modules (dispatch, work orders) may read of the service network.</summary>
public interface INetwork
{
    /// <summary>Active engineers who cover the district and have the skill for the category.</summary>
    Task<IReadOnlyList<EngineerInfo>> EngineersCoveringAsync(string districtCode, string categoryCode, CancellationToken cancellationToken);
}

public sealed record EngineerInfo(Guid UserId, string StationName, IReadOnlyList<string> Skills, IReadOnlyList<string> ServiceDistricts, int DailyCapacity, double? HomeLatitude, double? HomeLongitude);
