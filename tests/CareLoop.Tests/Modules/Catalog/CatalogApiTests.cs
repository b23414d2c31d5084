using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;

namespace CareLoop.Tests.Modules.Catalog;

public sealed class CatalogApiTests
{
    [Theory, AllProviders]
    public async Task The_demo_catalog_has_the_documented_models_and_consumables(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");

        var models = await agent.GetFromJsonAsync<JsonElement>("/api/v1/catalog/models");
        var purifierId = models.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("sku").GetString() == "WP-RO600").GetProperty("id").GetString();
        var purifier = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/models/{purifierId}");
        var consumables = purifier.GetProperty("consumables").EnumerateArray()
            .ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("intervalDays").GetInt32());

        Assert.Contains(models.GetProperty("items").EnumerateArray(), m => m.GetProperty("sku").GetString() == "RV-X20");
        Assert.Equal(new Dictionary<string, int> { ["PP-COTTON"] = 90, ["RO-MEMBRANE"] = 720 }, consumables);
        Assert.Equal("invoiceDate", purifier.GetProperty("warranty").GetProperty("startRule").GetString());
    }

    [Theory, AllProviders]
    public async Task An_admin_creates_and_edits_a_model_and_a_stale_edit_is_a_409(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        var categories = await admin.GetFromJsonAsync<JsonElement>("/api/v1/catalog/categories");
        var dryer = categories.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "hair-dryer").GetProperty("id").GetString();
        var body = new
        {
            sku = "hd-s1", name = "S1 高速吹风机", categoryId = dryer, isActive = true, serialPattern = "HDS1[0-9]{6}",
            warranty = new { mainUnitMonths = 24, wearPartsMonths = 6, startRule = "invoiceDate", startOffset = 0, transfersWithOwnership = true, components = new[] { new { component = "电机", months = 36 } } },
            parts = new[] { new { code = "filter-net", name = "过滤网", listPriceFen = 2900, isWearPart = true } },
            consumables = Array.Empty<object>(),
        };

        var created = await admin.PostAsJsonAsync("/api/v1/catalog/models", body);
        var model = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = model.GetProperty("id").GetString();
        var edited = await admin.PutAsJsonAsync($"/api/v1/catalog/models/{id}", Edit(body, 0));
        var stale = await admin.PutAsJsonAsync($"/api/v1/catalog/models/{id}", Edit(body, 0));
        var duplicate = await admin.PostAsJsonAsync("/api/v1/catalog/models", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("HD-S1", model.GetProperty("sku").GetString());
        Assert.Equal("FILTER-NET", model.GetProperty("parts")[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(1, (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "concurrency_conflict");
        await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict, "sku_taken");
    }

    [Theory, AllProviders]
    public async Task Invalid_models_are_rejected_field_by_field_and_nothing_is_saved(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/v1/catalog/models", new
        {
            sku = "bad sku", name = "", categoryId = Guid.NewGuid(), isActive = true, serialPattern = "([0-9",
            warranty = new { mainUnitMonths = 999, wearPartsMonths = 3, startRule = "invoiceDate", startOffset = 0, transfersWithOwnership = true, components = Array.Empty<object>() },
            parts = Array.Empty<object>(),
            consumables = new[] { new { code = "HEPA", name = "HEPA", intervalDays = 0, priceFen = 100 }, new { code = "hepa", name = "again", intervalDays = 90, priceFen = -1 } },
        });
        var models = await admin.GetFromJsonAsync<JsonElement>("/api/v1/catalog/models?search=bad");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "name", "sku", "categoryId", "serialPattern", "warranty.mainUnitMonths", "consumables[0].intervalDays", "consumables[1].priceFen", "consumables" }, fields);
        Assert.Equal(0, models.GetProperty("total").GetInt32());
    }

    [Theory, AllProviders]
    public async Task Fault_codes_form_a_three_level_tree_and_agents_cannot_change_the_catalog(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        var categories = await agent.GetFromJsonAsync<JsonElement>("/api/v1/catalog/categories");
        var vacuum = categories.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "robot-vacuum").GetProperty("id").GetString();
        var tree = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/categories/{vacuum}/fault-codes");
        var cause = tree[0].GetProperty("children")[0].GetProperty("children")[0];

        var underCause = await admin.PostAsJsonAsync("/api/v1/catalog/fault-codes", new { categoryId = vacuum, parentId = cause.GetProperty("id").GetString(), code = "X", name = "x" });
        var symptom = await admin.PostAsJsonAsync("/api/v1/catalog/fault-codes", new { categoryId = vacuum, code = "S09", name = "噪音大" });
        var byAgent = await agent.PostAsJsonAsync("/api/v1/catalog/fault-codes", new { categoryId = vacuum, code = "S10", name = "x" });

        Assert.Equal("cause", cause.GetProperty("level").GetString());
        await ProblemAssert.IsProblemAsync(underCause, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(HttpStatusCode.Created, symptom.StatusCode);
        Assert.Equal("symptom", (await symptom.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("level").GetString());
        await ProblemAssert.IsProblemAsync(byAgent, HttpStatusCode.Forbidden, "forbidden");
    }

    private static System.Text.Json.Nodes.JsonObject Edit(object body, long expectedVersion)
    {
        var json = JsonSerializer.SerializeToNode(body)!.AsObject();
        json["name"] = "S1 高速吹风机（二代）";
        json["expectedVersion"] = expectedVersion;
        return json;
    }
}
