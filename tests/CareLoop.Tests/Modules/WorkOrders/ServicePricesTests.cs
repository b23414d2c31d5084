using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;

namespace CareLoop.Tests.Modules.WorkOrders;

/// <summary>The tenant's price list through <c>/api/v1/settings/prices</c>: entries per kind of job, deactivated back to the default.</summary>
public sealed class ServicePricesTests
{
    [Theory, AllProviders]
    public async Task An_entry_overrides_the_default_until_deactivated_and_only_settings_managers_change_it(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");

        var before = Repair(await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/prices"));
        var saved = await admin.PutAsJsonAsync("/api/v1/settings/prices", new[] { new { kind = "onSiteRepair", labourFen = 9550, visitFeeFen = 3500 } });
        var set = Repair(await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/prices"));
        var refused = await agent.PostAsync("/api/v1/settings/prices/onSiteRepair/deactivate", null);
        var deactivated = await admin.PostAsync("/api/v1/settings/prices/onSiteRepair/deactivate", null);
        var twice = await admin.PostAsync("/api/v1/settings/prices/onSiteRepair/deactivate", null);
        var neverSet = await admin.PostAsync("/api/v1/settings/prices/installation/deactivate", null);
        var after = Repair(await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/prices"));
        await admin.PutAsJsonAsync("/api/v1/settings/prices", new[] { new { kind = "onSiteRepair", labourFen = 9000, visitFeeFen = 3000 } });
        var again = Repair(await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/prices"));

        Assert.Equal((8000L, 3000L, "default"), before);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal((9550L, 3500L, "tenant"), set);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, neverSet.StatusCode);
        Assert.Equal((8000L, 3000L, "deactivated"), after);
        Assert.Equal((9000L, 3000L, "tenant"), again);
    }

    private static (long Labour, long Visit, string Source) Repair(JsonElement list)
    {
        var row = list.EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "onSiteRepair");
        return (row.GetProperty("labourFen").GetInt64(), row.GetProperty("visitFeeFen").GetInt64(), row.GetProperty("source").GetString()!);
    }
}
