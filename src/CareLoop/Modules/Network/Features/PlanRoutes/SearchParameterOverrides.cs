using System.Text.Json.Nodes;
using Google.OrTools.ConstraintSolver;
using Google.Protobuf;

namespace CareLoop.Modules.Network.Features.PlanRoutes;

/// <summary>
/// Applies <see cref="OrToolsRouteOptions.SearchParameterOverrides"/>: a JSON object in OR-Tools' own
/// <c>RoutingSearchParameters</c> field names, deep-merged over the planner's parameters. Merging the JSON (not the
/// protobuf messages) lets an override set a plain boolean back to false.
/// </summary>
internal static class SearchParameterOverrides
{
    public static RoutingSearchParameters Apply(RoutingSearchParameters parameters, string? overrides)
    {
        if (string.IsNullOrWhiteSpace(overrides))
        {
            return parameters;
        }

        var merged = JsonNode.Parse(JsonFormatter.Default.Format(parameters))!.AsObject();
        Merge(merged, JsonNode.Parse(overrides)?.AsObject() ?? throw new ArgumentException("Search parameter overrides must be a JSON object."));
        var result = JsonParser.Default.Parse<RoutingSearchParameters>(merged.ToJsonString());
        var error = operations_research_constraint_solver.FindErrorInRoutingSearchParameters(result);
        return string.IsNullOrEmpty(error) ? result : throw new ArgumentException($"Invalid OR-Tools search parameters: {error}");
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (name, value) in source)
        {
            if (value is JsonObject child && target[name] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }
}
