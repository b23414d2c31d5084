using System.Text.Json;
using CareLoop.Modules.WorkOrders.Contracts;

namespace CareLoop.Modules.WorkOrders.Features.ListWorkOrders;

/// <summary>
/// The list page's filters as its URL query string, so a link (or a saved view) reproduces the view and back/forward
/// walks through filter changes. The names and values are the API's (<c>state=assigned&amp;sla=atRisk&amp;region=4403</c>),
/// except that the page shows open orders unless told <c>open=all</c>.
/// </summary>
public sealed record WorkOrderListQuery(
    WorkOrderState? State = null, WorkOrderKind? Kind = null, SlaRisk? Sla = null, string? Region = null, Guid? AssigneeId = null,
    bool Unassigned = false, bool OpenOnly = true)
{
    public const string AllOrders = "all";

    /// <summary>From the page's query parameters; what does not parse is ignored (a stale or hand-edited link still opens the list).</summary>
    public static WorkOrderListQuery From(string? state, string? kind, string? sla, string? region, string? assigneeId, string? unassigned, string? open) => new(
        Enum<WorkOrderState>(state),
        Enum<WorkOrderKind>(kind),
        Enum<SlaRisk>(sla),
        region is { } r && RegionPrefix.IsValid(r.Trim()) ? r.Trim() : null,
        Guid.TryParse(assigneeId, out var id) ? id : null,
        bool.TryParse(unassigned, out var none) && none,
        !string.Equals(open, AllOrders, StringComparison.OrdinalIgnoreCase));

    public WorkOrderFilter ToFilter() => new(State, Kind, AssigneeId, null, OpenOnly ? true : null, Sla, Region, Unassigned ? true : null);

    /// <summary>The query string without <c>?</c>, in a fixed order (equal filters give equal strings); empty for the default view.</summary>
    public string ToQueryString()
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                pairs.Add(KeyValuePair.Create(key, (string?)value));
            }
        }

        Add("state", Name(State));
        Add("kind", Name(Kind));
        Add("sla", Name(Sla));
        Add("region", Region);
        Add("assigneeId", AssigneeId?.ToString());
        Add("unassigned", Unassigned ? "true" : null);
        Add("open", OpenOnly ? null : AllOrders);
        return QueryString.Create(pairs).ToUriComponent().TrimStart('?');
    }

    private static string? Name<T>(T? value)
        where T : struct, Enum => value is { } v ? JsonNamingPolicy.CamelCase.ConvertName(v.ToString()) : null;

    private static T? Enum<T>(string? text)
        where T : struct, Enum =>
        System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _) ? value : null;
}
