using CareLoop.Modules.Service.Contracts;
using CareLoop.Modules.Service.Domain;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.Service;

/// <summary>A request after a change: its state and the version to send with the next one.</summary>
public sealed record ServiceRequestChanged(Guid Id, ServiceRequestState State, long Version);

/// <summary>What the service-request use cases share: reading the API's enum names and the stale-version answer.</summary>
internal static class ServiceRequests
{
    /// <summary>An enum by its camelCase API name (any case); numbers and unknown names are a field error.</summary>
    public static T? ParseEnum<T>(string field, string? text, Validation v, bool required = false)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                v.Add(field, ErrorCodes.Required);
            }

            return null;
        }

        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        v.Add(field, ErrorCodes.InvalidFormat);
        return null;
    }

    /// <summary>
    /// What counts as a duplicate: an open request of the same customer, unit and kind. Requests without a unit
    /// (advice before the product is registered) match the customer's other unit-less ones.
    /// </summary>
    public static IQueryable<ServiceRequest> OpenDuplicatesOf(this IQueryable<ServiceRequest> requests, Guid customerId, Guid? unitId, ServiceRequestKind kind) =>
        requests.Where(r => r.CustomerId == customerId && r.UnitId == unitId && r.Kind == kind && r.State == ServiceRequestState.Open);

    /// <summary>Someone else changed the request since the caller read it: say where it is now.</summary>
    public static Error Stale(ServiceRequest current) =>
        new Error(ErrorCodes.ConcurrencyConflict, StatusCodes.Status409Conflict)
        {
            Extensions = new Dictionary<string, object?>
            {
                ["currentState"] = ServiceRequestRules.NameOf(current.State),
                ["currentVersion"] = current.Version,
            },
        };
}
